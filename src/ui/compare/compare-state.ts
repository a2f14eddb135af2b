// The comparison as it fills: rows arrive one strategy at a time. Each run has an id so rows from an
// older run (closed with Esc, then started again) never land in the new table. It remembers which edit the run
// replays (versions and modules), as the engine chose it when the run started: a later save does not change it.
import type { CompareRow, ReplayedEdit } from '../../engine/types.ts';

export interface CompareState {
  run: number;
  /** `nothing`: no code change to replay yet (only the first version, or switches and reloads of it). */
  status: 'idle' | 'nothing' | 'running' | 'done' | 'failed';
  rows: CompareRow[];
  error: string | null;
  /** The edit being replayed; null before a run, or when there is nothing to replay. */
  edit: ReplayedEdit | null;
}

export type CompareAction =
  | { type: 'start'; run: number; edit: ReplayedEdit }
  | { type: 'nothing'; run: number }
  | { type: 'row'; run: number; row: CompareRow }
  | { type: 'done'; run: number; rows: CompareRow[] }
  | { type: 'failed'; run: number; error: string };

export const initialCompareState: CompareState = { run: 0, status: 'idle', rows: [], error: null, edit: null };

const sameRow = (a: CompareRow, b: CompareRow) => a.strategy === b.strategy && a.restart === b.restart;

export function compareReducer(state: CompareState, action: CompareAction): CompareState {
  if (action.type === 'start') return { run: action.run, status: 'running', rows: [], error: null, edit: action.edit };
  if (action.type === 'nothing') return { run: action.run, status: 'nothing', rows: [], error: null, edit: null };
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
