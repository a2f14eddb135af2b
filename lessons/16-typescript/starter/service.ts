// Lesson 16: a service in TypeScript. hotlab strips the types and runs what is left: it never checks them.
import { json, type Req, type Res } from './http.ts';

type State = { hits: number };

let state: State = { hits: 0 };

export function handle(req: Req): Res {
  state.hits++;
  if (req.path === '/stats') return json(state);
  return `pong ${state.hits}`;
}

// plugin-swap hands what this returns to the next version's migrate(prev): plain data, no types attached.
export function snapshot(): State {
  return state;
}

export function migrate(prev: State): void {
  state = prev;
}
