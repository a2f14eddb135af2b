// What a learner reads in the live feed: versions switching, failures, logs and rejected updates.
import { afterEach, expect, test } from 'vitest';
import { FakeEngine, feedEntry, logEntry, updateRecord } from './fake-engine.ts';
import { renderLab, type LabHarness } from './render-lab.tsx';

let lab: LabHarness | undefined;
afterEach(() => lab?.unmount());

test('v1 answers, then v2 appears in the feed after the engine publishes a new snapshot', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  engine.pushRequests(feedEntry({ body: 'pong 1', version: 1 }));
  const first = await lab.waitFor('pong 1');
  expect(first).toMatch(/GET \/ping -> 200 v1\s+pong 1/);
  expect(first).not.toContain('v2');

  engine.pushUpdate(updateRecord({ version: 2, previousVersion: 1 }));
  engine.pushRequests(feedEntry({ body: 'pong 2', version: 2 }));
  const second = await lab.waitFor('pong 2');
  expect(second).toMatch(/GET \/ping -> 200 v2\s+pong 2/);
  expect(second).toContain('serving v2');
});

test('a failed request is marked, and the counters say how many failed', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  engine.pushRequests(feedEntry({ status: 503, failed: true, body: 'no version', version: null }));
  const frame = await lab.waitFor('no version');
  expect(frame).toMatch(/GET \/ping -> 503 FAIL v-\s+no version/);
  expect(frame).toContain('1 served 1 failed');
});

test('a rejected update shows file:line:column, the cause, the refused line with a caret, and what kept serving; no stack', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  const record = updateRecord({
    version: 1,
    previousVersion: 1,
    outcome: 'rejected',
    reason: 'service.js:3:5: SyntaxError: Unexpected token ";"\n    at compile (engine.js:10:3)\n    at apply (engine.js:20:1) — v1 keeps serving',
    cause: 'SyntaxError: Unexpected token ";"\n    at compile (engine.js:10:3)\n    at apply (engine.js:20:1)',
    location: { file: '/work/lab/sandbox/service.js', line: 3, column: 5 },
    frame: { file: 'service.js', line: 3, column: 5, text: '  x +;' },
  });
  engine.pushUpdate(record);
  engine.publish({ rejection: record });
  const frame = await lab.waitFor('service.js:3:5');
  expect(frame).toContain('SyntaxError: Unexpected token ";"');
  expect(frame).toContain('v1 keeps serving');
  expect(frame).toMatch(/3 │ {3}x \+;\n\s+│ {5}\^/);
  expect(frame).not.toContain('engine.js:10:3');
});

test("a refusal is said once, in the learner's language: no English clause doubled by a translated one", async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine, lang: 'zh' });
  const reason = 'service.js:8:11: Unexpected token — v1 keeps serving';
  const record = updateRecord({ version: 1, previousVersion: 1, outcome: 'rejected', reason, cause: 'Unexpected token', location: { file: 'service.js', line: 8, column: 11 } });
  engine.pushUpdate(record);
  engine.publish({ rejection: record });
  const frame = await lab.waitFor('service.js:8:11');
  expect(frame.match(/Unexpected token/g)).toHaveLength(1);
  expect(frame).toContain('v1 继续服务');
  expect(frame).not.toContain('keeps serving');
  // No half-translated words: the sandbox state is said in Chinese too.
  expect(frame).toContain('沙箱 就绪');
  expect(frame).not.toMatch(/\bready\b/);
});

test('every update gets the update line, saves included, until the next one; a revert clears the refusal', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine }, { columns: 100, rows: 30 });
  engine.pushUpdate(updateRecord({ version: 2, previousVersion: 1, strategy: 'reflection-patch', trigger: 'save', stateKept: true, notes: ['replaced ping()', "stale reference: routes['/ping'] still holds the old ping (captured before the patch)"] }));
  let frame = await lab.waitFor('✓ v1 → v2 applied · reflection-patch');
  expect(frame).toContain('state kept');
  expect(frame).toContain('· replaced ping()');
  expect(frame).toContain("⚠ stale reference: routes['/ping'] still holds the old ping");
  // Traffic does not push it away.
  engine.pushRequests(...Array.from({ length: 50 }, (_, i) => feedEntry({ body: `pong ${i}`, version: 2 })));
  frame = await lab.waitFor('pong 49');
  expect(frame).toContain('✓ v1 → v2 applied · reflection-patch');

  const refused = updateRecord({ version: 2, previousVersion: 2, outcome: 'rejected', strategy: 'reflection-patch', reason: 'x — v2 keeps serving', cause: 'x', startedAt: Date.now() });
  engine.pushUpdate(refused);
  engine.publish({ rejection: refused, version: 2 });
  await lab.waitFor('✗ rejected · reflection-patch');
  // The stats header: the refusal made no version of its own (v2 is the one that kept serving).
  expect(lab.lastFrame()).toMatch(/\s{2}(Last update )?reflection-patch · ✗ rejected · /);
  expect(lab.lastFrame()).not.toMatch(/v2 · reflection-patch · ✗ rejected/);
  engine.publish({ rejection: null, reverted: { version: 2, at: Date.now() + 1 } });
  frame = await lab.waitFor("back to v2's code");
  expect(frame).not.toContain('✗ rejected · reflection-patch');
  // The stats header says the same: the refusal no longer stands.
  expect(frame).toMatch(/v2 · reflection-patch · ✓ back to v2/);
  expect(frame).not.toMatch(/✗ rejected/);
});

