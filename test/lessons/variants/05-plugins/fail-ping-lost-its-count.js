// expect: fail: /ping still answers `pong n`, counting
// While adding /version, the counting moved into its branch: /ping no longer counts.
let hits = 0;

export function handle(req) {
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/version') {
    hits++;
    return 'plugin v2';
  }
  return { status: 404, body: `no route for ${req.path}\n` };
}
