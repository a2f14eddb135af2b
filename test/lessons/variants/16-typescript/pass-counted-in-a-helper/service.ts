// Counting in a typed helper, and a type guard that tells the two shapes apart.
import { json, type Req, type Res } from './http.ts';

type StateV1 = { hits: number };
type State = StateV1 & { byPath: Record<string, number> };

let state: State = { hits: 0, byPath: {} };

function count(path: string): void {
  state.hits++;
  state.byPath[path] = (state.byPath[path] ?? 0) + 1;
}

function isCurrent(prev: StateV1 | State): prev is State {
  return typeof (prev as State).byPath === 'object' && (prev as State).byPath !== null;
}

export function handle(req: Req): Res {
  count(req.path);
  if (req.path === '/stats') return json({ hits: state.hits, byPath: state.byPath });
  return `pong ${state.hits}`;
}

export function snapshot(): State {
  return state;
}

export function migrate(prev: StateV1 | State): void {
  state = isCurrent(prev) ? prev : { ...prev, byPath: {} };
}
