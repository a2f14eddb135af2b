// A table built lazily, on the first call after the patch: it catches this patch, and holds on to it.
import * as handlers from './handlers.js';

const routes = { '/ping': handlers.ping, '/health': handlers.health };

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function route(path) {
  route.table ??= { '/ping': handlers.ping, '/health': handlers.health };
  return route.table[path] ?? notFound;
}
