// The path names the export; an unknown one finds nothing, and handle calls undefined.
import * as handlers from './handlers.js';

const routes = { '/ping': handlers.ping, '/health': handlers.health };

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function route(path) {
  return handlers[path.slice(1)];
}
