// expect: pass
// The header written as X-Build (headers are case-insensitive) and a build name of its own.
const BUILD = 'build-42';
let hits = 0;

function reply(status, body) {
  return { status, headers: { 'X-Build': BUILD }, body };
}

export function handle(req) {
  hits++;
  if (req.path === '/ping') return reply(200, 'pong ' + hits);
  if (req.path === '/version') return reply(200, BUILD + '\n');
  return reply(404, 'no route for ' + req.path + '\n');
}
