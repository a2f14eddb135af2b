// expect: fail: your migrate takes { hits: 0 } over
// !prev?.hits refuses a valid count of 0 (issue 8).
let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  if (!prev?.hits) throw new Error('nothing to take over');
  hits = prev.hits;
}
