// expect: fail: /ping still answers `pong n`, counting
// /ping rewritten along the way: no count any more.
export function handle(req) {
  if (req.path === '/ping') return 'pong';
  if (req.path === '/version') return 'plugin v2';
  return { status: 404, body: `no route for ${req.path}\n` };
}
