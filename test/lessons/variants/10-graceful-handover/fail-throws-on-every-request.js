// expect: fail: your version answers requests
// A typo in handle: every request throws (the new process starts fine, so graceful switches to it).
let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hit}`;
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  hits = prev.hits;
}
