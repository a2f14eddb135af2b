// expect: pass
// Routes answer as they like; handle stamps whatever comes back, strings included.
const build = 'v2';
let hits = 0;

function route(req) {
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/version') return build;
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function handle(req) {
  hits++;
  const answer = route(req);
  const res = typeof answer === 'string' ? { status: 200, body: answer } : answer;
  return { ...res, headers: { ...(res.headers ?? {}), 'x-build': build } };
}
