// One type for both versions: byPath optional in what arrives, filled in on the way in.
import { json, type Req, type Res } from './http.ts';

type State = { hits: number; byPath: Record<string, number> };
type Snapshot = { hits: number; byPath?: Record<string, number> };

let state: State = { hits: 0, byPath: {} };

export function handle(req: Req): Res {
  state.hits++;
  state.byPath[req.path] = (state.byPath[req.path] || 0) + 1;
  if (req.path === '/stats') return json(state);
  return `pong ${state.hits}`;
}

export function snapshot(): Snapshot {
  return { hits: state.hits, byPath: { ...state.byPath } };
}

export function migrate(prev: Snapshot): void {
  state.hits = prev.hits;
  state.byPath = prev.byPath ?? {};
}
