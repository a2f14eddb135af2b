// expect: pass
// Number.isFinite refuses strings and a missing hits, and takes 0.
let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  if (!Number.isFinite(prev?.hits)) throw new Error('no count in ' + JSON.stringify(prev));
  hits = prev.hits;
}
