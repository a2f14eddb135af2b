// expect: fail: your build was built, renamed into place and started
// BUILD is read at start-up before its line runs: the new process dies at start, and a cold restart has
// already stopped the old one.
const VERSION_TEXT = `build ${BUILD}`;
const BUILD = 'v2';
let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/version') return { status: 200, headers: { 'x-build': BUILD }, body: BUILD };
  return { status: 200, headers: { 'x-build': BUILD }, body: `pong ${hits}` };
}
