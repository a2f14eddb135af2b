// The lesson pane and its keys: a real session over a temp workspace and the real lessons, the fake engine,
// and a check the test decides (so no scratch service boots).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { CheckResult } from '../../src/engine/lessons/check-types.ts';
import { LessonSession, prepareLessonWorkspace } from '../../src/engine/lessons/lesson-session.ts';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import { emptyProgress, saveProgress, setCurrent } from '../../src/engine/lessons/progress.ts';
import { pick } from '../../src/engine/lessons/language.ts';
import { inline } from '../../src/ui/lesson/markdown-lines.ts';
import { planLesson } from '../../src/ui/lesson/lesson-plan.ts';
import { computeLayout } from '../../src/ui/layout/layout.ts';
import { cellWidth } from '../../src/ui/shared/format.ts';
import type { UpdateRecord } from '../../src/engine/types.ts';
import { updateRecord } from './fake-engine.ts';
import { LessonFakeEngine } from './lesson-fake-engine.ts';
import { KEYS, nextTurn, renderLab, type LabHarness } from './render-lab.tsx';

let lab: LabHarness | undefined;
let session: LessonSession | undefined;
let workspace: string;
let lessons: Lesson[];
let verdict: (lesson: Lesson, source: string) => CheckResult;

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'hotlab-ui-lessons-'));
  lessons = (await loadLessons()).lessons;
  verdict = (lesson) => ({ lesson: lesson.id, passed: false, steps: [{ title: { en: 'the reply changed', zh: '回复变了' }, ok: false, detail: 'it answered "pong 3"' }] });
});
afterEach(async () => {
  lab?.unmount();
  session?.dispose();
  // A lesson switch may still be writing its files and progress when a test ends: rm retries on ENOTEMPTY.
  await rm(workspace, { recursive: true, force: true, maxRetries: 5 });
});

async function open({ color = true, columns = 120, rows = 40, lang = 'en' as 'en' | 'zh', at = '' } = {}): Promise<{ engine: LessonFakeEngine; session: LessonSession }> {
  const engine = new LessonFakeEngine({ file: join(workspace, 'service.js'), workspace });
  // `at`: the lesson the workspace is on (its id), as a learner's progress file would say.
  if (at) await saveProgress(workspace, setCurrent(emptyProgress(), at));
  const prepared = await prepareLessonWorkspace(lessons, workspace);
  session = new LessonSession({ lessons, workspace, engine, progress: prepared.progress, debounceMs: 10, runCheck: async (l, s) => verdict(l, s) });
  lab = await renderLab({ engine, lessons: session, color, lang }, { columns, rows });
  return { engine, session };
}

const first = () => lessons[0]!;

test('the goal checklist shows ✗ with the detail, then ✓ and the done moment after a passing check', async () => {
  await open();
  await lab!.waitFor('Lesson 1/');
  expect(lab!.lastFrame()).toContain('What a hot update is');
  await lab!.press('k');
  let frame = await lab!.waitFor('✗ the reply changed');
  expect(frame).toContain('it answered "pong 3"');
  verdict = (lesson) => ({ lesson: lesson.id, passed: true, steps: [{ title: { en: 'the reply changed', zh: '回复变了' }, ok: true }] });
  await lab!.press('k');
  frame = await lab!.waitFor('Lesson complete');
  expect(frame).toContain('✓ the reply changed');
  expect(frame).toContain('press n for the next one');
  expect(frame).toContain('1/');
});

test('a save reported by the engine runs the check on its own', async () => {
  const { engine } = await open();
  await writeFile(join(workspace, 'service.js'), '// an edit\n');
  engine.events.emit('update', { trigger: 'save' } as UpdateRecord);
  await lab!.waitFor('✗ the reply changed');
});

test('h reveals hint 1, then hint 2', async () => {
  await open();
  const hints = first().hints;
  await lab!.press('h');
  let frame = await lab!.waitFor(`Hint 1/${hints.length}`);
  expect(frame).not.toContain(`Hint 2/${hints.length}`);
  await lab!.press('h');
  frame = await lab!.waitFor(`Hint 2/${hints.length}`);
  expect(frame).toContain(`Hint 1/${hints.length}`);
});

