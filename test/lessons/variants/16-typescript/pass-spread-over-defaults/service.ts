// Defaults first, then whatever the old version had: an old snapshot keeps the empty byPath.
import { json, type Req, type Res } from './http.ts';

interface State {
  hits: number;
  byPath: Record<string, number>;
}

let state: State = { hits: 0, byPath: {} };

export function handle(req: Req): Res {
  state.hits += 1;
  state.byPath[req.path] ??= 0;
  state.byPath[req.path] += 1;
  return req.path === '/stats' ? json(state) : `pong ${state.hits}`;
}

export function snapshot(): State {
  return state;
}

export function migrate(prev: Partial<State> & Pick<State, 'hits'>): void {
  state = { byPath: {}, ...prev };
}
