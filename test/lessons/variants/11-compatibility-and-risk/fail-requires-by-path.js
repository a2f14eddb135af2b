// expect: fail: v2 took v1’s snapshot over
// Demands byPath, which v1's snapshot never had: the update from v1 is refused.
let hits = 0;
let byPath = {};

export function handle(req) {
  hits++;
  byPath[req.path] = (byPath[req.path] ?? 0) + 1;
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/stats') return { status: 200, body: byPath };
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { hits, byPath };
}

export function migrate(prev) {
  if (typeof prev?.hits !== 'number' || typeof prev.byPath !== 'object') throw new Error('v2 needs hits and byPath');
  hits = prev.hits;
  byPath = { ...prev.byPath };
}
