// expect: fail: every reload carries the count on
// Writes hot.data.hits but reads hot.data.count.
let hits = hot.data.count ?? 0;

export function handle(req) {
  hits++;
  hot.data.hits = hits;
  return `pong ${hits}`;
}
