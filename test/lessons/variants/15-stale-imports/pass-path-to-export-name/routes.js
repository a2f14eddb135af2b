// A path names its handler's export: /ping → handlers.ping, looked up per request; anything else is a 404.
import * as handlers from './handlers.js';

const routes = { '/ping': handlers.ping, '/health': handlers.health };

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function route(path) {
  const name = path.slice(1);
  const handler = ['ping', 'health'].includes(name) ? handlers[name] : undefined;
  return typeof handler === 'function' ? handler : notFound;
}
