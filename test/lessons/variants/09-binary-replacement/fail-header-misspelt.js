// expect: fail: every response (a route’s, /version’s, a 404) carries the same `x-build`
// x-built instead of x-build.
const BUILD = 'v2';
let hits = 0;

function stamped(status, body) {
  return { status, headers: { 'x-built': BUILD }, body };
}

export function handle(req) {
  hits++;
  if (req.path === '/ping') return stamped(200, `pong ${hits}`);
  if (req.path === '/version') return stamped(200, BUILD);
  return stamped(404, `no route for ${req.path}\n`);
}