test('o shows the Go corner, and o again the lesson text', async () => {
  await open();
  await lab!.press('o');
  await lab!.waitFor('o: lesson text');
  await lab!.press('o');
  await lab!.waitFor('o: Go corner');
});

test('l lists the lessons with progress; typing filters and Enter opens one', async () => {
  await open();
  await writeFile(join(workspace, 'service.js'), lessons[1]!.starter);
  await lab!.press('l');
  let frame = await lab!.waitFor('Lessons');
  await nextTurn();
  expect(frame).toContain(`0/${lessons.length}`);
  expect(frame).toContain('← current');
  for (const lesson of lessons) expect(frame).toContain(lesson.title.en);
  await lab!.press('0', '2');
  frame = await lab!.waitFor((f) => !f.includes(first().title.en));
  expect(frame).toContain(lessons[1]!.title.en);
  await lab!.press(KEYS.enter);
  await lab!.waitFor(`Lesson 2/${lessons.length}`);
});

test('the lesson list takes a filter and Enter typed faster than the terminal is read (one chunk)', async () => {
  await open();
  await writeFile(join(workspace, 'service.js'), lessons[1]!.starter);
  await lab!.press('l');
  await lab!.waitFor('Lessons');
  await nextTurn();
  await lab!.press('02\r');
  await lab!.waitFor(`Lesson 2/${lessons.length}`);
});

test('a paste outside the list is not taken as keys: "Ry" neither asks to reset nor resets', async () => {
  await open();
  await writeFile(join(workspace, 'service.js'), '// my edits\n');
  await lab!.press('Ry');
  await nextTurn();
  await nextTurn();
  expect(lab!.lastFrame()).not.toContain('Reset service.js');
  expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe('// my edits\n');
});

test('n on an edited file asks first; Esc stays, k opens the lesson and keeps the file', async () => {
  const { engine } = await open();
  await writeFile(join(workspace, 'service.js'), '// my edits\n');
  await lab!.press('n');
  await lab!.waitFor("Replace service.js with lesson 2's starter?");
  await nextTurn(); // the question's keys attach in an effect after its frame
  await lab!.press(KEYS.escape);
  await lab!.waitFor((f) => !f.includes('Replace service.js') && f.includes('Lesson 1/'));
  expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe('// my edits\n');

  await lab!.press('n');
  const frame = await lab!.waitFor("Replace service.js with lesson 2's starter?");
  expect(frame).toContain('y replace · k keep my file · Esc stay here');
  await nextTurn();
  await lab!.press('k');
  await lab!.waitFor(`Lesson 2/${lessons.length}`);
  // The checklist to come judges that file as it is: the console says so, and how to get the starter.
  await lab!.waitFor('service.js kept as it is: lesson 2 checks it, not its starter (R resets)');
  expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe('// my edits\n');
  expect(engine.programs.at(-1)).toMatchObject({ strategy: lessons[1]!.strategy, requests: lessons[1]!.requests });
});

test('at 80×24, n pressed twice (or held) after a lesson does not answer the question it opened', async () => {
  const { engine } = await open({ columns: 80, rows: 24 });
  await writeFile(join(workspace, 'service.js'), '// my edits\n');
  await lab!.press('n');
  await lab!.waitFor("Replace service.js with lesson 2's starter?");
  await nextTurn();
  const programs = engine.programs.length;
  await lab!.press('n', 'n');
  await nextTurn();
  const frame = lab!.lastFrame();
  // Still asking, still on lesson 1 with its program: only y, k or Esc answers.
  expect(frame).toContain("Replace service.js with lesson 2's starter?");
  expect(frame).toContain('y replace · k keep my file · Esc stay here');
  expect(session!.getSnapshot().lesson.id).toBe(first().id);
  expect(engine.programs).toHaveLength(programs);
  expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe('// my edits\n');
  await lab!.press(KEYS.escape);
  await lab!.waitFor((f) => !f.includes('Replace service.js') && f.includes('Lesson 1/'));
});

