// Getters in the table itself: right idea, but it changes the initialiser of a const that already ran.
import * as handlers from './handlers.js';

const routes = {
  get '/ping'() { return handlers.ping; },
  get '/health'() { return handlers.health; },
};

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function route(path) {
  return routes[path] ?? notFound;
}
