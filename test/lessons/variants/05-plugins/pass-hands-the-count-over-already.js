// expect: pass
// Already keeps the count across plugins (lesson 6's snapshot/migrate): not asked for, not forbidden.
let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/version') return 'plugin v2';
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  if (typeof prev?.hits === 'number') hits = prev.hits;
}