test('q while the lab asks to replace an edited file quits, and the file is not replaced', async () => {
  const { engine } = await open();
  await writeFile(join(workspace, 'service.js'), '// my edits\n');
  await lab!.press('n');
  await lab!.waitFor("Replace service.js with lesson 2's starter?");
  await nextTurn();
  expect(lab!.lastFrame()).toContain('q quit');
  engine.stopGate = new Promise<void>(() => {}); // hold the lab on its stopping frame
  await lab!.press('q');
  await lab!.waitFor('stopping…');
  expect(engine.callsTo('stop')).toHaveLength(1);
  expect(lab!.lastFrame()).not.toContain('Replace service.js');
  expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe('// my edits\n');
  expect(session!.getSnapshot().lesson.id).toBe(first().id);
});

test('R asks before a reset; y backs the file up and writes the starter', async () => {
  const { engine } = await open();
  await writeFile(join(workspace, 'service.js'), '// broken\n');
  await lab!.press('R');
  await lab!.waitFor('Reset service.js');
  await nextTurn();
  await lab!.press('y');
  await lab!.waitFor('your file was kept in');
  expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe(first().starter);
  // Once the learner saves a change, the files are no longer the starter: the line goes.
  engine.pushUpdate(updateRecord({ trigger: 'save', version: 2, previousVersion: 1 }));
  await lab!.waitFor((f) => !f.includes('your file was kept in'));
});

test('d shows the solution diff only after a pass', async () => {
  await open();
  await lab!.press('d');
  await lab!.waitFor('the solution opens once the check passes');
  verdict = (lesson) => ({ lesson: lesson.id, passed: true, steps: [{ title: { en: 'ok', zh: 'ok' }, ok: true }] });
  await lab!.press('k');
  await lab!.waitFor('Lesson complete');
  await lab!.press('d');
  const frame = await lab!.waitFor('the reference solution');
  expect(frame).toMatch(/^\+/m);
  await lab!.press(KEYS.escape);
  await lab!.waitFor('Lesson complete');
});

test('H folds the open hints away and back; h brings folded hints back first', async () => {
  await open();
  const total = first().hints.length;
  await lab!.press('h');
  await lab!.waitFor(`Hint 1/${total}`);
  await lab!.press('H');
  let frame = await lab!.waitFor((f) => !f.includes(`Hint 1/${total}`));
  expect(frame).toContain('H: show 1 hint');
  await lab!.press('h');
  frame = await lab!.waitFor(`Hint 1/${total}`);
  expect(frame).not.toContain(`Hint 2/${total}`);
});

test('the untouched starter says to change and save; the check run is labelled as its own, the live refusal as live', async () => {
  const { engine } = await open();
  session!.requestCheck();
  await lab!.waitFor('not checked yet (k: check now) · service.js is the starter: change it and save');
  await writeFile(join(workspace, 'service.js'), '// an edit\n');
  verdict = (lesson) => ({ lesson: lesson.id, passed: true, steps: [{ title: { en: 'the new version answers', zh: '新版本回答' }, ok: false, detail: 'v1 keeps serving' }] });
  engine.snapshot = { ...engine.snapshot, rejection: { reason: 'service.js:2:3: Unexpected token — v4 keeps serving' } as UpdateRecord };
  await lab!.press('k');
  const frame = await lab!.waitFor('the live service runs your file');
  expect(frame).toContain("✗ the new version answers — in the check's run: v1 keeps serving");
  expect(frame).toContain('✗ the live service runs your file — it refused it: service.js:2:3');
  expect(frame).not.toContain('Lesson complete');
});

