// expect: fail: rollback to v1 keeps the count
// v2's snapshot renames hits to total: v1's migrate cannot read it, so the rollback is refused.
let total = 0;
let byPath = {};

export function handle(req) {
  total++;
  byPath[req.path] = (byPath[req.path] ?? 0) + 1;
  if (req.path === '/ping') return `pong ${total}`;
  if (req.path === '/stats') return { status: 200, body: byPath };
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { total, byPath };
}

export function migrate(prev) {
  const count = prev.total ?? prev.hits;
  if (typeof count !== 'number') throw new Error('v2 cannot read this snapshot');
  total = count;
  byPath = { ...(prev.byPath ?? {}) };
}
