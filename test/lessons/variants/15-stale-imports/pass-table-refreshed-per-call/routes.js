// The table is a const, but its entries are not: refill them from the namespace on every call.
import * as handlers from './handlers.js';

const routes = { '/ping': handlers.ping, '/health': handlers.health };

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function route(path) {
  routes['/ping'] = handlers.ping;
  routes['/health'] = handlers.health;
  return routes[path] ?? notFound;
}
