import { afterEach, describe, expect, it } from 'vitest';
import { counter, startLab, type Lab } from '../lab-fixture.ts';

const hitsOf = (body: string): number => Number(body.split(' ').at(-1));

describe('file-watch: the whole file is evaluated again', () => {
  let lab: Lab;
  afterEach(() => lab?.close());

  it('serves the saved code as the next version and re-initialises module state', async () => {
    lab = await startLab(counter('pong'), { strategy: 'file-watch' });
    await lab.get();
    await lab.get();
    expect((await lab.get()).body).toMatch(/^pong \d+$/);
    const record = await lab.save(counter('PONG'));
    expect(record).toMatchObject({ outcome: 'applied', version: 2, previousVersion: 1, strategy: 'file-watch', stateKept: false, failedRequests: 0, retainedVersions: 0 });
    const after = await lab.get();
    expect(after.version).toBe(2);
    expect(after.body).toMatch(/^PONG \d+$/);
    // Fresh state: the new version counts from zero (a few driver requests may have landed since the swap).
    expect(hitsOf(after.body)).toBeLessThan(10);
  });

  it('hands hot.data to the new version, so state kept there survives', async () => {
    const withHotData = (text: string): string => `let hits = hot.data.hits ?? 0;
export function handle(req) {
  hits++;
  hot.data.hits = hits;
  return \`${text} \${hits}\`;
}
`;
    lab = await startLab(withHotData('pong'), { strategy: 'file-watch', traffic: { rate: 0 } });
    for (let i = 0; i < 5; i++) await lab.get();
    const record = await lab.save(withHotData('PONG'));
    expect(record).toMatchObject({ outcome: 'applied', stateKept: true });
    const after = await lab.get();
    expect(after.body).toMatch(/^PONG/);
    expect(hitsOf(after.body)).toBeGreaterThan(5);
  });

  it('records every stage of the update with timings', async () => {
    lab = await startLab(counter('pong'), { strategy: 'file-watch' });
    const record = await lab.save(counter('PONG'));
    for (const stage of ['detect', 'read', 'compile', 'link', 'swap', 'firstResponse'] as const) {
      expect(record.timings[stage], stage).toBeGreaterThanOrEqual(0);
    }
    expect(record.total).toBeGreaterThan(0);
    expect(record.firstResponseAt).toBeGreaterThan(record.startedAt);
  });
});

describe('file-watch: state kept means the new version took hot.data back', () => {
  let lab: Lab;
  afterEach(() => lab?.close());

  it('a version that only writes hot.data (never reads it) loses its state, and says so', async () => {
    const writesOnly = (text: string): string => `let hits = 0;
export function handle(req) {
  hits++;
  hot.data.hits = hits;
  return \`${text} \${hits}\`;
}
`;
    lab = await startLab(writesOnly('pong'), { strategy: 'file-watch', traffic: { rate: 0 } });
    for (let i = 0; i < 5; i++) await lab.get();
    const record = await lab.save(writesOnly('PONG'));
    expect(record).toMatchObject({ outcome: 'applied', stateKept: false });
    expect(record.notes.join(' ')).toMatch(/never reads it back/);
    // Counting again from the start (the engine sends one request right after the swap to time it).
    expect(hitsOf((await lab.get()).body)).toBeLessThan(5);
  });
});