test('v opens the reading view with everything the panes cut: whole check details, the refusal, hints, the text', async () => {
  const { engine } = await open();
  await writeFile(join(workspace, 'service.js'), '// an edit\n');
  const long = `the reply was ${'very '.repeat(40)}long, and this sentence ends here`;
  verdict = (lesson) => ({ lesson: lesson.id, passed: false, steps: [{ title: { en: 'the reply changed', zh: '回复变了' }, ok: false, detail: long }] });
  const refused = { ...engine.snapshot.updates[0], id: 99, version: 1, previousVersion: 1, strategy: 'file-watch', trigger: 'save', outcome: 'rejected', cause: `reflect cannot re-run a changed initialiser; ${'really '.repeat(30)}use file-watch or plugin-swap to change state`, reason: 'x', location: { file: 'service.js', line: 4, column: 1 }, frame: { file: 'service.js', line: 4, column: 1, text: 'let hits = 10;' }, timings: {}, downtimeMs: 0, failedRequests: 0, stateKept: true, retainedVersions: 0, notes: [], startedAt: 1 } as UpdateRecord;
  engine.pushUpdate(refused);
  engine.publish({ rejection: refused });
  await lab!.press('k');
  await lab!.waitFor('✗ the reply changed');
  await lab!.press('h');
  await lab!.waitFor('Hint 1/');
  await lab!.press('v');
  let frame = await lab!.waitFor('Read in full');
  // Whole sentences, wrapped rather than cut (the frame is 120 columns wide).
  const text = frame.replace(/\s+/g, ' ');
  expect(text).toContain('long, and this sentence ends here');
  expect(text).toContain('use file-watch or plugin-swap to change state');
  expect(frame).toMatch(/4 │ let hits = 10;/);
  expect(text).toContain(`Hint 1/${first().hints.length}`);
  // ↓ moves one line, ↑ back; PgDn a page.
  const position = (f: string) => Number(/(\d+)-\d+\/\d+ ↑↓ PgUp PgDn/.exec(f)?.[1]);
  expect(position(frame)).toBe(1);
  await lab!.press(KEYS.down);
  frame = await lab!.waitFor((f) => position(f) === 2);
  await lab!.press(KEYS.up);
  frame = await lab!.waitFor((f) => position(f) === 1);
  await lab!.press(KEYS.pageDown);
  frame = await lab!.waitFor((f) => position(f) > 10);
  // Scrolls down to the lesson text, o switches to the Go corner, Esc closes.
  await lab!.press(KEYS.pageDown, KEYS.pageDown, KEYS.pageDown);
  await lab!.press('o');
  frame = await lab!.waitFor('Go corner');
  await lab!.press(KEYS.escape);
  await lab!.waitFor((f) => !f.includes('Read in full'));
});

test('code in a hint keeps its backquotes, so it reads (and types) as written, without colour too', async () => {
  await open({ color: false });
  await lab!.press('h', 'h', 'h');
  const frame = await lab!.waitFor('Hint 3/3');
  expect(frame).toContain('return `hello ${hits}`; — then watch the feed');
  expect(frame).toContain('the `return` with the backquotes');
  expect(frame).not.toContain('\u001b[');
});

test('a lesson passed before does not say "complete" while its check now fails (the live service refusing the file)', async () => {
  const { engine } = await open();
  verdict = (lesson) => ({ lesson: lesson.id, passed: true, steps: [{ title: { en: 'ok', zh: 'ok' }, ok: true }] });
  await lab!.press('k');
  await lab!.waitFor('Lesson complete');
  engine.snapshot = { ...engine.snapshot, rejection: { reason: 'x', cause: 'Unexpected token', location: { file: 'service.js', line: 5, column: 3 } } as UpdateRecord };
  await lab!.press('k');
  const frame = await lab!.waitFor('✗ the live service runs your file — it refused it: service.js:5:3: Unexpected token');
  expect(frame).not.toContain('Lesson complete');
  expect(frame).toContain('✓ done');
});

test('at 80 columns the way to run the check is in sight: early in the check line, and k in the footer', async () => {
  for (const lang of ['en', 'zh'] as const) {
    await open({ columns: 80, rows: 24, lang });
    session!.requestCheck();
    const frame = await lab!.waitFor(lang === 'en' ? 'not checked yet (k: check now)' : '尚未检查（k：立即检查）');
    const rows = frame.split('\n');
    expect(rows.find((row) => row.includes(lang === 'en' ? 'not checked yet' : '尚未检查'))).not.toContain('…');
    expect(rows.at(-1)).toContain(lang === 'en' ? 'k check' : 'k 检查');
    lab!.unmount();
    session!.dispose();
  }
});

