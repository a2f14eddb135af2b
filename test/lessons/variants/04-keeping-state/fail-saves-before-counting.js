// expect: fail: every reload carries the count on
// Saves the count before counting the request: each reload loses one (issue 8).
let hits = hot.data.hits ?? 0;

export function handle(req) {
  hot.data.hits = hits;
  hits++;
  return `pong ${hits}`;
}
