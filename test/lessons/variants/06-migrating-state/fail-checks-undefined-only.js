// expect: fail: your migrate throws on { hits: 'lots' }
// Refuses a missing hits, but takes a string over and then serves "pong NaN" (issue 8).
let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  if (prev.hits === undefined) throw new Error('no hits');
  hits = prev.hits;
}
