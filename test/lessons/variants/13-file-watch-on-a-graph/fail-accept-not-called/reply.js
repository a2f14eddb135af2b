import { word } from './words.js';

hot.accept; // forgot the parentheses: nothing is accepted

export function reply(count) {
  return `${word} ${count}`;
}
