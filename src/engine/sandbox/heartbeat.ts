// A sign of life from a sandbox child that does not queue behind its answers. The engine's watchdog kills a child
// that stopped answering (one long built-in call no time limit interrupts). Answers travel on the IPC pipe, and a
// burst of large responses can fill it for longer than the watchdog's budget while the child is perfectly
// healthy (seen: 100 × 1 MB answers on a loaded machine, killed after 1.5 s, state lost — issue 12, points 1
// and 5). A child stuck in a call cannot run its event loop, so a byte on its own pipe each time the loop turns
// over says "alive" whatever the IPC pipe is carrying.
import { writeSync } from 'node:fs';

/** The file descriptor the child beats on: its stdout, which the engine reads and otherwise ignores. */
export const HEARTBEAT_FD = 1;
/** At most one beat per this many ms, and only while there is work (an idle child is not watched). */
const HEARTBEAT_MS = 100;

let lastBeat = 0;

/** Called by the child between units of work. */
export function beat(): void {
  const now = performance.now();
  if (now - lastBeat < HEARTBEAT_MS) return;
  lastBeat = now;
  try {
    writeSync(HEARTBEAT_FD, '.');
  } catch {
    // A full pipe (the engine was too busy to read) or a closed one (it is going away): the answers still count.
  }
}
