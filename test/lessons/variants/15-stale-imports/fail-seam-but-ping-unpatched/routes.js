// The route table, in its own module. It was filled once, when the program started, with the functions
// handlers.js had *then*: a patch to handlers.js replaces `ping` there, not the copy held here.
import * as handlers from './handlers.js';

const routes = { '/ping': handlers.ping, '/health': handlers.health };

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

// The seam: `handlers.ping` is read through the module namespace on every call, so it is whatever
// handlers.js holds now — patched or not. `routes` stays in memory (removing it would be refused), unused.
export function route(path) {
  switch (path) {
    case '/ping':
      return handlers.ping;
    case '/health':
      return handlers.health;
    default:
      return notFound;
  }
}
