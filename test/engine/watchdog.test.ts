// The watchdog kills a sandbox that stopped answering (one long built-in call that no time limit interrupts).
// It must not mistake a busy *host* for a stuck sandbox (issue 12, point 5): while the engine's own event loop
// is blocked (parsing a large source, writing large responses), the sandbox's answers wait unread, and killing it
// then loses the state of a healthy service.
import { afterEach, describe, expect, it } from 'vitest';
import { counter, startLab, type Lab } from './lab-fixture.ts';

/** Blocks this process's event loop, as a long synchronous task in the host does. */
function blockHost(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy: no timer, no I/O callback runs meanwhile
  }
}

describe('the watchdog and a busy host', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('a host blocked for 3 s while requests are in flight does not get the healthy sandbox killed', async () => {
    lab = await startLab(counter('pong'), { traffic: { rate: 0 } });
    expect((await lab.get()).body).toBe('pong 1');
    const pid = lab.engine.getSnapshot().sandbox.pid;
    const inFlight = Array.from({ length: 5 }, () => lab!.get());
    blockHost(3000);
    const responses = await Promise.all(inFlight);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await lab.get()).body).toBe('pong 7');
    expect(lab.engine.getSnapshot().sandbox).toMatchObject({ pid, restarts: 0 });
  });

  it('a sandbox stuck in one long built-in call is still killed and restarted', async () => {
    const source = counter('pong', '').replace('hits++;', "if (req.path === '/fill') new Array(1e8).fill(0);\n  hits++;");
    lab = await startLab(source, { traffic: { rate: 0 } });
    await lab.get();
    const stuck = await lab.get('/fill');
    expect(stuck).toMatchObject({ failed: true, status: 503 });
    expect(lab.engine.getSnapshot().problem).toContain('its state is lost');
  });
});
