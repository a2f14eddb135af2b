// byPath counts only the requests that get a pong: /stats is left out of it.
import { json, type Req, type Res } from './http.ts';

type State = { hits: number; byPath: Record<string, number> };

let state: State = { hits: 0, byPath: {} };

export function handle(req: Req): Res {
  state.hits++;
  if (req.path === '/stats') return json(state);
  state.byPath[req.path] = (state.byPath[req.path] ?? 0) + 1;
  return `pong ${state.hits}`;
}

export function snapshot(): State {
  return state;
}

export function migrate(prev: State | { hits: number }): void {
  state = { hits: prev.hits, byPath: 'byPath' in prev ? prev.byPath : {} };
}
