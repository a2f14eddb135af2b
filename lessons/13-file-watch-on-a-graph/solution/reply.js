// reply.js: builds the answer. It imports words.js, so a save of words.js re-runs it too.

import { word } from './words.js';

// This module takes its own updates: a re-run that reaches it stops here, and service.js keeps running.
hot.accept();

export function reply(count) {
  return `${word} ${count}`;
}
