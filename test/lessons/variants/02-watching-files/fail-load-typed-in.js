// expect: fail: a save by rename
// "load 2" typed in by hand: right after one save, wrong after the next.
hot.data.loads = (hot.data.loads ?? 0) + 1;
const load = hot.data.loads;

let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits} (load 2)`;
}
