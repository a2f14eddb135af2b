// expect: fail: /stats answers one JSON object of requests per path
// /stats wraps the counts: {"total": 35, "byPath": {…}} is not the shape the goal names (issue 8).
let hits = 0;
let byPath = {};

export function handle(req) {
  hits++;
  byPath[req.path] = (byPath[req.path] ?? 0) + 1;
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/stats') return { status: 200, body: { total: hits, byPath } };
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { hits, byPath };
}

export function migrate(prev) {
  if (typeof prev?.hits !== 'number') throw new Error('v2 cannot read this snapshot');
  hits = prev.hits;
  byPath = { ...(prev.byPath ?? {}) };
}
