// expect: fail: /ping answers a new text
// Saved with a new comment only: /ping still says pong.
let hits = 0; // counts the requests of this version

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}
