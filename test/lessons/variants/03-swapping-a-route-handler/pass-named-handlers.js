// expect: pass
// Handlers as named functions, /hello answering a response object.
function ping() {
  return 'pong v2';
}

function hello(req) {
  const name = req.query.name ? req.query.name : 'world';
  return { status: 200, body: `hello, ${name}` };
}

const routes = {
  'GET /ping': ping,
  'GET /hello': hello,
};

export function handle(req) {
  const route = routes[`${req.method} ${req.path}`];
  if (!route) return { status: 404, body: `no route for ${req.method} ${req.path}` };
  return route(req);
}
