// expect: fail: GET /hello without a name answers hello, world
// Without ?name= this answers "hello, undefined".
const routes = {
  'GET /ping': (req) => 'pong v2',
  'GET /hello': (req) => `hello, ${req.query.name}`,
};

export function handle(req) {
  const route = routes[`${req.method} ${req.path}`];
  if (!route) return { status: 404, body: `no route for ${req.method} ${req.path}` };
  return route(req);
}
