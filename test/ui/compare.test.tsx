// Compare: the table fills row by row as the engine replays the edit under each strategy.
import { afterEach, expect, test } from 'vitest';
import { compareRow, FakeEngine, updateRecord } from './fake-engine.ts';
import { KEYS, renderLab, type LabHarness } from './render-lab.tsx';

let lab: LabHarness | undefined;
afterEach(() => lab?.unmount());

test('c runs compare and the table fills as rows arrive; Esc closes it', async () => {
  const engine = new FakeEngine();
  lab = await renderLab({ engine });
  await lab.press('c');
  let frame = await lab.waitFor('running… 0/5');
  expect(engine.callsTo('compare')).toHaveLength(1);
  // The title names the versions it replays, first, where an 80-column terminal does not cut them.
  expect(frame).toContain('Compare v1 → v2 — your last code change under every strategy');
  expect(frame).toMatch(/plugin-swap\s+waiting…/);
  expect(frame).toMatch(/binary-replace cold\s+waiting…/);
  expect(frame).toMatch(/binary-replace graceful\s+waiting…/);

  engine.emitCompareRow(compareRow({ strategy: 'file-watch', total: 3.2 }));
  frame = await lab.waitFor('running… 1/5');
  // It says at what rate it replays, and why its failed counts differ from the live feed's (100 req/s in the lab).
  expect(frame.replace(/\s+/g, ' ')).toContain(
    "replayed on scratch services at 500 req/s, ~5× this lab's 100 req/s: the same downtime fails ~5× as many requests in this table as in the lab",
  );
  expect(frame).toMatch(/file-watch\s+✓ applied\s+3\.2ms\s+0ms\s+0\s+✗/);
  expect(frame).toMatch(/plugin-swap\s+waiting…/);

  engine.emitCompareRow(compareRow({ strategy: 'plugin-swap', total: 2.1, stateKept: true, retainedVersions: 3, retainedHeap: 2_400_000 }));
  engine.emitCompareRow(
    compareRow({ strategy: 'reflection-patch', outcome: 'rejected', total: undefined, reason: 'the initialiser of `hits` changed\n  at plan (x.ts:1:1)' }),
  );
  engine.emitCompareRow(compareRow({ strategy: 'binary-replace', restart: 'cold', total: 61, downtimeMs: 52, failedRequests: 17 }));
  frame = await lab.waitFor('running… 4/5');
  expect(frame).toMatch(/binary-replace graceful\s+waiting…/);
  engine.emitCompareRow(compareRow({ strategy: 'binary-replace', restart: 'graceful', total: 48, stateKept: true }));
  engine.finishCompare();
  frame = await lab.waitFor('done');
  expect(frame).toMatch(/plugin-swap\s+✓ applied\s+2\.1ms\s+0ms\s+0\s+✓\s+3 · 2\.3MB/);
  expect(frame).toMatch(/reflection-patch\s+✗ rejected/);
  expect(frame).toContain('↳ the initialiser of `hits` changed');
  expect(frame).not.toContain('x.ts:1:1');
  expect(frame).toMatch(/binary-replace cold\s+✓ applied\s+61\.0ms\s+52\.0ms\s+17\s+✗/);
  expect(frame).toMatch(/binary-replace graceful\s+✓ applied\s+48\.0ms\s+0ms\s+0\s+✓/);
  expect(frame).not.toContain('waiting…');

  await lab.press(KEYS.escape);
  frame = await lab.waitFor('Live service');
  expect(frame).not.toContain('Compare —');
});

test('a compare that fails says so instead of hanging', async () => {
  const engine = new FakeEngine();
  engine.compare = () => ({ edit: { from: 1, to: 2, changed: ['service.js'] }, rows: Promise.reject(new Error('no previous edit to replay')) });
  lab = await renderLab({ engine });
  await lab.press('c');
  await lab.waitFor('no previous edit to replay');
  expect(lab.lastFrame()).toContain('compare failed');
});

test('with no code change yet, compare says so and why, and replays nothing', async () => {
  const engine = new FakeEngine();
  engine.compareEdit = null;
  lab = await renderLab({ engine });
  await lab.press('c');
  const frame = await lab.waitFor('Compare — no code change to replay yet');
  expect(frame.replace(/\s+/g, ' ')).toContain('a strategy switch or a reload re-applies the same code, which is no edit to replay');
  expect(frame).not.toContain('waiting…');
  expect(frame).not.toContain('running…');
  // Once a save changed the code, c replays it.
  engine.compareEdit = { from: 2, to: 3, changed: ['service.js'] };
  await lab.press(KEYS.escape);
  await lab.waitFor('Live service');
  await lab.press('c');
  await lab.waitFor('Compare v2 → v3 — your last code change under every strategy');
});

test('a save while compare runs does not change the edit the table names', async () => {
  const engine = new FakeEngine({ version: 3 });
  engine.compareEdit = { from: 2, to: 3, changed: ['service.js'] };
  lab = await renderLab({ engine });
  await lab.press('c');
  await lab.waitFor('running… 0/5');
  engine.pushUpdate(updateRecord({ version: 4, previousVersion: 3 }));
  engine.emitCompareRow(compareRow({ strategy: 'file-watch' }));
  engine.finishCompare();
  const frame = await lab.waitFor('done');
  expect(frame).toContain('Compare v2 → v3 —');
});

test('in Chinese: the versions, the rate and nothing to replay', async () => {
  const engine = new FakeEngine();
  engine.compareEdit = { from: 2, to: 3, changed: ['service.js'] };
  lab = await renderLab({ engine, lang: 'zh' }, { columns: 120, rows: 30 });
  await lab.press('c');
  await lab.waitFor('对比 v2 → v3 — 用每种策略重放你上次的代码修改');
  engine.emitCompareRow(compareRow({ strategy: 'file-watch' }));
  const frame = await lab.waitFor('运行中… 1/5');
  expect(frame.replace(/\s+/g, '')).toContain('在临时服务上以500请求/秒重放，约为本实验室100请求/秒的5倍：同样的停机时间，本表中失败的请求约为实验室里的5倍');
  engine.finishCompare();
  await lab.waitFor('完成');

  engine.compareEdit = null;
  await lab.press(KEYS.escape);
  await lab.waitFor((f) => !f.includes('对比 v2'));
  await lab.press('c');
  await lab.waitFor('对比 — 还没有可重放的代码修改');
});