test('service logs appear with the version that printed them', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  engine.publish({ logs: [logEntry({ message: 'counter reset', version: 2 }), logEntry({ level: 'error', message: 'boom', version: 2 })] });
  const frame = await lab.waitFor('boom');
  expect(frame).toContain('v2 counter reset');
  expect(frame).toContain('v2 error boom');
});

test('a busy feed shows only the newest requests that fit, never more rows than the terminal', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine }, { columns: 80, rows: 24 });
  engine.pushRequests(...Array.from({ length: 500 }, (_, i) => feedEntry({ body: `pong ${i}`, version: 1 + Math.floor(i / 100) })));
  const frame = await lab.waitFor('pong 499');
  const shown = frame.split('\n').filter((line) => line.includes('GET /ping'));
  // Exactly the rows the panel has (24 rows minus bar, lesson, header, REPL, status and hints), newest last.
  expect(shown).toHaveLength(17);
  expect(shown.at(-1)).toContain('pong 499');
  expect(shown[0]).toContain('pong 483');
  expect(frame.split('\n').length).toBeLessThanOrEqual(24);
});

test('a huge response body is cut to the row, not wrapped over the layout', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  engine.pushRequests(feedEntry({ body: `${'x'.repeat(100_000)}\nsecond line`, version: 1 }));
  const frame = await lab.waitFor('xxxx');
  expect(frame).toMatch(/x\.\.\.$/m);
  expect(frame).not.toContain('second line');
  expect(frame.split('\n').length).toBeLessThanOrEqual(24);
});

test('the feed shows the query, and x shows the response headers under each request', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine }, { columns: 120, rows: 30 });
  engine.pushRequests(feedEntry({ path: '/hello', query: { name: 'gopher' }, body: 'hello, gopher', headers: { 'content-type': 'text/plain; charset=utf-8', 'x-build': 'v3-2024' } }));
  let frame = await lab.waitFor('hello, gopher');
  expect(frame).toMatch(/GET \/hello\?name=gopher -> 200 v1\s+hello, gopher/);
  expect(frame).not.toContain('x-build');
  await lab.press('x');
  frame = await lab.waitFor('x-build: v3-2024');
  expect(frame).toMatch(/GET \/hello\?name=gopher -> 200 v1 .*\n\s+x-build: v3-2024 \| content-type: text\/plain/);
  await lab.press('x');
  await lab.waitFor((f) => !f.includes('x-build'));
  // The reading view has the newest request whole: its headers and its body.
  await lab.press('v');
  frame = await lab.waitFor('Newest request');
  expect(frame).toContain('GET /hello?name=gopher -> 200 v1');
  expect(frame).toMatch(/x-build: v3-2024/);
  expect(frame).toMatch(/^ {2}hello, gopher$/m);
});

test('at 80×24 the feed shows the bodies a lesson asks to watch whole, compact when they do not fit whole', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine }, { columns: 80, rows: 24 });
  engine.pushRequests(
    feedEntry({ body: 'pong 1074 (load 13)', version: 3 }),
    feedEntry({ path: '/hello', query: { name: 'gopher' }, body: 'hello, gopher', version: 3 }),
    feedEntry({ path: '/stats', body: '{"/ping":120,"/hello":14}', version: 3 }),
  );
  const frame = await lab.waitFor('hello, gopher');
  expect(frame).toContain('/ping 200 v3 pong 1074 (load 13)');
  expect(frame).toContain('/hello?name=gopher 200 v3 hello, gopher');
  expect(frame).toContain('/stats 200 v3 {"/ping":120,"/hello":14}');
});

test('the warning that the file was deleted leaves the log strip when the file is back, and returns if it goes again', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine }, { columns: 80, rows: 24 });
  const deleted = logEntry({ source: 'engine', level: 'warn', message: 'service.js was deleted: v4 keeps serving', version: null });
  engine.publish({ problem: 'service.js was deleted; v4 keeps serving. Restore the file to continue.', logs: [logEntry({ message: 'counter reset', version: 4 }), deleted] });
  await lab.waitFor('hotlab warn service.js was deleted');
  engine.publish({ problem: null });
  let frame = await lab.waitFor((f) => !f.includes('was deleted'));
  expect(frame).toContain('v4 counter reset');
  // Deleted again: the new warning shows (the problem stands again).
  const again = logEntry({ source: 'engine', level: 'warn', message: 'service.js was deleted: v5 keeps serving', version: null });
  engine.publish({ problem: 'service.js was deleted; v5 keeps serving. Restore the file to continue.', logs: [...engine.snapshot.logs, again] });
  frame = await lab.waitFor('hotlab warn service.js was deleted: v5 keeps serving');
});
