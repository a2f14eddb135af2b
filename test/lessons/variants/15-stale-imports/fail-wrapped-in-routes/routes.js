// /ping made loud in routes.js, around the function the table holds: handlers.js is never looked at again.
import * as handlers from './handlers.js';

const routes = { '/ping': handlers.ping, '/health': handlers.health };

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function route(path) {
  if (path === '/ping') return (req) => routes['/ping'](req).toUpperCase();
  return routes[path] ?? notFound;
}
