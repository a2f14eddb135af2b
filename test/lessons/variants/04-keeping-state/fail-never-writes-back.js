// expect: fail: every reload carries the count on
// Reads hot.data, never writes it.
let hits = hot.data.hits ?? 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}
