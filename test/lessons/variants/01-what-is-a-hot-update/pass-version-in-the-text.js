// expect: pass
// The reply names the version, so it has two numbers: the counter is the one that moves (issue 8).
let hits = 0;

export function handle(req) {
  hits++;
  return `hi from v2: ${hits}`;
}
