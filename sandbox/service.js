// Your live service. Save this file and watch the lab apply the change while requests keep flowing.
// handle(req) answers every request: req is {method, path, query, headers, body}.
// Return a string, or {status, headers, body}.

let hits = 0; // module state: does it survive an update? That depends on the strategy.

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  return { status: 404, body: `no route for ${req.path}` };
}

// Optional: state to hand to the next version (plugin-swap, graceful binary-replace) ...
export function snapshot() {
  return { hits };
}

// ... and how the next version takes it over. Throwing here aborts the update.
export function migrate(prev) {
  hits = prev.hits;
}
