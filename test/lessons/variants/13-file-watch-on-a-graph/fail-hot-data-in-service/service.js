// Keeps the count in hot.data instead of stopping the re-run: service.js still re-runs on every save.
import { reply } from './reply.js';

let hits = hot.data.hits ?? 0;

export function handle(req) {
  hits++;
  hot.data.hits = hits;
  return reply(hits);
}
