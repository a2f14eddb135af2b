// Edits main instead of the plugin: main is swapped, and its count starts over.
import { MyFunc } from './myplugin.js';

let served = 0;

export function handle(req) {
  served++;
  return `${MyFunc().replace('v1', 'v2')}, served ${served}`;
}
