// Lesson 6: hand the counter from one plugin to the next.
// plugin-swap calls snapshot() on the old version and passes what it returned to migrate(prev) on the new one.

let hits = 0;

export function handle(req) {
  hits++;
  return `pong ${hits}`;
}

// The old version's half of the hand-over: the state it gives to the next version (plain data).
export function snapshot() {
  return { hits };
}
