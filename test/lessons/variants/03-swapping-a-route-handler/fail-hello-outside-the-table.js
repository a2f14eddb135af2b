// expect: fail: other methods and paths still get 404
// /hello answered in handle, before the table: any method gets it.
const routes = {
  'GET /ping': (req) => 'pong v2',
};

export function handle(req) {
  if (req.path === '/hello') return `hello, ${req.query.name ?? 'world'}`;
  const route = routes[`${req.method} ${req.path}`];
  if (!route) return { status: 404, body: `no route for ${req.method} ${req.path}` };
  return route(req);
}
