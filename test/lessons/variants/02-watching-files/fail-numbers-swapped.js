// expect: fail: /ping answers `pong <hits> (load <n>)`
// The two numbers in each other's place.
hot.data.loads = (hot.data.loads ?? 0) + 1;
const load = hot.data.loads;

let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${load} (load ${hits})`;
}
