// A save must not lose state because of how much memory the service holds (issue 12, points 2 and 3). The
// serving sandbox's isolate has one 64 MB heap for every version it holds: a valid version is applied when it
// fits, a version that cannot fit is refused with that reason before anything is touched, the learner is warned
// while plugin-swap's retained versions fill the heap, and the service never crashes on the way.
import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

const numberAfter = (body: string): number => Number(body.split(' ')[1]);

/** Holds `doubles` numbers (8 bytes each) in module state, counts in hot.data. */
const holdingHotData = (text: string, doubles: number): string => `const table = new Array(${doubles}).fill(0.5);
hot.data.hits ??= 0;
export function handle(req) {
  hot.data.hits++;
  return '${text} ' + hot.data.hits + ' ' + table.length;
}
`;

/** Holds `doubles` numbers in module state, counts in `hits`, hands it over with snapshot/migrate; `extra` runs in migrate. */
const holdingMigrating = (text: string, doubles: number, extra = ''): string => `const table = new Array(${doubles}).fill(0.5);
let hits = 0;
export function handle(req) {
  hits++;
  return '${text} ' + hits + ' ' + table.length;
}
export function snapshot() { return { hits }; }
export function migrate(prev) { ${extra} hits = prev.hits; }
`;

describe('memory: nothing lost because of the heap', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('file-watch: a service holding 36 MB of its 64 MB heap is updated five times, hot.data kept, no restart', async () => {
    lab = await startLab(holdingHotData('v1', 4.5e6), { strategy: 'file-watch', traffic: { rate: 0 } });
    await lab.get();
    let last = numberAfter((await lab.get()).body);
    for (let save = 2; save <= 6; save++) {
      const record = await lab.save(holdingHotData(`v${save}`, 4.5e6));
      expect(record, record.reason).toMatchObject({ outcome: 'applied', version: save, stateKept: true });
      const response = await lab.get();
      expect(response.body.startsWith(`v${save} `)).toBe(true);
      expect(numberAfter(response.body)).toBeGreaterThan(last);
      last = numberAfter(response.body);
    }
    expect(lab.engine.getSnapshot().sandbox.restarts).toBe(0);
  });

  it('plugin-swap: a migrate(prev) that allocates 80 MB is refused before the serving sandbox is touched', async () => {
    lab = await startLab(holdingMigrating('v1', 1000), { strategy: 'plugin-swap', traffic: { rate: 0 } });
    for (let i = 0; i < 5; i++) await lab.get();
    const pid = lab.engine.getSnapshot().sandbox.pid;
    const record = await lab.save(holdingMigrating('v2', 1000, 'const scratch = new Array(1e7).fill(0.5);'));
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/out of memory|heap limit|would not fit/);
    expect(record.reason).toContain('v1 keeps serving');
    expect(record.stateKept).toBe(true);
    // And it does: same process, the counter goes on.
    expect(await lab.get()).toMatchObject({ version: 1, body: 'v1 6 1000' });
    expect(lab.engine.getSnapshot().sandbox).toMatchObject({ pid, restarts: 0 });
    const next = await lab.save(holdingMigrating('v3', 1000));
    expect(next, next.reason).toMatchObject({ outcome: 'applied', version: 2, stateKept: true });
  });

  it('plugin-swap: the learner is warned as retained versions fill the heap, a save that would not fit is refused, nothing crashes', async () => {
    // 4 MB per version: the 64 MB heap holds about a dozen.
    lab = await startLab(holdingMigrating('v1', 524_288), { strategy: 'plugin-swap', traffic: { rate: 0 } });
    await lab.get();
    let warned: string | undefined;
    let refused: string | undefined;
    let version = 1;
    for (let save = 2; save <= 30 && !refused; save++) {
      const record = await lab.save(holdingMigrating(`s${save}`, 524_288));
      if (record.outcome === 'rejected') {
        refused = record.reason;
        expect(record.stateKept).toBe(true);
      } else {
        version = record.version!;
        expect(record.stateKept).toBe(true);
        warned ??= record.notes.find((note) => note.includes('heap'));
      }
    }
    expect(warned, 'a warning before the refusal').toBeDefined();
    expect(warned).toMatch(/plugin-swap keeps \d+ old versions? loaded/);
    expect(lab.engine.getSnapshot().heapWarning).toMatch(/of 64 MB/);
    expect(refused).toMatch(/would not fit/);
    expect(refused).toMatch(/plugin-swap keeps \d+ old versions? loaded/);
    expect(refused).toContain(`v${version} keeps serving`);
    expect(lab.engine.getSnapshot().sandbox.restarts).toBe(0);
    // The counter went on through every applied version, and still does.
    const before = numberAfter((await lab.get()).body);
    expect(before).toBeGreaterThan(version);
    // Unloading what Go cannot unload makes room: the next save applies.
    expect(await lab.engine.unloadRetained()).toBeGreaterThan(0);
    expect(await lab.save(holdingMigrating('after-unload', 524_288))).toMatchObject({ outcome: 'applied', stateKept: true });
    expect(lab.engine.getSnapshot().heapWarning).toBeNull();
  });
});
