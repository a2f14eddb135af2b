// expect: fail: after `:set greeting "hey"`, /ping answers `HEY n`
// PONG typed in capitals instead of reading the greeting: :set greeting changes nothing.
// Lesson 8: make every caller reach the patched code.
// The route table below was filled when the program started, so it holds the *old* function values:
// a reflection patch to ping never reaches /ping through it.

let hits = 0;
let greeting = 'pong';

function ping(req) {
  hits++;
  return `PONG ${hits}`;
}

function shout(req) {
  return `${ping(req).toUpperCase()}!`;
}

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

// Captured once, at start-up. Under reflection-patch this initialiser never runs again.
const routes = { '/ping': ping, '/shout': shout };

function routeFor(path) {
  if (path === '/ping') return ping;
  if (path === '/shout') return shout;
  return notFound;
}

export function handle(req) {
  return routeFor(req.path)(req);
}
