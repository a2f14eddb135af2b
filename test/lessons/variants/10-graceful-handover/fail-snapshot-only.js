// expect: fail: the next graceful restart carries the counter over
// Half the contract: nothing takes the snapshot over.
let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { hits };
}
