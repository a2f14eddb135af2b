// reply.js: builds the answer. It imports words.js, so a save of words.js re-runs it too.

import { word } from './words.js';

export function reply(count) {
  return `${word} ${count}`;
}
