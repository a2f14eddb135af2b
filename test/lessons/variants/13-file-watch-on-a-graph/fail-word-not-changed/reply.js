import { word } from './words.js';

hot.accept();

export function reply(count) {
  return `${word} ${count}`;
}
