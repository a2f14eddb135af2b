// Traffic alone must never kill the sandbox (issue 12, point 1): a valid handler that answers with large bodies,
// hit by a burst of concurrent requests over real HTTP, is served (or queued), never turned into a crash.
import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

/** Answers /big with `size` characters and anything else with a counter. */
const largeAnswers = (size: number): string => `const big = 'x'.repeat(${size});
let hits = 0;
export function handle(req) {
  hits++;
  return req.path === '/big' ? big : 'pong ' + hits;
}
`;

async function burst(url: string, count: number): Promise<{ statuses: Record<number, number>; lengths: Set<number> }> {
  const statuses: Record<number, number> = {};
  const lengths = new Set<number>();
  await Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(`${url}/big`);
      const body = await response.text();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      lengths.add(body.length);
    }),
  );
  return { statuses, lengths };
}

describe('a burst of large valid responses is served', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('100 concurrent requests answered with 1 MB each: all 200, same process, state kept', async () => {
    lab = await startLab(largeAnswers(1_000_000), { traffic: { rate: 0 }, http: { port: 0, host: '127.0.0.1' } });
    const url = lab.engine.getSnapshot().httpUrl!;
    expect(await (await fetch(`${url}/ping`)).text()).toBe('pong 1');
    const pid = lab.engine.getSnapshot().sandbox.pid;

    const { statuses, lengths } = await burst(url, 100);
    expect(statuses).toEqual({ 200: 100 });
    expect([...lengths]).toEqual([1_000_000]);

    // The same process kept counting: 1 + 100 requests before this one.
    expect(await (await fetch(`${url}/ping`)).text()).toBe('pong 102');
    expect(lab.engine.getSnapshot().sandbox).toMatchObject({ pid, restarts: 0 });
    expect(lab.engine.getSnapshot().problem).toBeNull();
  });

  it('400 concurrent requests answered with 256 KB each: all 200, state kept', async () => {
    lab = await startLab(largeAnswers(256 * 1024), { traffic: { rate: 0 }, http: { port: 0, host: '127.0.0.1' } });
    const url = lab.engine.getSnapshot().httpUrl!;
    const { statuses } = await burst(url, 400);
    expect(statuses).toEqual({ 200: 400 });
    expect(await (await fetch(`${url}/ping`)).text()).toBe('pong 401');
    expect(lab.engine.getSnapshot().sandbox.restarts).toBe(0);
  });
});
