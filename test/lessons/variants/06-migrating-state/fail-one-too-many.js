// expect: fail: the next version takes your count over exactly
// Counts the hand-over itself as a request: one too many on every switch.
let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  if (typeof prev?.hits !== 'number') throw new Error('bad snapshot');
  hits = prev.hits + 1;
}
