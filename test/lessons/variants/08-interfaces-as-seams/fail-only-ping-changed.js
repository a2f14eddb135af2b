// expect: fail: /ping answers `PONG n` right after the patch
// The first half only: ping changed, /ping still goes through the old table.
// Lesson 8: make every caller reach the patched code.
// The route table below was filled when the program started, so it holds the *old* function values:
// a reflection patch to ping never reaches /ping through it.

let hits = 0;
let greeting = 'pong';

function ping(req) {
  hits++;
  return `${greeting.toUpperCase()} ${hits}`;
}

function shout(req) {
  return `${ping(req).toUpperCase()}!`;
}

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

// Captured once, at start-up. Under reflection-patch this initialiser never runs again.
const routes = { '/ping': ping, '/shout': shout };

export function handle(req) {
  const route = routes[req.path] ?? notFound;
  return route(req);
}
