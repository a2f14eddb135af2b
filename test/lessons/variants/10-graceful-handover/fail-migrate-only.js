// expect: fail: the next graceful restart carries the counter over
// The other half only: there is nothing to take over.
let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function migrate(prev) {
  hits = prev.hits;
}
