// expect: fail: /version answers `plugin v2`
// /version answers the version number only.
let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/version') return 'v2';
  return { status: 404, body: `no route for ${req.path}\n` };
}
