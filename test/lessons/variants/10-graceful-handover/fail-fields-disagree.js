// expect: fail: the next graceful restart carries the counter over
// snapshot() says hits, migrate reads count: /ping answers "pong NaN" after the restart.
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
  hits = prev.count;
}
