import { word } from './words.js';

if (typeof hot !== 'undefined') hot.accept();

export const reply = (count) => `${word} ${count}`;
