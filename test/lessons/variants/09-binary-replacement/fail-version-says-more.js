// expect: fail: /version answers the build name in `x-build`
// /version answers a sentence, not the name the header carries.
const BUILD = 'v2';
let hits = 0;

function stamped(status, body) {
  return { status, headers: { 'x-build': BUILD }, body };
}

export function handle(req) {
  hits++;
  if (req.path === '/ping') return stamped(200, `pong ${hits}`);
  if (req.path === '/version') return stamped(200, `build ${BUILD}`);
  return stamped(404, `no route for ${req.path}\n`);
}
