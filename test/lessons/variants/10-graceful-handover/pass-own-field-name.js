// expect: pass
// The snapshot names its field count; migrate reads count.
let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { count: hits };
}

export function migrate(prev) {
  hits = prev.count;
}
