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

// The new version's half: take the old state over, or throw to abort the switch (the old version keeps serving).
export function migrate(prev) {
  if (typeof prev?.hits !== 'number') {
    throw new Error(`cannot take over this snapshot: ${JSON.stringify(prev)}`);
  }
  hits = prev.hits;
}
