// What the lesson part of the screen shows, apart from the session: text or Go corner, how far the text is
// scrolled, the lesson list (filter, selection), a pending question, the solution diff. Pure, so the rules
// are tested without a terminal.

/** A question the learner answers (y, k keep my file, Esc) before the file is touched. */
export type LessonDialog =
  | { kind: 'replace'; lessonId: string; number: number; files: string[] }
  | { kind: 'reset' };

export interface LessonUiState {
  tab: 'text' | 'go';
  /** The learner folded the hints away (H): the pane shows the text instead; h or H opens them again. */
  hintsFolded: boolean;
  /** First line of the lesson text shown. */
  scroll: number;
  list: { filter: string; selected: number } | null;
  dialog: LessonDialog | null;
  diff: { text: string; scroll: number } | null;
}

export type LessonUiAction =
  | { type: 'toggleTab' }
  | { type: 'foldHints'; folded: boolean }
  | { type: 'scroll'; by: number; max: number }
  | { type: 'lessonChanged' }
  | { type: 'openList'; selected: number }
  | { type: 'listType'; text: string }
  | { type: 'listErase' }
  | { type: 'listMove'; by: number; count: number }
  | { type: 'closeList' }
  | { type: 'ask'; dialog: LessonDialog }
  | { type: 'answered' }
  | { type: 'showDiff'; text: string }
  | { type: 'scrollDiff'; by: number; max: number }
  | { type: 'closeDiff' };

export const initialLessonUiState: LessonUiState = { tab: 'text', hintsFolded: false, scroll: 0, list: null, dialog: null, diff: null };

const clamp = (value: number, max: number) => Math.max(0, Math.min(Math.max(0, max), value));

export function lessonUiReducer(state: LessonUiState, action: LessonUiAction): LessonUiState {
  switch (action.type) {
    case 'toggleTab':
      return { ...state, tab: state.tab === 'text' ? 'go' : 'text', scroll: 0 };
    case 'foldHints':
      return state.hintsFolded === action.folded ? state : { ...state, hintsFolded: action.folded };
    case 'scroll':
      return { ...state, scroll: clamp(state.scroll + action.by, action.max) };
    case 'lessonChanged':
      return { ...state, tab: 'text', hintsFolded: false, scroll: 0, diff: null };
    case 'openList':
      return { ...state, list: { filter: '', selected: action.selected } };
    case 'listType':
      return state.list ? { ...state, list: { filter: state.list.filter + action.text, selected: 0 } } : state;
    case 'listErase':
      return state.list ? { ...state, list: { filter: [...state.list.filter].slice(0, -1).join(''), selected: 0 } } : state;
    case 'listMove': {
      if (!state.list || action.count === 0) return state;
      const selected = (state.list.selected + action.by + action.count) % action.count;
      return { ...state, list: { ...state.list, selected } };
    }
    case 'closeList':
      return state.list ? { ...state, list: null } : state;
    case 'ask':
      return { ...state, dialog: action.dialog };
    case 'answered':
      return state.dialog ? { ...state, dialog: null } : state;
    case 'showDiff':
      return { ...state, diff: { text: action.text, scroll: 0 } };
    case 'scrollDiff':
      return state.diff ? { ...state, diff: { ...state.diff, scroll: clamp(state.diff.scroll + action.by, action.max) } } : state;
    case 'closeDiff':
      return state.diff ? { ...state, diff: null } : state;
  }
}

/** The lessons whose number, id or title (in either language) contains the filter, case-insensitively. */
export function filterLessons<T extends { id: string; number: number; title: { en: string; zh: string } }>(lessons: readonly T[], filter: string): T[] {
  const wanted = filter.trim().toLowerCase();
  if (wanted === '') return [...lessons];
  // Lessons where the filter starts a word come first (`gra`: Graceful hand-over before Migrating state), then
  // those where it is inside one; in lesson order within each. Chinese has no spaces: any place is a word start.
  const rank = (l: T) => {
    const text = `${l.number} ${l.id} ${l.title.en} ${l.title.zh}`.toLowerCase();
    let at = text.indexOf(wanted);
    if (at === -1) return -1;
    for (; at !== -1; at = text.indexOf(wanted, at + 1)) {
      if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1]!) || /\p{Script=Han}/u.test(wanted[0]!)) return 0;
    }
    return 1;
  };
  const ranked = lessons.map((lesson) => ({ lesson, rank: rank(lesson) })).filter((r) => r.rank >= 0);
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.lesson);
}
