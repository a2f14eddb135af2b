// The entry: every request goes to the function routes.js picks for its path.
import { route } from './routes.js';

export function handle(req) {
  return route(req.path)(req);
}