test('at 80×24 with a failing checklist, a long hint shows from its label, never as the tail of a sentence', async () => {
  await open({ columns: 80, rows: 24 });
  const capstone = lessons.find((l) => l.id === '12-capstone')!;
  await writeFile(join(workspace, 'service.js'), capstone.starter);
  await lab!.press('l');
  await lab!.waitFor('Lessons');
  await nextTurn();
  await lab!.press('12\r');
  await lab!.waitFor(`Lesson 12/${lessons.length}`);
  verdict = (lesson) => ({
    lesson: lesson.id,
    passed: false,
    steps: [
      { title: { en: 'reflection-patch applies your edit', zh: '应用' }, ok: false, detail: 'rejected' },
      { title: { en: '/stats answers JSON', zh: 'JSON' }, ok: false, detail: '404' },
    ],
  });
  await lab!.press('k');
  await lab!.waitFor('✗ /stats answers JSON');
  await lab!.press('h');
  let frame = await lab!.waitFor('h: hint (2 left)');
  expect(frame).toContain('Hint 1/3: reflection-patch is the strictest judge');
  await lab!.press('h', 'h');
  frame = await lab!.waitFor('Hint 3/3');
  // Hint 2's last line must not hang above hint 3 with no label.
  const rows = frame.split('\n');
  const hint3 = rows.findIndex((row) => row.startsWith('Hint 3/3'));
  expect(rows[hint3 - 1]).toMatch(/^✗ /);
});

test('in Chinese a check detail given in both languages is shown in Chinese, labelled as the check run', async () => {
  await open({ lang: 'zh' });
  verdict = (lesson) => ({
    lesson: lesson.id,
    passed: false,
    steps: [{ title: { en: 'the reply changed', zh: '回复变了' }, ok: false, detail: { en: 'before: "pong 3", now: "pong 4"', zh: '之前："pong 3"，现在："pong 4"' } }],
  });
  await lab!.press('k');
  const frame = await lab!.waitFor('✗ 回复变了');
  expect(frame).toContain('检查运行中：之前："pong 3"，现在："pong 4"');
  expect(frame).not.toContain('before:');
});

/** The goal as the pane shows it, label and indent taken off and rows joined; spaces do not count (zh has none). */
function goalOnScreen(frame: string, label: string): string {
  const rows = frame.split('\n');
  const start = rows.findIndex((row) => row.startsWith(label));
  const goal = [rows[start]!.slice(label.length)];
  for (const row of rows.slice(start + 1)) {
    if (!row.startsWith(' '.repeat(6))) break;
    goal.push(row);
  }
  return goal.join('').replace(/\s+/g, '');
}

test.each(['en', 'zh'] as const)('at 80×24 (%s) the goal is whole, on as many rows as it needs: lessons 1, 3, 6, 13, 16', async (lang) => {
  for (const number of [1, 3, 6, 13, 16]) {
    const lesson = lessons[number - 1]!;
    await open({ columns: 80, rows: 24, lang, at: lesson.id });
    const label = lang === 'en' ? 'Goal: ' : '目标：';
    const frame = await lab!.waitFor((f) => f.includes(label) && f.includes(`${number}/${lessons.length}`));
    const whole = inline(pick(lesson.goal, lang)).map((span) => span.text).join('').replace(/\s+/g, '');
    expect(goalOnScreen(frame, label), `lesson ${number}`).toBe(whole);
    lab!.unmount();
    session!.dispose();
  }
});

test('every lesson\'s goal is whole at 80×24, 100×30 and 120×40 in both languages; a pane too short cuts it with … and says v reads all', async () => {
  await open();
  const snapshot = session!.getSnapshot();
  const options = { tab: 'text' as const, scroll: 0, hintLabel: () => 'Hint', checkError: '', inCheckRun: (d: string) => d, liveRefused: (d: string) => d, readAll: '(v: read all)' };
  for (const [columns, rows] of [[80, 24], [100, 30], [120, 40]] as const) {
    const height = computeLayout({ columns, rows, replFocused: false, hasProblem: false, lessonPane: true }).lessonRows;
    for (const lesson of lessons) {
      for (const lang of ['en', 'zh'] as const) {
        const plan = planLesson({ ...snapshot, lesson }, { ...options, lang, width: columns, height });
        const shown = plan.goal.map((line) => line.map((span) => span.text).join('')).join('');
        const where = `${columns}×${rows} ${lang} lesson ${lesson.number}`;
        expect(shown.replace(/\s+/g, ''), where).toBe(inline(pick(lesson.goal, lang)).map((span) => span.text).join('').replace(/\s+/g, ''));
        for (const line of plan.goal) expect(cellWidth(line.map((span) => span.text).join('')), where).toBeLessThanOrEqual(columns - 6);
        // The lesson text gives the rows, never the checklist's line.
        expect(plan.goal.length + 1, where).toBeLessThan(height - 1);
      }
    }
  }
  const short = planLesson({ ...snapshot, lesson: lessons[5]! }, { ...options, lang: 'zh', width: 80, height: 4 });
  expect(short.goal).toHaveLength(1);
  const row = short.goal[0]!.map((span) => span.text).join('');
  expect(row).toMatch(/… \(v: read all\)$/);
  expect(cellWidth(row)).toBeLessThanOrEqual(74);
  expect(short.cut).toBe(true);
});

