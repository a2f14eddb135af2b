// Lesson 02: every save, as the watcher sees it.
// hotlab runs this whole file once per version. The next line counts those runs in hot.data, the one object
// that file-watch hands from each version to the next (everything else starts over).
hot.data.loads = (hot.data.loads ?? 0) + 1;
const load = hot.data.loads;

let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}
