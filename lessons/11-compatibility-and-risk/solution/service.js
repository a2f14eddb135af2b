// Lesson 11: v2 also counts requests per path. Its state has a new shape, and its snapshot still speaks v1.

let hits = 0; // every request, as in v1
let byPath = {}; // new in v2: requests per path

export function handle(req) {
  hits++;
  byPath[req.path] = (byPath[req.path] ?? 0) + 1;
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/stats') return { status: 200, body: byPath }; // an object body is sent as JSON
  return { status: 404, body: `no route for ${req.path}\n` };
}

// Keep v1's field as it was: after a rollback, v1's migrate reads `hits` and ignores what it does not know.
export function snapshot() {
  return { hits, byPath };
}

// Accept v1's snapshot (no byPath yet) as well as v2's own; refuse anything without a numeric `hits`.
export function migrate(prev) {
  if (typeof prev?.hits !== 'number') throw new Error(`v2 cannot read this snapshot: ${JSON.stringify(prev)}`);
  hits = prev.hits;
  byPath = { ...(prev.byPath ?? {}) };
}
