// Which part of the screen has the keyboard and which overlay is open. Pure, so focus rules are tested
// without a terminal.

export type Focus = 'keys' | 'repl';
export type Overlay = 'none' | 'help' | 'compare';

export interface ViewState {
  focus: Focus;
  overlay: Overlay;
  /** Set once quitting starts: keys stop acting while the engine shuts down. */
  quitting: boolean;
}

export type ViewAction =
  | { type: 'focusRepl' }
  | { type: 'leaveRepl' }
  | { type: 'toggleHelp' }
  | { type: 'openCompare' }
  | { type: 'closeOverlay' }
  | { type: 'quitting' };

export const initialViewState: ViewState = { focus: 'keys', overlay: 'none', quitting: false };

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'focusRepl':
      return state.focus === 'repl' ? state : { ...state, focus: 'repl' };
    case 'leaveRepl':
      return state.focus === 'keys' ? state : { ...state, focus: 'keys' };
    case 'toggleHelp':
      return { ...state, overlay: state.overlay === 'help' ? 'none' : 'help' };
    case 'openCompare':
      return { ...state, overlay: 'compare' };
    case 'closeOverlay':
      return state.overlay === 'none' ? state : { ...state, overlay: 'none' };
    case 'quitting':
      return { ...state, quitting: true };
  }
}
