import { word } from './words.js';

export function reply(count) {
  return word + ' ' + count;
}

hot.accept(); // the boundary: importers of reply.js need not re-run
