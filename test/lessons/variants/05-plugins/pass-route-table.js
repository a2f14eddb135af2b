// expect: pass
// A route table; /version answers a response object.
let hits = 0;

const routes = {
  '/ping': () => `pong ${hits}`,
  '/version': () => ({ status: 200, body: 'plugin v2' }),
};

export function handle(req) {
  hits++;
  const route = routes[req.path];
  return route ? route() : { status: 404, body: `no route for ${req.path}\n` };
}
