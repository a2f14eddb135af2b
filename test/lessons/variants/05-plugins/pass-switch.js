// expect: pass
// A switch over the path; /version ends with a newline.
let hits = 0;

export function handle(req) {
  hits++;
  switch (req.path) {
    case '/ping':
      return `pong ${hits}`;
    case '/version':
      return 'plugin v2\n';
    default:
      return { status: 404, body: `no route for ${req.path}\n` };
  }
}
