import { reply } from './reply.js';

hot.accept(); // the entry accepts: but it is the importer that must not re-run

let hits = 0;

export function handle(req) {
  hits++;
  return reply(hits);
}
