// Lesson 9: binary-replace builds a whole new artifact, renames it over the old one and starts a new process.
// With a cold restart the old process is stopped first: memory is gone, and requests fail until the new one is up.

// The build stamp (Go: go build -ldflags "-X main.build=v2"). Change it with every build you ship.
const BUILD = 'v2';

let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return stamped(200, `pong ${hits}`);
  if (req.path === '/version') return stamped(200, BUILD);
  return stamped(404, `no route for ${req.path}\n`);
}

// Every response says which build answered it.
function stamped(status, body) {
  return { status, headers: { 'x-build': BUILD }, body };
}
