// expect: fail: every reload carries the count on
// Writes hot.data once, when the file loads: it hands over the count of that moment.
let hits = hot.data.hits ?? 0;
hot.data.hits = hits;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}
