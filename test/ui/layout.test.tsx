// The frame fits the terminal: no line wider than the columns, no more lines than the rows, in every mode.
import { afterEach, expect, test } from 'vitest';
import { cellWidth } from '../../src/ui/shared/format.ts';
import { compareRow, FakeEngine, feedEntry, logEntry, updateRecord } from './fake-engine.ts';
import { KEYS, renderLab, type LabHarness } from './render-lab.tsx';

let lab: LabHarness | undefined;
afterEach(() => lab?.unmount());

function busyEngine(): FakeEngine {
  const engine = new FakeEngine({ problem: 'sandbox crashed (SIGABRT): restarted on v2', retainedVersions: 3, httpUrl: 'http://127.0.0.1:51234' });
  engine.pushRequests(
    ...Array.from({ length: 60 }, (_, i) =>
      feedEntry({ path: `/items/${i}?filter=${'a'.repeat(i)}`, body: `{"id":${i},"text":"${'long '.repeat(30)}"}`, version: 1 + (i % 3), failed: i % 17 === 0, status: i % 17 === 0 ? 503 : 200 }),
    ),
  );
  for (const strategy of ['file-watch', 'plugin-swap', 'reflection-patch', 'binary-replace'] as const) {
    engine.pushUpdate(updateRecord({ strategy, restart: 'cold', downtimeMs: 123.4, failedRequests: 1234, total: 1234.5, timings: { detect: 0.6, debounce: 20, read: 0.2, compile: 1.5, link: 0.3, migrate: 0.1, swap: 0.02, firstResponse: 3 } }));
  }
  engine.pushUpdate(updateRecord({ outcome: 'rejected', reason: 'a very long reason '.repeat(20), location: { file: '/work/lab/sandbox/deeply/nested/folder/service.js', line: 123, column: 45 } }));
  engine.publish({ logs: Array.from({ length: 30 }, (_, i) => logEntry({ message: `log line ${i} ${'with words '.repeat(20)}` })) });
  return engine;
}

function expectFits(frame: string, columns: number, rows: number) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) expect(cellWidth(line), line).toBeLessThanOrEqual(columns);
}

test.each([
  [80, 24],
  [120, 40],
  [200, 60],
  [60, 20],
])('the main screen fits %i×%i', async (columns, rows) => {
  const engine = busyEngine();
  lab = await renderLab({ engine }, { columns, rows });
  const frame = await lab.waitFor('served');
  expectFits(frame, columns, rows);
  expect(frame).toContain('sandbox crashed');
  // Table headers are whole, not cut by the panel edge.
  if (columns >= 72) expect(frame).toMatch(/ok\s+total\s+down\s+fail\s+kept/);
});

test('help, compare and the focused REPL fit 80×24 too', async () => {
  const engine = busyEngine();
  lab = await renderLab({ engine });
  await lab.press('?');
  expectFits(await lab.waitFor('hotlab — keys'), 80, 24);
  await lab.press(KEYS.escape);
  await lab.waitFor('Live service');
  await lab.press('c');
  engine.emitCompareRow(compareRow({ strategy: 'reflection-patch', outcome: 'rejected', reason: 'why '.repeat(50) }));
  expectFits(await lab.waitFor('↳ why'), 80, 24);
  await lab.press(KEYS.escape);
  await lab.waitFor('Live service');
  await lab.press('/');
  await lab.waitFor('Enter run');
  await lab.press('x'.repeat(150));
  expectFits(await lab.waitFor('xxxxxxxx'), 80, 24);
});

test('the layout adapts when the terminal is resized', async () => {
  const engine = busyEngine();
  lab = await renderLab({ engine }, { columns: 80, rows: 24 });
  await lab.waitFor('served');
  expect(lab.lastFrame()).not.toContain('Last update'); // the label only fits wider stats panels
  lab.stdout.resize(140, 45);
  const wide = await lab.waitFor('Last update');
  expectFits(wide, 140, 45);
  expect(wide.split('\n').length).toBeGreaterThan(24);
  lab.stdout.resize(80, 24);
  expectFits(await lab.waitFor((f) => !f.includes('Last update')), 80, 24);
});

test('Chinese text (two cells per character) still fits 80×24', async () => {
  const engine = busyEngine();
  lab = await renderLab({ engine, lang: 'zh' }, { columns: 80, rows: 24 });
  const frame = await lab.waitFor('实时服务');
  expectFits(frame, 80, 24);
  expect(frame).toContain('课程即将推出');
});

test('detect is shown as the estimate it is (measured once at start), the other stages as timed', async () => {
  const engine = new FakeEngine({});
  engine.pushUpdate(updateRecord({ strategy: 'file-watch', timings: { detect: 0.6, read: 0.2, compile: 1.5, link: 0.3, swap: 0.02, firstResponse: 3 } }));
  lab = await renderLab({ engine }, { columns: 120, rows: 40 });
  const frame = await lab.waitFor('1st resp');
  expect(frame).toMatch(/detect\s+█+\s+~0\.60ms/);
  expect(frame).toMatch(/compile\s+█+\s+1\.5ms/);
});

test.each([
  [80, 24],
  [120, 40],
])('at %i×%i a stage of 0 ms (its bar a 1-cell tick) shows its milliseconds whole', async (columns, rows) => {
  const engine = new FakeEngine({});
  engine.pushUpdate(updateRecord({ timings: { detect: 0.6, debounce: 20, read: 0.2, compile: 1.5, swap: 0.02, firstResponse: 0 } }));
  lab = await renderLab({ engine }, { columns, rows });
  const frame = await lab.waitFor('1st resp');
  expect(frame).toMatch(/1st resp\s+▏\s+0ms$/m);
  expectFits(frame, columns, rows);
});
