// The lab's keys: strategy switching, reload/rollback, the restart toggle, help generated from the table.
import { afterEach, expect, test } from 'vitest';
import { KEY_TABLE } from '../../src/ui/keys/key-table.ts';
import { keysLabel } from '../../src/ui/keys/help-plan.ts';
import { MESSAGES } from '../../src/ui/shared/messages.ts';
import { FakeEngine, updateRecord } from './fake-engine.ts';
import { KEYS, renderLab, type LabHarness } from './render-lab.tsx';

let lab: LabHarness | undefined;
afterEach(() => lab?.unmount());

test('pressing 2 calls setStrategy("plugin-swap") and the bar shows it active', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  expect(lab.lastFrame()).toContain('[1 file-watch]');
  await lab.press('2');
  const frame = await lab.waitFor('[2 plugin-swap]');
  expect(engine.callsTo('setStrategy')).toEqual([['plugin-swap']]);
  expect(frame).not.toContain('[1 file-watch]');
});

test('every strategy key maps to its strategy, in the order of the bar', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  await lab.press('3');
  await lab.waitFor('[3 reflection-patch]');
  await lab.press('4');
  await lab.waitFor('[4 binary-replace (graceful)]');
  await lab.press('1');
  await lab.waitFor('[1 file-watch]');
  expect(engine.callsTo('setStrategy')).toEqual([['reflection-patch'], ['binary-replace'], ['file-watch']]);
});

test('g toggles binary-replace between graceful and cold', async () => {
  const engine = new FakeEngine({ strategy: 'binary-replace', restart: 'graceful' });
  lab = await renderLab({ engine });
  await lab.press('g');
  await lab.waitFor('[4 binary-replace (cold)]');
  await lab.press('g');
  await lab.waitFor('[4 binary-replace (graceful)]');
  expect(engine.callsTo('setStrategy')).toEqual([
    ['binary-replace', 'cold'],
    ['binary-replace', 'graceful'],
  ]);
});

test('r reloads and u rolls back: the update line describes the result, the console says when nothing changed', async () => {
  const engine = new FakeEngine();
  const record = updateRecord({ version: 2, previousVersion: 1, strategy: 'file-watch', total: 4.2, stateKept: true, trigger: 'reload' });
  engine.reload = async () => {
    engine.calls.push({ method: 'reload', args: [] });
    engine.pushUpdate(record);
    return record;
  };
  lab = await renderLab({ engine });
  await lab.press('r');
  await lab.waitFor('✓ v1 → v2 applied · file-watch · 4.2ms · state kept · 0 failed');
  expect(engine.callsTo('reload')).toHaveLength(1);
  engine.nextUpdate = null;
  await lab.press('u');
  await lab.waitFor('no earlier version to go back to');
  expect(engine.callsTo('rollback')).toHaveLength(1);
});

test('? shows help listing every binding of the key table, and Esc closes it', async () => {
  const engine = new FakeEngine();
  // Wide enough that no description is cut: the test checks that every binding is listed whole.
  lab = await renderLab({ engine }, { columns: 120, rows: 40 });
  await lab.press('?');
  const frame = await lab.waitFor(MESSAGES.en.helpTitle);
  for (const binding of KEY_TABLE) {
    expect(frame).toContain(keysLabel(binding));
    expect(frame).toContain(MESSAGES.en.describe[binding.action]);
  }
  await lab.press(KEYS.escape);
  await lab.waitFor((f) => !f.includes(MESSAGES.en.helpTitle));
});

test('an engine command that fails is printed, and the screen stays up', async () => {
  const engine = new FakeEngine();
  engine.reload = async () => {
    throw new Error('scheduler busy\n    at Scheduler.run (scheduler.ts:1:1)');
  };
  lab = await renderLab({ engine });
  await lab.press('r');
  const frame = await lab.waitFor('engine error: scheduler busy');
  expect(frame).not.toContain('scheduler.ts');
  expect(frame).toContain('Live service');
});

test('keys typed faster than the screen renders go where the earlier keys sent them', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  // No turn between the writes: `/` focuses the REPL, and the `r` right behind it is typed there, not a reload.
  lab.stdin.write('/');
  lab.stdin.write('r');
  lab.stdin.write('e');
  await lab.waitFor('› re');
  expect(engine.callsTo('reload')).toEqual([]);
  // (An Esc followed at once by a letter reads as Alt+letter, as in a terminal: wait for the lab keys.)
  await lab.press(KEYS.escape);
  await lab.waitFor('1-4 strategy');
  await lab.press('r');
  await lab.waitFor(() => engine.callsTo('reload').length === 1);
});

test('"switching to …" shows while the switch runs and goes when it is done', async () => {
  const engine = new FakeEngine();
  let finish: (record: null) => void = () => {};
  const original = engine.setStrategy.bind(engine);
  engine.setStrategy = (strategy, restart) => original(strategy, restart).then(() => new Promise((resolve) => (finish = resolve)));
  lab = await renderLab({ engine });
  await lab.press('2');
  await lab.waitFor('switching to plugin-swap…');
  finish(null);
  const frame = await lab.waitFor((f) => !f.includes('switching to'));
  expect(frame).toContain('[2 plugin-swap]');
});

test('the updates table: a refused attempt has no version of its own, and an update with no state to keep says —', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine }, { columns: 120, rows: 40 });
  const module = { module: 'service.js', action: 're-ran' as const, cause: 'changed' as const, stateKept: false, stateful: false };
  engine.pushUpdate(updateRecord({ version: 2, previousVersion: 1, stateKept: true, modules: [module] }));
  engine.pushUpdate(updateRecord({ outcome: 'rejected', version: 2, previousVersion: 2, reason: 'service.js:1:1: bad — v2 keeps serving', cause: 'bad' }));
  const frame = await lab.waitFor('✗ rejected');
  const rows = frame.split('\n').flatMap((line) => /\s(v\d+|—)\s+file-watch\s+([✓✗])\s.*\s(\S+)$/.exec(line)?.slice(1) ?? []);
  expect(rows, frame).toEqual(['v2', '✓', '—', '—', '✗', '—']);
  expect(frame).toMatch(/Last update file-watch · ✗ rejected/);
  // The last column: nothing held state in the one module that re-ran, so neither ✓ (kept) nor ✗ (lost).
});
