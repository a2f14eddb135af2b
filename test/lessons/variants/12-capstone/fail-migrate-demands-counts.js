// expect: fail: plugin-swap / graceful: your migrate(prev) takes the starter’s snapshot
// migrate demands byPath: the starter's snapshot `{ hits }` has none.
// Lesson 12 (capstone): one edit, four strategies.
// All the state lives in ONE object, `state`, and each strategy has its way to carry it:
//   file-watch        hands hot.data to the next version, and `state` lives in hot.data;
//   plugin-swap and graceful binary-replace call snapshot() on the old version, migrate(prev) on the new;
//   reflection-patch keeps everything, but accepts only changed or added functions;
//   cold binary-replace keeps nothing, and that is allowed.

const state = hot.data.state ?? { hits: 0 };
hot.data.state = state; // the same object: a reload hands over whatever it holds at that moment

function ping(req) {
  return `pong ${state.hits}`;
}

function stats(req) {
  return { status: 200, body: state.byPath };
}

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

// The seam (lesson 8): the route is looked up on every call.
function routeFor(path) {
  switch (path) {
    case '/ping':
      return ping;
    case '/stats':
      return stats;
    default:
      return notFound;
  }
}

export function handle(req) {
  state.hits++;
  state.byPath ??= {};
  state.byPath[req.path] = (state.byPath[req.path] ?? 0) + 1;
  return routeFor(req.path)(req);
}

export function snapshot() {
  return { hits: state.hits, byPath: state.byPath ?? {} };
}

export function migrate(prev) {
  if (typeof prev?.hits !== 'number' || !prev.byPath) throw new Error(`cannot read this snapshot: ${JSON.stringify(prev)}`);
  state.hits = prev.hits;
  state.byPath = { ...prev.byPath };
}
