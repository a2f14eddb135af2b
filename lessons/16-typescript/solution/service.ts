// Lesson 16: a service in TypeScript. hotlab strips the types and runs what is left: it never checks them.
import { json, type Req, type Res } from './http.ts';

type State = { hits: number; byPath: Record<string, number> };

let state: State = { hits: 0, byPath: {} };

export function handle(req: Req): Res {
  state.hits++;
  state.byPath[req.path] = (state.byPath[req.path] ?? 0) + 1;
  if (req.path === '/stats') return json(state);
  return `pong ${state.hits}`;
}

// plugin-swap hands what this returns to the next version's migrate(prev): plain data, no types attached.
export function snapshot(): State {
  return state;
}

// What the version before this one handed over: its types are gone, only its data arrives, in its shape.
type OldState = { hits: number };

export function migrate(prev: State | OldState): void {
  state = { hits: prev.hits, byPath: 'byPath' in prev ? prev.byPath : {} };
}
