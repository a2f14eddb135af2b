// expect: fail: GET /hello?name=gopher answers hello, gopher
// The key lacks the method, so handle() never finds it.
const routes = {
  'GET /ping': (req) => 'pong v2',
  '/hello': (req) => `hello, ${req.query.name ?? 'world'}`,
};

export function handle(req) {
  const route = routes[`${req.method} ${req.path}`];
  if (!route) return { status: 404, body: `no route for ${req.method} ${req.path}` };
  return route(req);
}
