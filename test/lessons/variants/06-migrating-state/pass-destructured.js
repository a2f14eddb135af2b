// expect: pass
// Destructures first, then checks the type and throws a TypeError.
let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  const { hits: old } = prev ?? {};
  if (typeof old !== 'number') {
    throw new TypeError(`expected a number of hits, got ${typeof old}`);
  }
  hits = old;
}
