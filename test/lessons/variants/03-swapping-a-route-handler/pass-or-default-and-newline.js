// expect: pass
// `||` for the default, and replies that end in a newline.
const routes = {
  'GET /ping': () => 'pong v2\n',
  'GET /hello': (req) => 'hello, ' + (req.query.name || 'world') + '\n',
};

export function handle(req) {
  const route = routes[`${req.method} ${req.path}`];
  if (!route) return { status: 404, body: `no route for ${req.method} ${req.path}` };
  return route(req);
}
