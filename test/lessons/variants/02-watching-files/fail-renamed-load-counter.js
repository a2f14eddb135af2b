// expect: fail: /ping answers `pong <hits> (load <n>)`
// Counts loads under a new name: the starter's load is not in it, so the first save says load 1.
hot.data.n = (hot.data.n || 0) + 1;
const loadNo = hot.data.n;

let count = 0;

export function handle(req) {
  count += 1;
  return `pong ${count} (load ${loadNo})\n`;
}
