// Lesson 4: keep the counter across a reload.
// hot.data is handed from one evaluation of this file to the next, so the count lives there too.

let hits = hot.data.hits ?? 0; // the previous version's count, or 0 on the very first start

export function handle(req) {
  hits++;
  hot.data.hits = hits; // leave it for the next version
  return `pong ${hits}`;
}
