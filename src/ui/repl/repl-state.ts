// The REPL as a pure reducer: the line being edited, its history, and a bounded output scrollback.
// Key results (r, u, 1–4) print here too, so the REPL output doubles as the lab's console.

export type ReplLineKind = 'input' | 'result' | 'error' | 'info';

/**
 * What a line says that stops being true later, so the line is taken back then (`retract`): `switching` (a
 * strategy switch in progress: gone when it settles), `starter` (the files are the starter again: gone once the
 * learner changes them).
 */
export type ReplTopic = 'switching' | 'starter';

export interface ReplLine {
  id: number;
  kind: ReplLineKind;
  text: string;
  topic?: ReplTopic;
}

export interface ReplState {
  line: string;
  /** The module whose scope lines are evaluated in (`:module greet.js`); null: the entry's. */
  module: string | null;
  /** Cursor position in code points of `line`. */
  cursor: number;
  history: string[];
  /** Index into history while browsing with ↑/↓; null while editing a fresh line. */
  historyIndex: number | null;
  /** The fresh line, kept while browsing history so ↓ past the newest entry brings it back. */
  draft: string;
  output: ReplLine[];
  /** How many rows of output the view is scrolled up from the newest (PgUp/PgDn); 0 follows new output. */
  scroll: number;
  nextId: number;
}

export type ReplAction =
  | { type: 'insert'; text: string }
  | { type: 'setLine'; line: string }
  | { type: 'deleteBack' }
  | { type: 'deleteForward' }
  | { type: 'cursorLeft' }
  | { type: 'cursorRight' }
  | { type: 'lineStart' }
  | { type: 'lineEnd' }
  | { type: 'clearLine' }
  | { type: 'historyPrev' }
  | { type: 'historyNext' }
  | { type: 'submit' }
  | { type: 'print'; kind: ReplLineKind; text: string; topic?: ReplTopic }
  | { type: 'retract'; topic: ReplTopic }
  | { type: 'setModule'; module: string | null }
  | { type: 'clearOutput' }
  /** `rows`: the rows the output takes on screen (long lines take several); by default one a line. */
  | { type: 'scrollOutput'; by: number; rows?: number }
  | { type: 'followOutput' };

/** Scrollback kept in memory; the panel shows only the rows that fit. */
export const MAX_OUTPUT_LINES = 200;
export const MAX_HISTORY = 100;

export const initialReplState: ReplState = {
  line: '',
  module: null,
  cursor: 0,
  history: [],
  historyIndex: null,
  draft: '',
  output: [],
  scroll: 0,
  nextId: 1,
};

const chars = (text: string) => Array.from(text);
// Typed or pasted text: control characters (a stray CR from a paste) would corrupt the one-line prompt.
const printable = (text: string) => text.replace(/[\u0000-\u001F\u007F]/g, '');

function withLine(state: ReplState, line: string, cursor: number): ReplState {
  return { ...state, line, cursor: Math.max(0, Math.min(cursor, chars(line).length)) };
}

function recall(state: ReplState, index: number | null): ReplState {
  const line = index === null ? state.draft : (state.history[index] ?? '');
  return { ...withLine(state, line, chars(line).length), historyIndex: index };
}

export function replReducer(state: ReplState, action: ReplAction): ReplState {
  const text = chars(state.line);
  switch (action.type) {
    case 'insert': {
      const add = chars(printable(action.text));
      if (add.length === 0) return state;
      const line = [...text.slice(0, state.cursor), ...add, ...text.slice(state.cursor)].join('');
      return { ...withLine(state, line, state.cursor + add.length), historyIndex: null };
    }
    case 'setLine':
      return { ...withLine(state, action.line, chars(action.line).length), historyIndex: null };
    case 'deleteBack':
      if (state.cursor === 0) return state;
      return withLine(state, [...text.slice(0, state.cursor - 1), ...text.slice(state.cursor)].join(''), state.cursor - 1);
    case 'deleteForward':
      if (state.cursor >= text.length) return state;
      return withLine(state, [...text.slice(0, state.cursor), ...text.slice(state.cursor + 1)].join(''), state.cursor);
    case 'cursorLeft':
      return withLine(state, state.line, state.cursor - 1);
    case 'cursorRight':
      return withLine(state, state.line, state.cursor + 1);
    case 'lineStart':
      return withLine(state, state.line, 0);
    case 'lineEnd':
      return withLine(state, state.line, text.length);
    case 'clearLine':
      return { ...withLine(state, '', 0), historyIndex: null };
    case 'historyPrev': {
      if (state.history.length === 0) return state;
      const from = state.historyIndex ?? state.history.length;
      const saved = state.historyIndex === null ? { ...state, draft: state.line } : state;
      return recall(saved, Math.max(0, from - 1));
    }
    case 'historyNext': {
      if (state.historyIndex === null) return state;
      const next = state.historyIndex + 1;
      return recall(state, next >= state.history.length ? null : next);
    }
    case 'submit': {
      const line = state.line.trim();
      const history =
        line === '' || state.history[state.history.length - 1] === line
          ? state.history
          : [...state.history, line].slice(-MAX_HISTORY);
      return { ...state, line: '', cursor: 0, draft: '', historyIndex: null, history };
    }
    case 'print': {
      const lines = action.text
        .split(/\r?\n/)
        .map((text, i): ReplLine => ({ id: state.nextId + i, kind: action.kind, text, ...(action.topic ? { topic: action.topic } : {}) }));
      return {
        ...state,
        output: [...state.output, ...lines].slice(-MAX_OUTPUT_LINES),
        // New output is what the learner just asked for: the view follows it.
        scroll: 0,
        nextId: state.nextId + lines.length,
      };
    }
    case 'retract':
      return state.output.some((line) => line.topic === action.topic) ? { ...state, output: state.output.filter((line) => line.topic !== action.topic) } : state;
    case 'clearOutput':
      return { ...state, output: [], scroll: 0 };
    case 'scrollOutput':
      return { ...state, scroll: Math.max(0, Math.min(state.scroll + action.by, (action.rows ?? state.output.length) - 1)) };
    case 'followOutput':
      return state.scroll === 0 ? state : { ...state, scroll: 0 };
    case 'setModule':
      return state.module === action.module ? state : { ...state, module: action.module };
  }
}