test('at 80×24 the text\'s footer offers PgDn only while there is more, then the way back; with the hints taking its rows, no 0/N', async () => {
  await open({ columns: 80, rows: 24 });
  let frame = await lab!.waitFor((f) => /PgDn more · \d+\/\d+/.test(f));
  const total = /PgDn more · \d+\/(\d+)/.exec(frame)![1]!;
  for (let i = 0; i < 60 && !lab!.lastFrame().includes('back up'); i++) await lab!.press(KEYS.pageDown);
  frame = lab!.lastFrame();
  expect(frame).toContain(`PgUp back up · ${total}/${total}`);
  expect(frame).not.toContain('PgDn more');
  // A failing check and three hints leave the text no rows: the footer has no place in it to give.
  verdict = (lesson) => ({
    lesson: lesson.id,
    passed: false,
    steps: [
      { title: { en: 'your new version was applied', zh: '应用' }, ok: false, detail: 'rejected' },
      { title: { en: 'the new version answers /ping', zh: 'ping' }, ok: false, detail: '404' },
    ],
  });
  await lab!.press('k');
  await lab!.waitFor('✗ the new version answers /ping');
  await lab!.press('h', 'h', 'h');
  frame = await lab!.waitFor(`Hint 3/${first().hints.length}`);
  const footer = frame.split('\n').find((row) => row.includes(' · edit '))!;
  expect(footer).toContain('H: fold hints');
  expect(footer).not.toMatch(/0\/\d+/);
  expect(footer).not.toContain('PgDn more');
});

test('the header names the lesson\'s strategy as the lesson\'s: 3 switches the live one, shown on the bar', async () => {
  const { engine } = await open();
  await lab!.waitFor("· lesson's strategy: file-watch");
  await lab!.press('3');
  const frame = await lab!.waitFor('[3 reflection-patch]');
  expect(engine.callsTo('setStrategy')).toEqual([['reflection-patch']]);
  expect(frame).toContain(`Lesson 1/${lessons.length} What a hot update is · 0/${lessons.length} · lesson's strategy: file-watch`);
});

test('a checklist longer than its rows goes compact instead of hiding a step (the failing sixth was the one cut)', async () => {
  await open();
  const snapshot = session!.getSnapshot();
  const options = { tab: 'text' as const, scroll: 0, hintLabel: () => 'Hint', checkError: '', inCheckRun: (d: string) => d, liveRefused: (d: string) => d, readAll: '(v: read all)' };
  const steps = [1, 2, 3, 4, 5].map((n) => ({ title: { en: `step ${n}`, zh: `第 ${n} 步` }, ok: true }));
  const result = { lesson: snapshot.lesson.id, passed: false, steps: [...steps, { title: { en: 'migrate keeps { hits: 0 }', zh: '0' }, ok: false, detail: 'got 5' }] };
  const plan = planLesson({ ...snapshot, result }, { ...options, lang: 'en', width: 120, height: 20 });
  expect(plan.checklist!.map((row) => row.title)).toEqual(['step 1 · step 2 · step 3 · step 4 · step 5', 'migrate keeps { hits: 0 }']);
  // Five steps fit their rows: each keeps its own.
  const five = planLesson({ ...snapshot, result: { ...result, steps: [...steps.slice(0, 4), result.steps[5]!] } }, { ...options, lang: 'en', width: 120, height: 20 });
  expect(five.checklist).toHaveLength(5);
});
