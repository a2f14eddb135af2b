// A service that logs in a loop is limited where it logs, inside the isolate (issue 12, point 9): a top-level loop
// of console.log used to queue every line in the sandbox process (260 MB in the verifier) before the host could
// drop any. The version still applies, the feed gets the lines the rate allows and says how many were dropped.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_LINES_PER_SECOND } from '../../src/engine/sandbox/log-limiter.ts';
import type { LogEntry } from '../../src/engine/types.ts';
import { counter, startLab, type Lab } from './lab-fixture.ts';

/** Peak resident memory (MB) of each process this one started (the sandboxes), from Linux /proc; null elsewhere. */
function childPeaksMb(): Map<number, number> | null {
  try {
    const peaks = new Map<number, number>();
    for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
      try {
        if (readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] !== String(process.pid)) continue;
        const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1];
        if (kb) peaks.set(Number(name), Number(kb) / 1024);
      } catch {
        // gone meanwhile
      }
    }
    return peaks;
  } catch {
    return null;
  }
}

describe('a log flood', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('at start-up: the version applies, at most the rate of lines reach the feed, and the drop is said', async () => {
    lab = await startLab(counter('v1'), { traffic: { rate: 0 } });
    const logs: LogEntry[] = [];
    lab.engine.on('log', (entry) => {
      if (entry.source === 'service' && entry.version === 2) logs.push(entry);
    });
    const flood = counter('v2', "const end = Date.now() + 600;\nwhile (Date.now() < end) console.log('x'.repeat(2000));\n");
    const before = childPeaksMb();
    const record = await lab.save(flood);
    // Both sandboxes ran the flood (the verifier's test-run, then the serving one); neither held it in memory
    // (before the limit inside the isolate: +290 MB and +140 MB at their peaks).
    const after = childPeaksMb();
    if (before && after) {
      for (const [pid, peak] of before) if (after.has(pid)) expect(after.get(pid)! - peak, `sandbox ${pid}`).toBeLessThan(64);
    }
    expect(record).toMatchObject({ outcome: 'applied', version: 2 });
    expect((await lab.get()).body).toMatch(/^v2 /);
    const lines = logs.filter((entry) => entry.message.startsWith('xxx'));
    expect(lines.length).toBeGreaterThan(0);
    // A 600 ms loop: the burst plus what 0.6 s of the rate refills, with slack for a slow machine.
    expect(lines.length).toBeLessThanOrEqual(LOG_LINES_PER_SECOND * 2);
    expect(logs.some((entry) => /^… \d+ log lines dropped \(the service logged more than 200 a second\)$/.test(entry.message))).toBe(true);
  });
});
