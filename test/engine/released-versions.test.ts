// A version that is no longer served gives its memory back (issue 12, point 4). A service holding 20 MB in a
// 64 MB isolate leaves room for one more copy of itself, not two: if released versions stayed reachable (through
// the harness handle the host keeps, or a compiled script), the third or fourth save would run out of memory in
// the verifier or in the serving process, and a valid save would be refused.
import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

/** Holds 20 MB (2.5 M doubles) and counts in hot.data, which file-watch hands to the next version. */
const holding20Mb = (text: string): string => `const table = new Array(2.5e6).fill(0.5);
let hits = hot.data.hits ?? 0;
export function handle(req) {
  hits++;
  hot.data.hits = hits;
  return '${text} ' + hits + ' ' + table.length;
}
`;

const hitsOf = (body: string): number => Number(body.split(' ')[1]);

describe('released versions are freed', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('12 file-watch saves of a service holding 20 MB all apply, in the same process, and hot.data keeps counting', async () => {
    lab = await startLab(holding20Mb('v1'), { strategy: 'file-watch', traffic: { rate: 0 } });
    await lab.get();
    const pid = lab.engine.getSnapshot().sandbox.pid;
    let last = hitsOf((await lab.get()).body);
    for (let save = 2; save <= 13; save++) {
      const record = await lab.save(holding20Mb(`v${save}`));
      expect(record, `save ${save}: ${record.reason ?? ''}`).toMatchObject({ outcome: 'applied', version: save, stateKept: true });
      const response = await lab.get();
      expect(response.body.startsWith(`v${save} `)).toBe(true);
      expect(hitsOf(response.body)).toBeGreaterThan(last); // + the one request the engine sends right after a swap
      last = hitsOf(response.body);
    }
    const snapshot = lab.engine.getSnapshot();
    expect(snapshot.sandbox).toMatchObject({ restarts: 0, pid });
    expect(snapshot.problem).toBeNull();
  });

  it('reflection-patch test-runs every change in the verifier: 12 patches of a 20 MB service all apply', async () => {
    const patched = (n: number): string => holding20Mb('x').replace(`'x '`, `'v' + ${n} + ' '`);
    lab = await startLab(patched(1), { strategy: 'reflection-patch', traffic: { rate: 0 } });
    await lab.get();
    for (let save = 2; save <= 13; save++) {
      const record = await lab.save(patched(save));
      expect(record, `save ${save}: ${record.reason ?? ''}`).toMatchObject({ outcome: 'applied', version: save, stateKept: true });
    }
    expect(await lab.get()).toMatchObject({ version: 13, body: expect.stringMatching(/^v13 \d+ 2500000$/) });
  });
});
