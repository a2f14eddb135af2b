// Every overlay (help with its pages, compare, the lesson list, the solution diff, the reading view) fits every
// terminal from 80×24 up: no line wider than the columns, no more lines than the rows, and help's rows are
// exactly the ones planned (columns never run into each other, as `u previous good versionrategy` did).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LessonSession, prepareLessonWorkspace } from '../../src/engine/lessons/lesson-session.ts';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import { cellText, helpCells, planHelp } from '../../src/ui/keys/help-plan.ts';
import { cellWidth } from '../../src/ui/shared/format.ts';
import { MESSAGES } from '../../src/ui/shared/messages.ts';
import { compareRow, FakeEngine, updateRecord } from './fake-engine.ts';
import { LessonFakeEngine } from './lesson-fake-engine.ts';
import { KEYS, nextTurn, renderLab, type LabHarness } from './render-lab.tsx';

const SIZES = [
  [80, 24],
  [100, 30],
  [120, 40],
  [200, 60],
] as const;

let lab: LabHarness | undefined;
let session: LessonSession | undefined;
let workspace: string;
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'hotlab-ui-overlays-'));
});
afterEach(async () => {
  lab?.unmount();
  session?.dispose();
  await rm(workspace, { recursive: true, force: true });
});

function expectFits(frame: string, columns: number, rows: number) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) expect(cellWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('help', () => {
  test.each(SIZES)('at %i×%i every key is on some page, whole, and the pages fit', (columns, rows) => {
    for (const lang of ['en', 'zh'] as const) {
      const messages = MESSAGES[lang];
      const height = rows - 4; // bar, status and hint rows, and the overlay's title
      const first = planHelp(messages, columns, height, 0);
      const texts: string[] = [];
      for (let page = 0; page < first.pages; page++) {
        const plan = planHelp(messages, columns, height, page);
        expect(plan.rows.length).toBeLessThanOrEqual(height);
        for (const row of plan.rows) {
          const line = row.map((cell) => cellText(cell, plan.columnWidth, plan.keyWidth)).join('  ');
          expect(cellWidth(line)).toBeLessThanOrEqual(columns);
        }
        // Read each column top to bottom, joining continuation rows, as a person reads it.
        for (let c = 0; c < plan.columns; c++) texts.push(plan.rows.map((row) => row[c]?.text ?? '').join(' '));
      }
      // Compared without white space: Chinese continues a wrapped row without a space.
      const all = texts.join('').replace(/\s+/g, '');
      for (const cell of helpCells(messages)) expect(all, `${lang}: ${cell.text}`).toContain(cell.text.replace(/\s+/g, ''));
    }
  });

  test('a key is said once: PgDn and PgUp scroll under Lesson (with ] and [), not again under Lab', () => {
    for (const lang of ['en', 'zh'] as const) {
      const cells = helpCells(MESSAGES[lang]);
      expect(cells.filter((cell) => cell.text === MESSAGES[lang].describe.scrollDown).map((cell) => cell.keys)).toEqual(['PgDn ]']);
      expect(cells.filter((cell) => cell.text === MESSAGES[lang].describe.scrollUp).map((cell) => cell.keys)).toEqual(['PgUp [']);
    }
  });

  test('on screen at 80×24 its rows are the planned rows, page after page', async () => {
    const engine = new LessonFakeEngine();
    lab = await renderLab({ engine }, { columns: 80, rows: 24 });
    await lab.press('?');
    let frame = await lab.waitFor('hotlab — keys');
    const plan = planHelp(MESSAGES.en, 80, 24 - 4, 0);
    expect(plan.pages).toBeGreaterThan(1);
    const lines = frame.split('\n');
    plan.rows.forEach((row, i) => {
      expect(lines[2 + i]).toBe(row.map((cell) => cellText(cell, plan.columnWidth, plan.keyWidth)).join('  ').trimEnd());
    });
    expect(frame).toMatch(/^u\s+previous good version\s+/m);
    await lab.press(KEYS.pageDown);
    frame = await lab.waitFor(`2/${plan.pages}`);
    expect(frame).toContain('REPL');
    expectFits(frame, 80, 24);
  });
});

test.each(SIZES)('compare, the lesson list, the diff and the reading view fit %i×%i', async (columns, rows) => {
  const { lessons } = await loadLessons();
  const engine = new LessonFakeEngine({ file: join(workspace, 'service.js'), workspace });
  const prepared = await prepareLessonWorkspace(lessons, workspace);
  session = new LessonSession({
    lessons,
    workspace,
    engine,
    progress: prepared.progress,
    debounceMs: 10,
    runCheck: async (lesson) => ({ lesson: lesson.id, passed: true, steps: [{ title: { en: 'a step with a long title '.repeat(4), zh: '很长的步骤'.repeat(10) }, ok: true, detail: 'seen '.repeat(80) }] }),
  });
  lab = await renderLab({ engine, lessons: session }, { columns, rows });
  await lab.waitFor('Lesson 1/');
  await lab.press('k');
  await lab.waitFor('Lesson complete');
  await lab.press('d');
  expectFits(await lab.waitFor('reference solution'), columns, rows);
  await lab.press(KEYS.escape);
  await lab.waitFor('Live service');
  const refused = updateRecord({ outcome: 'rejected', version: 1, cause: 'why '.repeat(80), location: { file: 'service.js', line: 3, column: 70 }, frame: { file: 'service.js', line: 3, column: 70, text: `${'x'.repeat(69)};${'y'.repeat(80)}` } });
  engine.pushUpdate(refused);
  engine.publish({ rejection: refused });
  expectFits(await lab.waitFor('why why'), columns, rows);

  await lab.press('c');
  engine.emitCompareRow(compareRow({ strategy: 'reflection-patch', outcome: 'rejected', reason: 'why '.repeat(50) }));
  expectFits(await lab.waitFor('↳ why'), columns, rows);
  await lab.press(KEYS.escape);
  await lab.waitFor('Live service');

  await lab.press('l');
  expectFits(await lab.waitFor('type to filter'), columns, rows);
  await nextTurn();
  await lab.press(KEYS.escape);
  await lab.waitFor('Live service');

  await lab.press('h', 'v');
  let frame = await lab.waitFor('Read in full');
  expectFits(frame, columns, rows);
  for (let i = 0; i < 10; i++) {
    await lab.press(KEYS.pageDown);
    frame = lab.lastFrame();
    expectFits(frame, columns, rows);
  }
});

test.each(SIZES)('the modules page (m) fits %i×%i, in both languages, with long names and the heap warning', async (columns, rows) => {
  const names = ['lib/handlers/a-module-with-a-rather-long-name-indeed.ts', 'lib/greet.ts', 'routes.ts', 'service.ts'];
  for (const lang of ['en', 'zh'] as const) {
    const engine = new FakeEngine({
      file: '/work/lab/sandbox/service.ts',
      entry: 'service.ts',
      modules: names.map((module, i) => ({ module, version: i + 1, retainedVersions: i, retainedHeap: i * 1_500_000 })),
      retainedVersions: 6,
      heapWarning: 'the sandbox heap is 41 MB of 64 MB (64%): '.repeat(6),
      sandbox: { state: 'ready', pid: 1, heapUsed: 43_000_000, heapLimit: 64 * 1024 * 1024, restarts: 0 },
      updates: [updateRecord({ strategy: 'plugin-swap', modules: [{ module: names[0]!, action: 'swapped', cause: 'changed', stateKept: false, stateful: true }] })],
    });
    lab = await renderLab({ engine, lang }, { columns, rows });
    expectFits(await lab.waitFor(lang === 'en' ? '4 modules' : '4 个模块'), columns, rows);
    await lab.press('m');
    let frame = await lab.waitFor(lang === 'en' ? 'loaded by' : '加载版本');
    expectFits(frame, columns, rows);
    for (let i = 0; i < 4; i++) {
      await lab.press(KEYS.pageDown);
      frame = lab.lastFrame();
      expectFits(frame, columns, rows);
    }
    lab.unmount();
    lab = undefined;
  }
});
