// Lesson 10: a graceful restart starts the new process first, waits until it is ready, switches traffic to it,
// lets the old one finish (drain) and only then stops it. No request fails — but the counter still starts
// over, because memory does not move between processes by itself.

let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  return { status: 404, body: `no route for ${req.path}\n` };
}

// Called on the old process after it drained: plain data, copied to the new process.
export function snapshot() {
  return { hits };
}

// Called on the new process before it gets traffic. Throwing aborts the hand-over: the old one keeps serving.
export function migrate(prev) {
  if (typeof prev?.hits !== 'number') throw new Error(`cannot take over ${JSON.stringify(prev)}`);
  hits = prev.hits;
}
