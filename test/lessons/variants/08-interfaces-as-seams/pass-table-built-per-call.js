// expect: pass
// The seam builds a small table on every call, so it always holds the functions as they are now.
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

// Looked up per call: a fresh object each time, holding today's functions.
function route(path) {
  return { '/ping': ping, '/shout': shout }[path] ?? notFound;
}

export function handle(req) {
  return route(req.path)(req);
}
