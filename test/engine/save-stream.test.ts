// A learner (or an editor's autosave) saving every 100–200 ms: graceful binary-replace needs about a second to
// start a new process, so every update used to be overtaken by the next save and nothing applied until the
// saves stopped (issue 12, point 10). The latest still wins, but one applies at least every few seconds, and the
// updates thrown away are reported.
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { counter, SNAPSHOT_MIGRATE, startLab, type Lab } from './lab-fixture.ts';

describe('a stream of saves', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('graceful binary-replace applies versions while saves keep coming, says what was superseded, and ends on the last', async () => {
    lab = await startLab(counter('s0', SNAPSHOT_MIGRATE), { strategy: 'binary-replace', restart: 'graceful', traffic: { rate: 50 } });
    const logs: string[] = [];
    lab.engine.on('log', (entry) => {
      if (entry.source === 'engine') logs.push(entry.message);
    });
    const saves = 60; // 9 s at 150 ms
    const appliedDuring: number[] = [];
    for (let i = 1; i <= saves; i++) {
      await writeFile(lab.file, counter(`s${i}`, SNAPSHOT_MIGRATE));
      await new Promise((resolve) => setTimeout(resolve, 150));
      const last = lab.engine.updates.at(-1);
      if (last?.outcome === 'applied' && last.version !== appliedDuring.at(-1)) appliedDuring.push(last.version!);
    }
    // Several versions went live while the stream lasted, not one at its end.
    expect(appliedDuring.length, JSON.stringify(lab.engine.updates.map((r) => [r.outcome, r.version, r.reason]))).toBeGreaterThanOrEqual(3);
    const records = JSON.stringify(lab.engine.updates.map((r) => [r.outcome, r.version, r.reason, r.notes]));
    expect(logs.some((message) => message.startsWith('an update was superseded before it switched in')), JSON.stringify(logs)).toBe(true);
    expect(lab.engine.updates.some((r) => r.notes.some((note) => /earlier saves? (was|were) superseded/.test(note))), records).toBe(true);
    // And the last save wins, with the state carried through every hand-over.
    await lab.engine.idle();
    const final = await lab.get();
    expect(final.body).toMatch(new RegExp(`^s${saves} \\d+$`));
    expect(Number(final.body.split(' ')[1])).toBeGreaterThan(100);
    expect(lab.engine.updates.every((r) => r.outcome === 'applied'), records).toBe(true);
  }, 60_000);
});
