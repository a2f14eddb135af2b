// expect: fail: every response (a route’s, /version’s, a 404) carries the same `x-build`
// Stamps the two routes and forgets the 404.
const BUILD = 'v2';
let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return { status: 200, headers: { 'x-build': BUILD }, body: `pong ${hits}` };
  if (req.path === '/version') return { status: 200, headers: { 'x-build': BUILD }, body: BUILD };
  return { status: 404, body: `no route for ${req.path}\n` };
}
