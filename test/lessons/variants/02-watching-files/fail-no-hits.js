// expect: fail: /ping answers `pong <hits> (load <n>)`
// The load is shown, but the hit count is gone from the reply (issue 8).
hot.data.loads = (hot.data.loads ?? 0) + 1;
const load = hot.data.loads;

let hits = 0;

export function handle(req) {
  hits++;
  return `pong (load ${load})`;
}
