// expect: fail: v2’s migrate refuses { hits: 'lots' }
// Defaults everything and refuses nothing (issue 8).
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
  hits = prev?.hits ?? 0;
  byPath = prev?.byPath ?? {};
}
