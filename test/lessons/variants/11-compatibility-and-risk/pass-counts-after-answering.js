// expect: pass
// Answers first, counts after (so /stats does not count itself yet), and sends the JSON as a string.
let hits = 0;
let counts = {};

function route(req) {
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/stats') return JSON.stringify(counts);
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function handle(req) {
  hits++;
  const answer = route(req);
  counts[req.path] = (counts[req.path] || 0) + 1;
  return answer;
}

export function snapshot() {
  return { hits, counts };
}

export function migrate(prev) {
  if (typeof prev?.hits !== 'number') throw new Error(`cannot read ${JSON.stringify(prev)}`);
  hits = prev.hits;
  counts = { ...prev.counts };
}
