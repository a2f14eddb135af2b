// Lesson 03: a route table, like a Gin router's. handle(req) looks each request up in `routes`; a save
// replaces the whole table at once, between two requests, so no request ever sees half a table.

const routes = {
  'GET /ping': (req) => 'pong v2',
  'GET /hello': (req) => `hello, ${req.query.name ?? 'world'}`,
};

export function handle(req) {
  const route = routes[`${req.method} ${req.path}`];
  if (!route) return { status: 404, body: `no route for ${req.method} ${req.path}` };
  return route(req);
}
