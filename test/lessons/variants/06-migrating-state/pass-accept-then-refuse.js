// expect: pass
// Takes an integer over and returns early; everything else falls through to the throw.
let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  if (Number.isInteger(prev.hits)) {
    hits = prev.hits;
    return;
  }
  throw new Error(`hits is ${prev.hits}`);
}
