// Takes hits over and always starts byPath afresh: every update loses the per-path counts.
import { json, type Req, type Res } from './http.ts';

type State = { hits: number; byPath: Record<string, number> };

let state: State = { hits: 0, byPath: {} };

export function handle(req: Req): Res {
  state.hits++;
  state.byPath[req.path] = (state.byPath[req.path] ?? 0) + 1;
  if (req.path === '/stats') return json(state);
  return `pong ${state.hits}`;
}

export function snapshot(): State {
  return state;
}

export function migrate(prev: { hits: number }): void {
  state = { hits: prev.hits, byPath: {} };
}
