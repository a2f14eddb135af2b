// Compare replays the learner's last code change, not the last two versions: a strategy switch (or a reload)
// makes a new version of the same code, and replaying that "edit" showed every strategy applying it with state
// kept, the opposite of what the real edit does (a newcomer's report, lesson 6).
import { afterEach, describe, expect, it } from 'vitest';
import { lastCodeChange } from '../../src/engine/last-code-change.ts';
import type { AppliedVersion } from '../../src/engine/version-history.ts';
import { startLab, type Lab } from './lab-fixture.ts';

const version = (v: number, modules: Record<string, string>): AppliedVersion => ({ version: v, sources: new Map(Object.entries(modules)) });

describe('lastCodeChange', () => {
  it('skips versions that re-applied the same code (a switch, a reload)', () => {
    const history = [version(1, { 'service.js': 'A' }), version(2, { 'service.js': 'B' }), version(3, { 'service.js': 'B' }), version(4, { 'service.js': 'B' })];
    const change = lastCodeChange(history);
    expect([change?.before.version, change?.after.version]).toEqual([1, 2]);
    expect(change?.changed).toEqual(['service.js']);
  });

  it('takes the newest change: a rollback to older code is one too', () => {
    const history = [version(1, { 'service.js': 'A' }), version(2, { 'service.js': 'B' }), version(3, { 'service.js': 'A' })];
    expect(lastCodeChange(history)?.after.version).toBe(3);
  });

  it('names the modules that changed, were added or removed', () => {
    const history = [version(1, { 'service.js': 'S', 'greet.js': 'G', 'old.js': 'O' }), version(2, { 'service.js': 'S', 'greet.js': 'G2', 'new.js': 'N' })];
    expect(lastCodeChange(history)?.changed).toEqual(['greet.js', 'new.js', 'old.js']);
  });

  it('is null while no version changed the code', () => {
    expect(lastCodeChange([])).toBeNull();
    expect(lastCodeChange([version(1, { 'service.js': 'A' })])).toBeNull();
    expect(lastCodeChange([version(1, { 'service.js': 'A' }), version(2, { 'service.js': 'A' })])).toBeNull();
  });
});

describe('engine.compare after a strategy switch', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  const starter = 'let hits = 0;\nexport function handle(req) {\n  hits++;\n  return `pong ${hits}`;\n}\nexport function snapshot() {\n  return { hits };\n}\n';
  const withMisses = starter.replace('let hits = 0;\n', 'let hits = 0;\nlet misses = 0;\n');

  it('says there is nothing to replay before a save changed the code, and after a switch alone', async () => {
    lab = await startLab(starter, { strategy: 'plugin-swap' });
    expect(lab.engine.compare()).toBeNull();
    await lab.engine.setStrategy('reflection-patch');
    expect(lab.engine.compare()).toBeNull();
  });

  it('replays v1 → v2 (the save), not v2 → v3 (the switch): reflection-patch still refuses the new binding', async () => {
    lab = await startLab(starter, { strategy: 'plugin-swap' });
    expect(await lab.save(withMisses)).toMatchObject({ version: 2, outcome: 'applied' });
    expect(await lab.engine.setStrategy('reflection-patch')).toMatchObject({ version: 3, outcome: 'applied' });
    const run = lab.engine.compare();
    expect(run?.edit).toEqual({ from: 1, to: 2, changed: ['service.js'] });
    const rows = await run!.rows;
    const reflection = rows.find((r) => r.strategy === 'reflection-patch');
    expect(reflection?.outcome).toBe('rejected');
    expect(reflection?.reason).toContain('`misses`');
    expect(rows.find((r) => r.strategy === 'file-watch')?.stateKept).toBe(false);
  }, 60_000);
});
