// When the sandbox that serves dies in the middle of an update, its state is gone: the record must say so, never
// "state kept" (issue 12, points 2 and 5), and the engine brings the last good version back.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { counter, eventually, startLab, type Lab } from './lab-fixture.ts';

/** CPU time a process has used, in clock ticks (Linux /proc; null elsewhere). */
function cpuTicks(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return null;
  }
}

describe('the serving sandbox dies during an update', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('the record says the state was lost, and the last good version serves again', async ({ skip }) => {
    // A generous start-up limit: on a busy machine the verifier's 0.9 s spin must not read as a slow start.
    lab = await startLab(counter('v1'), { strategy: 'plugin-swap', traffic: { rate: 0 }, limits: { initTimeoutMs: 10_000 } });
    for (let i = 0; i < 3; i++) await lab.get();
    const pid = lab.engine.getSnapshot().sandbox.pid!;
    const baseline = cpuTicks(pid);
    if (baseline === null) return skip('no /proc on this system');
    // v2 spins for a second at start-up: first in the verifier, then in the serving sandbox, which is idle
    // otherwise (no traffic). Once the serving sandbox has spun for 0.2 s of CPU it is loading v2: kill it there.
    const v2 = counter('v2', 'const end = Date.now() + 900;\nwhile (Date.now() < end) {}\n');
    const killer = setInterval(() => {
      const now = cpuTicks(pid);
      if (now !== null && now - baseline >= 20) {
        clearInterval(killer);
        process.kill(pid, 'SIGKILL');
      }
    }, 10);
    try {
      const record = await lab.save(v2);
      expect(record.outcome).toBe('rejected');
      expect(record.stateKept).toBe(false);
      expect(record.reason).toContain('its state is lost');
    } finally {
      clearInterval(killer);
    }
    const back = await eventually(() => lab!.get(), (r) => !r.failed);
    expect(back).toMatchObject({ version: 1, body: 'v1 1' });
  });
});
