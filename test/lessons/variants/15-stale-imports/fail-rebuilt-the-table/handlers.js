// Lesson 15: the handlers, the code you patch. `hits` lives in this module and survives every reflection patch.

let hits = 0;

export function ping(req) {
  hits++;
  return `PONG ${hits}`;
}

export function health(req) {
  return 'ok';
}
