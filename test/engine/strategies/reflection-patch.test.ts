import { afterEach, describe, expect, it } from 'vitest';
import { counter, startLab, type Lab } from '../lab-fixture.ts';

describe('reflection-patch: changed functions replaced in place', () => {
  let lab: Lab;
  afterEach(() => lab?.close());

  it('keeps module state and serves the new function body', async () => {
    lab = await startLab(counter('pong'), { strategy: 'reflection-patch', traffic: { rate: 0 } });
    for (let i = 0; i < 5; i++) await lab.get();
    const record = await lab.save(counter('PONG'));
    expect(record).toMatchObject({ outcome: 'applied', stateKept: true, version: 2 });
    expect(record.notes.join(' ')).toContain('replaced handle()');
    // 5 requests + the one the engine sends right after the swap to time the first response = 6 before this one.
    expect((await lab.get()).body).toBe('PONG 7');
  });

  it('refuses a changed top-level initialiser with a precise reason, and applies nothing', async () => {
    lab = await startLab(counter('pong'), { strategy: 'reflection-patch', traffic: { rate: 0 } });
    await lab.get();
    const changed = counter('PONG').replace('let hits = 0;', 'let hits = 100;');
    const record = await lab.save(changed);
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toContain('hits');
    expect(record.location).toMatchObject({ line: 1 });
    // All or nothing: the handle() change in the same save was not applied either.
    expect((await lab.get()).body).toBe('pong 2');
  });

  it('adds new functions and lets the patched code call them', async () => {
    lab = await startLab(counter('pong'), { strategy: 'reflection-patch', traffic: { rate: 0 } });
    const next = `let hits = 0;
export function handle(req) {
  hits++;
  return shout(\`pong \${hits}\`);
}
function shout(s) { return s.toUpperCase() + '!'; }
`;
    const record = await lab.save(next);
    expect(record.outcome).toBe('applied');
    expect((await lab.get()).body).toMatch(/^PONG \d+!$/);
  });

  it('leaves references captured before the patch on the old code, and says where', async () => {
    const routed = (text: string): string => `let hits = 0;
function ping(req) {
  hits++;
  return \`${text} \${hits}\`;
}
const routes = { '/ping': ping };
export function handle(req) {
  return routes[req.path](req);
}
`;
    lab = await startLab(routed('pong'), { strategy: 'reflection-patch', traffic: { rate: 0 } });
    const record = await lab.save(routed('PONG'));
    expect(record.outcome).toBe('applied');
    expect(record.notes.join('\n')).toMatch(/routes.*still holds the old ping/);
    // The route table captured the old function: the learner still sees the old text.
    expect((await lab.get()).body).toMatch(/^pong/);
    expect((await lab.engine.evaluate('ping({path: "/x"})')).ok).toBe(true);
    expect(await lab.engine.evaluate('ping({path: "/x"})')).toMatchObject({ text: expect.stringMatching(/^PONG/) });
  });
});
