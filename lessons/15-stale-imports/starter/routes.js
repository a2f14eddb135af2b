// The route table, in its own module. It was filled once, when the program started, with the functions
// handlers.js had *then*: a patch to handlers.js replaces `ping` there, not the copy held here.
import * as handlers from './handlers.js';

const routes = { '/ping': handlers.ping, '/health': handlers.health };

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

// Which function answers `path`. service.js asks on every request.
export function route(path) {
  return routes[path] ?? notFound;
}
