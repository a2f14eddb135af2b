// State a version cannot hand over must not leave the learner stuck (issue 12, point 6). hot.data and snapshot()
// belong to the version serving now, which no save can change: the first update from it is refused and says
// what cannot be copied and where; later updates — the fixes — apply, handing over what can be copied.
import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

const hitsOf = (body: string): number => Number(body.split(' ').at(-1));

/** Counts in hot.data.hits; `extra` runs at the top level. */
const hotCounter = (text: string, extra = ''): string => `${extra}
hot.data.hits ??= 0;
export function handle(req) {
  hot.data.hits++;
  return '${text} ' + hot.data.hits;
}
`;

/** Counts in `hits`, hands it over with snapshot()/migrate(prev); `snapshot` is the body of snapshot(). */
const migrating = (text: string, snapshot = 'return { hits };'): string => `let hits = 0;
export function handle(req) {
  hits++;
  return '${text} ' + hits;
}
export function snapshot() {
  ${snapshot}
}
export function migrate(prev) { hits = prev.hits; }
`;

describe('state that cannot be copied is refused once, then left out', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('file-watch: a function deep in hot.data is named by its path; the next save applies and keeps the rest', async () => {
    lab = await startLab(hotCounter('v1', "hot.data.cache = { users: [{ id: 1, greet: () => 'hi' }] };"), { strategy: 'file-watch', traffic: { rate: 0 } });
    for (let i = 0; i < 4; i++) await lab.get();

    const refused = await lab.save(hotCounter('v2'));
    expect(refused.outcome).toBe('rejected');
    expect(refused.reason).toContain('hot.data.cache.users[0].greet is a function');
    expect(refused.reason).toContain('cannot be copied to the new version');
    expect(refused.reason).toContain('The next update from this version applies without it');
    expect(refused.reason).toContain('v1 keeps serving');
    // Where that part of hot.data is written.
    expect(refused.location).toEqual({ file: 'service.js', line: 1, column: 1 });
    expect(await lab.get()).toMatchObject({ version: 1, body: 'v1 5' });

    const fixed = await lab.save(hotCounter('v3'));
    expect(fixed).toMatchObject({ outcome: 'applied', version: 2, stateKept: true });
    expect(fixed.notes).toEqual(['hot.data.cache was left out: hot.data.cache.users[0].greet is a function, which cannot be copied to the new version']);
    const after = await lab.get();
    expect(after.body).toMatch(/^v3 /);
    expect(hitsOf(after.body)).toBeGreaterThan(5);

    // The new version holds plain data only: its own next save hands everything over, with nothing to say.
    const next = await lab.save(hotCounter('v4'));
    expect(next).toMatchObject({ outcome: 'applied', version: 3, stateKept: true, notes: [] });
  });

  it('file-watch: a getter that throws is refused with the getter’s file:line:column', async () => {
    const source = hotCounter('v1', 'hot.data.report = { get total() { return missing.length; } };');
    lab = await startLab(source, { strategy: 'file-watch', traffic: { rate: 0 } });
    const refused = await lab.save(hotCounter('v2'));
    expect(refused.outcome).toBe('rejected');
    expect(refused.reason).toContain('reading hot.data.report.total (a getter) threw ReferenceError: missing is not defined');
    // Inside the getter's body, where V8 puts the throw (it reports `return missing.length` at the `return`).
    const text = source.split('\n')[0]!;
    expect(refused.location).toMatchObject({ file: 'service.js', line: 1 });
    expect(refused.location!.column).toBeGreaterThan(text.indexOf('get total') + 1);
    expect(refused.location!.column).toBeLessThanOrEqual(text.indexOf('missing') + 1);
    expect(await lab.save(hotCounter('v3'))).toMatchObject({ outcome: 'applied', version: 2 });
  });

  it('file-watch: a Symbol and a Proxy are named; a getter that works is copied as its value', async () => {
    lab = await startLab(hotCounter('v1', "hot.data.tag = Symbol('x');\nhot.data.cache = new Proxy({}, {});\nhot.data.stats = { get double() { return 2 * hot.data.hits; } };"), {
      strategy: 'file-watch',
      traffic: { rate: 0 },
    });
    await lab.get();
    const refused = await lab.save(hotCounter('v2'));
    expect(refused.reason).toContain('hot.data.tag is a Symbol');
    const fixed = await lab.save(hotCounter('v3'));
    expect(fixed.outcome).toBe('applied');
    expect(fixed.notes).toEqual([
      'hot.data.tag was left out: it is a Symbol, which cannot be copied to the new version',
      'hot.data.cache was left out: it is a Proxy or another special object, which cannot be copied to the new version',
    ]);
    expect(await lab.engine.evaluate('JSON.stringify(hot.data.stats)')).toEqual({ ok: true, text: '{"double":2}' });
  });

  it('plugin-swap: a snapshot() that throws is refused with where it threw; the fix applies without the state', async () => {
    const broken = migrating('v1', "throw new Error('not ready');");
    lab = await startLab(broken, { strategy: 'plugin-swap', traffic: { rate: 0 } });
    await lab.get();
    const refused = await lab.save(migrating('v2'));
    expect(refused.outcome).toBe('rejected');
    expect(refused.reason).toContain('snapshot() threw: not ready');
    expect(refused.reason).toContain('The next update from this version applies without handing its state over');
    const line = broken.split('\n').findIndex((l) => l.includes('not ready')) + 1;
    expect(refused.location).toMatchObject({ file: 'service.js', line });
    const fixed = await lab.save(migrating('v3'));
    expect(fixed).toMatchObject({ outcome: 'applied', version: 2, stateKept: false });
    expect(fixed.notes).toContain('snapshot() threw: not ready; no state was handed over');
    // The fixed version hands over as it should.
    await lab.get();
    const kept = await lab.save(migrating('v4'));
    expect(kept).toMatchObject({ outcome: 'applied', version: 3, stateKept: true });
  });

  it('plugin-swap: a snapshot() returning a function is named by its path, at snapshot()', async () => {
    const source = migrating('v1', 'return { hits, format: (n) => String(n) };');
    lab = await startLab(source, { strategy: 'plugin-swap', traffic: { rate: 0 } });
    const refused = await lab.save(migrating('v2'));
    expect(refused.reason).toContain('snapshot().format is a function, which cannot be copied to the new version');
    const line = source.split('\n').findIndex((l) => l.startsWith('export function snapshot')) + 1;
    expect(refused.location).toEqual({ file: 'service.js', line, column: 17 });
  });

  it('binary-replace graceful: a snapshot() that loops is refused once; the next save restarts with fresh state', async () => {
    lab = await startLab(migrating('v1', 'for (;;) {}'), { strategy: 'binary-replace', restart: 'graceful', traffic: { rate: 0 } });
    await lab.get();
    const refused = await lab.save(migrating('v2'));
    expect(refused.outcome).toBe('rejected');
    expect(refused.reason).toContain('snapshot() did not finish within the time limit');
    expect(refused.reason).toContain('v1 keeps serving');
    expect(await lab.get()).toMatchObject({ version: 1, body: 'v1 2' });
    const fixed = await lab.save(migrating('v3'));
    expect(fixed).toMatchObject({ outcome: 'applied', version: 2, stateKept: false });
    expect(fixed.notes.join('\n')).toContain('snapshot() did not finish within the time limit (an endless loop?); no state was handed over');
    expect((await lab.get()).body).toMatch(/^v3 /);
  });
});
