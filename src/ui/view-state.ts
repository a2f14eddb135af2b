// Which part of the screen has the keyboard and which overlay is open. Pure, so focus rules are tested
// without a terminal.

export type Focus = 'keys' | 'repl';
/** `read`: the reading view (v); `modules`: the program's modules (m). Both scroll with `readScroll`. */
export type Overlay = 'none' | 'help' | 'compare' | 'read' | 'modules';

export interface ViewState {
  focus: Focus;
  overlay: Overlay;
  /** First row of the reading view (or the modules page) shown. */
  readScroll: number;
  /** The feed shows each response's headers under it. */
  headers: boolean;
  /** Page of the help overlay (it pages when its columns do not hold every key). */
  helpPage: number;
  /** Set once quitting starts: keys stop acting while the engine shuts down. */
  quitting: boolean;
}

export type ViewAction =
  | { type: 'focusRepl' }
  | { type: 'leaveRepl' }
  | { type: 'toggleHelp' }
  | { type: 'openCompare' }
  | { type: 'toggleRead' }
  | { type: 'toggleModules' }
  | { type: 'pageHelp'; by: number }
  | { type: 'toggleHeaders' }
  | { type: 'scrollRead'; by: number; max: number }
  | { type: 'closeOverlay' }
  | { type: 'quitting' };

export const initialViewState: ViewState = { focus: 'keys', overlay: 'none', readScroll: 0, helpPage: 0, headers: false, quitting: false };

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'focusRepl':
      return state.focus === 'repl' ? state : { ...state, focus: 'repl' };
    case 'leaveRepl':
      return state.focus === 'keys' ? state : { ...state, focus: 'keys' };
    case 'toggleHelp':
      return { ...state, overlay: state.overlay === 'help' ? 'none' : 'help', helpPage: 0 };
    case 'toggleHeaders':
      return { ...state, headers: !state.headers };
    case 'pageHelp':
      // The overlay clamps the page to what exists; the state never goes below the first.
      return { ...state, helpPage: Math.max(0, state.helpPage + action.by) };
    case 'openCompare':
      return { ...state, overlay: 'compare' };
    case 'toggleRead':
      return { ...state, overlay: state.overlay === 'read' ? 'none' : 'read', readScroll: 0 };
    case 'toggleModules':
      return { ...state, overlay: state.overlay === 'modules' ? 'none' : 'modules', readScroll: 0 };
    case 'scrollRead':
      return { ...state, readScroll: Math.max(0, Math.min(Math.max(0, action.max), state.readScroll + action.by)) };
    case 'closeOverlay':
      return state.overlay === 'none' ? state : { ...state, overlay: 'none' };
    case 'quitting':
      return { ...state, quitting: true };
  }
}
