// Lesson 14: main, the host. It keeps running while plugins come and go.
// The import below is main.go's plugin.Open("myplugin.so") + p.Lookup("MyFunc"): hotlab looks MyFunc up
// in every new myplugin.js before it switches to it.

import { MyFunc } from './myplugin.js';

let served = 0; // main's state: a plugin swap does not touch it

export function handle(req) {
  served++;
  return `${MyFunc()}, served ${served}`;
}
