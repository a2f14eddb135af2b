// Lesson 11: this is v1, the version you will roll back to.
// Its migrate() is strict: it takes a snapshot over only if `hits` is a number, and refuses anything else.

let hits = 0;

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  return { status: 404, body: `no route for ${req.path}\n` };
}

export function snapshot() {
  return { hits };
}

export function migrate(prev) {
  if (typeof prev?.hits !== 'number') throw new Error(`v1 cannot read this snapshot: ${JSON.stringify(prev)}`);
  hits = prev.hits;
}
