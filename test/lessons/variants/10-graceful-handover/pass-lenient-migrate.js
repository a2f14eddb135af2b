// expect: pass
// Takes a count over when there is one; otherwise starts from 0.
let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  if (typeof prev?.hits === 'number') hits = prev.hits;
}
