// expect: pass
// Counts in a Map, turned into a plain object wherever it leaves the version.
let hits = 0;
let byPath = new Map();

export function handle(req) {
  hits++;
  byPath.set(req.path, (byPath.get(req.path) ?? 0) + 1);
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/stats') return { status: 200, body: Object.fromEntries(byPath) };
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { hits, byPath: Object.fromEntries(byPath) };
}

export function migrate(prev) {
  if (!Number.isFinite(prev?.hits)) throw new Error('v2 needs a numeric hits: ' + JSON.stringify(prev));
  hits = prev.hits;
  byPath = new Map(Object.entries(prev.byPath ?? {}));
}
