// The comparison as it fills: rows arrive one strategy at a time. Each run has an id so rows from an
// older run (closed with Esc, then started again) never land in the new table. In a program of several modules
// it remembers which modules the replayed edit changed, as they were when it started.
import type { CompareRow } from '../../engine/types.ts';

export interface CompareState {
  run: number;
  status: 'idle' | 'running' | 'done' | 'failed';
  rows: CompareRow[];
  error: string | null;
  /** The modules the replayed edit changed (`greet.js`), in a program of several; null for one file. */
  edited: string | null;
}

export type CompareAction =
  | { type: 'start'; run: number; edited?: string | null }
  | { type: 'row'; run: number; row: CompareRow }
  | { type: 'done'; run: number; rows: CompareRow[] }
  | { type: 'failed'; run: number; error: string };

export const initialCompareState: CompareState = { run: 0, status: 'idle', rows: [], error: null, edited: null };

const sameRow = (a: CompareRow, b: CompareRow) => a.strategy === b.strategy && a.restart === b.restart;

export function compareReducer(state: CompareState, action: CompareAction): CompareState {
  if (action.type === 'start') return { run: action.run, status: 'running', rows: [], error: null, edited: action.edited ?? null };
  if (action.run !== state.run) return state;
  switch (action.type) {
    case 'row': {
      // A row for a strategy already shown replaces it (the engine may report a retry).
      const rows = state.rows.some((r) => sameRow(r, action.row))
        ? state.rows.map((r) => (sameRow(r, action.row) ? action.row : r))
        : [...state.rows, action.row];
      return { ...state, rows };
    }
    case 'done':
      // The final list is authoritative, but keep streamed rows if the engine returned none.
      return { ...state, status: 'done', rows: action.rows.length > 0 ? action.rows : state.rows };
    case 'failed':
      return { ...state, status: 'failed', error: action.error };
  }
}
