// expect: pass
// handle itself is the seam: it names ping and shout when it runs.
// Lesson 8: make every caller reach the patched code.
// The route table below was filled when the program started, so it holds the *old* function values:
// a reflection patch to ping never reaches /ping through it.

let hits = 0;
let greeting = 'pong';

function ping(req) {
  hits += 1;
  const loud = greeting.toUpperCase();
  return loud + ' ' + hits;
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
  if (req.path === '/ping') return ping(req);
  if (req.path === '/shout') return shout(req);
  return notFound(req);
}
