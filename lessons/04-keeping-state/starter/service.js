// Lesson 4: keep the counter across a reload.
// Under file-watch every save evaluates this whole file again: `hits` starts over at 0.

let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}
