// The REPL: evaluation in the live sandbox, commands, history, and focus against the global keys.
import { afterEach, expect, test } from 'vitest';
import { FakeEngine, updateRecord } from './fake-engine.ts';
import { KEYS, renderLab, type LabHarness } from './render-lab.tsx';

let lab: LabHarness | undefined;
afterEach(() => lab?.unmount());

async function focusAndType(harness: LabHarness, focusKey: string, text: string) {
  await harness.press(focusKey);
  await harness.waitFor('Enter run');
  await harness.press(...Array.from(text));
}

test('evaluates an expression in the live sandbox and shows the result', async () => {
  const engine = new FakeEngine();
  engine.evaluator = (expression) => (expression === 'hits' ? { ok: true, text: '42' } : { ok: false, error: 'nope' });
  lab = await renderLab({ engine });
  await focusAndType(lab, '/', 'hits');
  await lab.waitFor('› hits');
  await lab.press(KEYS.enter);
  const frame = await lab.waitFor((f) => /^42\s*$/m.test(f));
  expect(engine.callsTo('evaluate')).toEqual([['hits']]);
  expect(frame).toContain('› hits');
});

test('a line and its Enter arriving in one chunk (fast typing, paste, tmux) still runs', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  await lab.press('/');
  await lab.waitFor('Enter run');
  await lab.press('hits\r:set hits 7\r');
  await lab.waitFor(() => engine.callsTo('setValue').length === 1);
  expect(engine.callsTo('evaluate')).toEqual([['hits']]);
  expect(engine.callsTo('setValue')).toEqual([['hits', '7']]);
});

test('an evaluation error is shown with its location, first line only', async () => {
  const engine = new FakeEngine();
  engine.evaluator = () => ({ ok: false, error: 'ReferenceError: hitz is not defined\n    at <repl>:1:1', location: { file: '<repl>', line: 1, column: 1 } });
  lab = await renderLab({ engine });
  await focusAndType(lab, '/', 'hitz');
  await lab.press(KEYS.enter);
  const frame = await lab.waitFor('ReferenceError: hitz is not defined (<repl>:1:1)');
  expect(frame).not.toContain('at <repl>');
});

test(':set hits 5 calls setValue("hits", "5")', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  // `:` focuses the REPL and starts the command with the colon already typed.
  await focusAndType(lab, ':', 'set hits 5');
  await lab.waitFor('› :set hits 5');
  await lab.press(KEYS.enter);
  await lab.waitFor('› :set hits 5\n');
  await lab.waitFor((f) => engine.callsTo('setValue').length === 1 && f.includes('5'));
  expect(engine.callsTo('setValue')).toEqual([['hits', '5']]);
});

test(':strategy accepts a number, :reload and :rollback print the outcome', async () => {
  const engine = new FakeEngine();
  engine.nextUpdate = updateRecord({ version: 2, previousVersion: 1, strategy: 'reflection-patch', stateKept: true });
  lab = await renderLab({ engine });
  await focusAndType(lab, ':', 'strategy 3');
  await lab.press(KEYS.enter);
  await lab.waitFor('[3 reflection-patch]');
  expect(engine.callsTo('setStrategy')).toEqual([['reflection-patch']]);
  await lab.press(...Array.from(':reload'), KEYS.enter);
  await lab.waitFor('v1 → v2 applied · reflection-patch');
  expect(engine.callsTo('reload')).toHaveLength(1);
  await lab.press(...Array.from(':bogus'), KEYS.enter);
  await lab.waitFor('unknown command :bogus');
  // A number out of range: the answer lists the numbers :strategy takes, as :help says it does.
  await lab.press(...Array.from(':strategy 9'), KEYS.enter);
  await lab.waitFor('unknown strategy "9" — valid: 1 file-watch, 2 plugin-swap, 3 reflection-patch');
});

test(':stats prints p50/p95 per strategy', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine }, { columns: 100, rows: 30 });
  engine.pushUpdate(updateRecord({ strategy: 'file-watch', total: 2 }));
  engine.pushUpdate(updateRecord({ strategy: 'file-watch', total: 4 }));
  engine.pushUpdate(updateRecord({ strategy: 'plugin-swap', total: 10 }));
  await focusAndType(lab, ':', 'stats');
  await lab.press(KEYS.enter);
  const frame = await lab.waitFor((f) => /plugin-swap\s+n=1/.test(f));
  expect(frame).toMatch(/file-watch\s+n=2\s+p50\s+2\.0ms\s+p95\s+4\.0ms/);
});

test('↑ recalls the previous line; history survives leaving and re-entering', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  await focusAndType(lab, '/', '1+1');
  await lab.press(KEYS.enter);
  await lab.waitFor('=> 1+1');
  await lab.press(KEYS.escape);
  await lab.waitFor('? help');
  await lab.press(KEYS.tab);
  await lab.waitFor('Enter run');
  await lab.press(KEYS.up);
  await lab.waitFor((f) => /^› 1\+1/m.test(f) && f.includes('Enter run'));
  await lab.press(KEYS.enter);
  await lab.waitFor(() => engine.callsTo('evaluate').length === 2);
  expect(engine.callsTo('evaluate')).toEqual([['1+1'], ['1+1']]);
});

