// Lesson 13: a program of three modules. service.js imports reply.js, which imports words.js.
// Under file-watch a save re-runs the saved module and every module that imports it, up to here.

import { reply } from './reply.js';

let hits = 0; // this module's state: lost whenever service.js re-runs

export function handle(req) {
  hits++;
  return reply(hits);
}
