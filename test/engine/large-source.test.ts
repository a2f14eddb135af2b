// A large service file is a valid service (issue 12, point 5): saving one with traffic flowing over HTTP applies
// it without a failed request, a killed sandbox or lost state, and says so truthfully in its record.
import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

/** About `kb` KB of small top-level functions (the shape that made parsing quadratic), counting in hot.data. */
function largeService(text: string, kb: number): string {
  let body = '';
  for (let i = 0; body.length < kb * 1024; i++) body += `function helper${i}(a) { return a + ${i}; }\n`;
  return `${body}hot.data.hits ??= 0;
export function handle(req) {
  hot.data.hits++;
  return '${text} ' + hot.data.hits + ' ' + helper7(1);
}
`;
}

describe('a large source', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('a 0.5 MB first version starts, and a 1 MB save applies under HTTP traffic with nothing failed or lost', async () => {
    lab = await startLab(largeService('v1', 512), { strategy: 'file-watch', traffic: { rate: 50 }, http: { port: 0, host: '127.0.0.1' } });
    const url = lab.engine.getSnapshot().httpUrl!;
    let stop = false;
    const statuses: number[] = [];
    const client = (async () => {
      while (!stop) statuses.push((await fetch(`${url}/ping`)).status);
    })();
    const record = await lab.save(largeService('v2', 1024));
    stop = true;
    await client;
    expect(record, record.reason).toMatchObject({ outcome: 'applied', version: 2, stateKept: true, failedRequests: 0 });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(lab.engine.getSnapshot().sandbox.restarts).toBe(0);
    expect((await lab.get()).body).toMatch(/^v2 \d+ 8$/);
  });
});