test('while the REPL has focus, lab keys type text instead of acting', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  await focusAndType(lab, '/', 'r2uq?c');
  await lab.waitFor('› r2uq?c');
  expect(engine.calls).toEqual([]);
  // And once it is left, the keys act again.
  await lab.press(KEYS.escape);
  await lab.waitFor('? help');
  await lab.press('2');
  await lab.waitFor('[2 plugin-swap]');
  expect(engine.callsTo('setStrategy')).toEqual([['plugin-swap']]);
});

test('the prompt offers examples taken from the running code, and they are what gets evaluated', async () => {
  const engine = new FakeEngine({
    scope: { variables: [], constants: ['routes'], functions: ['handle'], exports: ['handle'] },
    requests: [{ method: 'GET', path: '/hello', query: { name: 'gopher' }, headers: {}, body: '' }],
  });
  lab = await renderLab({ engine }, { columns: 140, rows: 30 });
  const frame = await lab.waitFor("e.g. routes · handle({method: 'GET', path: '/hello', query: {name: 'gopher'}})");
  expect(frame).not.toContain('hits');
  // `:` is a command, not the way to evaluate: the prompt says so.
  expect(frame).toContain('/ or Tab: JavaScript in v1');
  expect(frame).toContain(': commands');
  // A new version with other names changes the examples.
  engine.publish({ version: 2, scope: { variables: ['state'], constants: [], functions: ['handle'], exports: ['handle'] } });
  await lab.waitFor('e.g. state · handle(');
  // Nothing running: no examples that would fail.
  engine.publish({ version: null, scope: null });
  await lab.waitFor('nothing runs yet');
});

test('what an expression prints with console.log is shown in the REPL, then its value', async () => {
  const engine = new FakeEngine();
  engine.evaluator = () => ({ ok: true, text: 'undefined', printed: [{ level: 'log', text: 'hits is 7' }] });
  lab = await renderLab({ engine });
  await focusAndType(lab, '/', "console.log('hits is', hits)");
  await lab.press(KEYS.enter);
  const frame = await lab.waitFor('hits is 7');
  expect(frame).toMatch(/hits is 7\nundefined/);
});

test(':help at 80×24 is longer than the REPL: PgUp and PgDn page through it, every entry readable', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine }, { columns: 80, rows: 24 });
  await focusAndType(lab, ':', 'help');
  await lab.press(KEYS.enter);
  let frame = await lab.waitFor(':clear');
  expect(frame).toMatch(/↑ \d+ more · PgUp PgDn/);
  expect(frame).not.toContain(':strategy NAME');
  const seen = new Set<string>();
  const collect = (f: string) => {
    for (const command of [':strategy', ':reload', ':rollback', ':stats', ':set', ':module', ':unload', ':help', ':clear']) if (f.includes(`${command} `)) seen.add(command);
  };
  collect(frame);
  // Entries too long for a row go on under their description, so the top may be more than a page away.
  for (let page = 0; page < 3 && !frame.includes(':strategy NAME'); page++) {
    await lab.press(KEYS.pageUp);
    frame = await lab.waitFor((f) => f !== frame);
    collect(frame);
  }
  expect(frame).toContain(':strategy NAME');
  expect(frame).toMatch(/↓ \d+ newer/);
  expect(seen.size).toBe(9);
  // Every entry is whole: the description of :set reaches its example.
  await lab.press(KEYS.pageDown);
  frame = await lab.waitFor((f) => f.includes(':set NAME VALUE'));
  expect(frame).toMatch(/:set NAME VALUE +set a live top-level binding, e\.g\. :set\n +hits 5/);
  // PgUp past the top stays at the top; PgDn comes back to the newest, and the marker goes.
  await lab.press(KEYS.pageUp, KEYS.pageDown, KEYS.pageDown);
  frame = await lab.waitFor((f) => !f.includes('newer') && f.includes(':clear'));
  expect(frame).not.toContain(':strategy NAME');
});

test('at 80×24 a result wider than the REPL goes on the next rows, whole, and PgUp reaches its first row', async () => {
  const engine = new FakeEngine();
  const body = `{ status: 200, body: { hits: 4821, byPath: { "/ping": 2410, "/stats": 2411 } }, headers: { "content-type": "application/json" } }`;
  engine.evaluator = () => ({ ok: true, text: body });
  lab = await renderLab({ engine }, { columns: 80, rows: 24 });
  await focusAndType(lab, '/', 'x');
  await lab.press(KEYS.enter);
  const frame = await lab.waitFor('2411');
  // Every word of it on screen, in order (a row ends where a space was).
  expect(frame.replace(/\s+/g, '')).toContain(body.replace(/\s+/g, ''));
  // Enough long results to scroll: the oldest row comes back with PgUp, the ones after it with PgDn.
  engine.evaluator = (expression) => ({ ok: true, text: `${expression}: ${'y'.repeat(120)}` });
  for (const n of ['a', 'b', 'c', 'd', 'e', 'f']) {
    await lab.press(n, KEYS.enter);
    await lab.waitFor(`› ${n}`);
  }
  await lab.press(KEYS.pageUp, KEYS.pageUp, KEYS.pageUp, KEYS.pageUp, KEYS.pageUp, KEYS.pageUp);
  await lab.waitFor('{ status: 200, body: { hits: 4821');
});
