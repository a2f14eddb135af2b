// Lesson 9: binary-replace builds a whole new artifact, renames it over the old one and starts a new process.
// With a cold restart the old process is stopped first: memory is gone, and requests fail until the new one is up.

let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  return { status: 404, body: `no route for ${req.path}\n` };
}
