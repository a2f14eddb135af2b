// expect: fail: your migrate throws on { hits: 'lots' }
// Takes whatever comes.
let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  hits = prev.hits;
}
