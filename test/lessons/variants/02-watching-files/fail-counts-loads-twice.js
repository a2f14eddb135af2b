// expect: fail: /ping answers `pong <hits> (load <n>)`
// A second counting line added below the starter's: every load counts twice.
hot.data.loads = (hot.data.loads ?? 0) + 1;
hot.data.loads++;
const load = hot.data.loads;

let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits} (load ${load})`;
}
