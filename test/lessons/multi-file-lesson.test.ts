// The lesson layer on a program of several modules (lessons/FORMAT.md, "Programs of several modules"): a
// two-module fixture lesson (service.js imports greet.js) in a temp folder, loaded, copied, reset, diffed and
// checked with the learner's edit in the module that is not the entry.
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pick, pickText } from '../../src/engine/lessons/language.ts';
import { LessonError } from '../../src/engine/lessons/lesson-errors.ts';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import { runCheck } from '../../src/engine/lessons/run-check.ts';
import type { CheckResult } from '../../src/engine/lessons/check-types.ts';
import { EventEmitter } from 'node:events';
import { LessonSession, prepareLessonWorkspace, type LessonEngine } from '../../src/engine/lessons/lesson-session.ts';
import type { ProgramOptions } from '../../src/engine/engine.ts';
import type { UpdateRecord } from '../../src/engine/types.ts';
import { copyStarter, isStarter, readLearnerFiles, resetLesson, solutionDiff, starterState } from '../../src/engine/lessons/workspace.ts';
import { editJson, LESSON_ID, TWO_FILE_SOLUTION, TWO_FILE_STARTER, twoFileLessonRoot } from './lesson-fixture.ts';

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function fixture(check?: string): Promise<{ root: string; lessonDir: string }> {
  const made = await twoFileLessonRoot(check);
  temps.push(made.root);
  return made;
}

async function loadFixture(check?: string): Promise<Lesson> {
  const { root } = await fixture(check);
  return (await loadLessons(root)).lessons[0]!;
}

async function loadError(root: string): Promise<LessonError> {
  const error = await loadLessons(root).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LessonError);
  return error as LessonError;
}

function describeResult(result: CheckResult): string {
  const steps = result.steps.map((s) => `${s.ok ? '✓' : '✗'} ${pick(s.title, 'en')}${s.detail ? ` — ${pickText(s.detail, 'en')}` : ''}`);
  return [...steps, ...(result.error ? [`error: ${result.error}`] : [])].join('\n');
}

describe('a lesson of several modules: loading', () => {
  it('reads every starter and solution file, the entry service.js by default', async () => {
    const lesson = await loadFixture();
    expect(lesson.entry).toBe('service.js');
    expect(lesson.starterFiles).toEqual(['greet.js', 'service.js']);
    expect(lesson.starterSources).toEqual(TWO_FILE_STARTER);
    expect(lesson.solutionSources).toEqual(TWO_FILE_SOLUTION);
    expect(lesson.starter).toBe(TWO_FILE_STARTER['service.js']);
    expect(lesson.solution).toBe(TWO_FILE_SOLUTION['service.js']);
  });

  it('takes "entry": "service.ts", and refuses any other entry', async () => {
    const { root, lessonDir } = await fixture();
    for (const folder of ['starter', 'solution']) {
      await writeFile(join(lessonDir, folder, 'service.ts'), TWO_FILE_STARTER['service.js']);
      await unlink(join(lessonDir, folder, 'service.js'));
    }
    await editJson(join(lessonDir, 'lesson.json'), (json) => (json.entry = 'service.ts'));
    const [lesson] = (await loadLessons(root)).lessons;
    expect(lesson?.entry).toBe('service.ts');
    expect(lesson?.starterFiles).toEqual(['greet.js', 'service.ts']);

    await editJson(join(lessonDir, 'lesson.json'), (json) => (json.entry = 'main.js'));
    const error = await loadError(root);
    expect(error.lesson).toBe(LESSON_ID);
    expect(error.message).toContain('"entry"');
    expect(error.message).toContain('"service.js" or "service.ts"');
  });

  it('refuses an entry missing from starter/ or solution/', async () => {
    const { root, lessonDir } = await fixture();
    await editJson(join(lessonDir, 'lesson.json'), (json) => (json.entry = 'service.ts'));
    expect((await loadError(root)).message).toContain('starter/service.ts is missing');
    await writeFile(join(lessonDir, 'starter', 'service.ts'), '// ts\n');
    expect((await loadError(root)).message).toContain('solution/service.ts is missing');
  });

  it('refuses a solution that does not hold the same files as the starter', async () => {
    const { root, lessonDir } = await fixture();
    await unlink(join(lessonDir, 'solution', 'greet.js'));
    const error = await loadError(root);
    expect(error.message).toContain('same files as starter/');
    expect(error.message).toContain('greet.js is only in starter/');

    await writeFile(join(lessonDir, 'solution', 'greet.js'), TWO_FILE_SOLUTION['greet.js']);
    await mkdir(join(lessonDir, 'solution', 'lib'));
    await writeFile(join(lessonDir, 'solution', 'lib', 'extra.js'), 'export const x = 1;\n');
    expect((await loadError(root)).message).toContain('lib/extra.js is only in solution/');
  });
});

describe('a lesson of several modules: the workspace', () => {
  async function workspace(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'hotlab-ws-multi-'));
    temps.push(dir);
    return dir;
  }

  it('copies every starter file that is missing, and keeps the ones the learner has', async () => {
    const lesson = await loadFixture();
    const ws = await workspace();
    await writeFile(join(ws, 'service.js'), '// an earlier lesson’s service\n');
    expect(await copyStarter(lesson, ws)).toEqual({ copied: ['greet.js'], kept: ['service.js'] });
    expect(await readFile(join(ws, 'greet.js'), 'utf8')).toBe(TWO_FILE_STARTER['greet.js']);
    expect(await starterState(lesson, ws)).toEqual([
      { file: 'greet.js', state: 'starter' },
      { file: 'service.js', state: 'edited' },
    ]);
  });

  it('reset backs up every file it overwrites, then writes every starter file', async () => {
    const lesson = await loadFixture();
    const ws = await workspace();
    await writeFile(join(ws, 'service.js'), '// mine\n');
    await writeFile(join(ws, 'greet.js'), '// mine too\n');
    const result = await resetLesson(lesson, ws, new Date('2025-05-06T07:08:09.010Z'));
    expect(result.backedUp).toEqual(['greet.js', 'service.js']);
    expect(result.written).toEqual(['greet.js', 'service.js']);
    expect(await readFile(join(result.backupDir!, 'greet.js'), 'utf8')).toBe('// mine too\n');
    expect(await readFile(join(result.backupDir!, 'service.js'), 'utf8')).toBe('// mine\n');
    expect(await readLearnerFiles(lesson, ws)).toEqual(TWO_FILE_STARTER);
  });

  it('reads the learner’s files (a missing one is the starter’s) and diffs each changed one', async () => {
    const lesson = await loadFixture();
    const ws = await workspace();
    await writeFile(join(ws, 'service.js'), TWO_FILE_STARTER['service.js']);
    const files = await readLearnerFiles(lesson, ws);
    expect(files).toEqual(TWO_FILE_STARTER);
    expect(isStarter(lesson, files)).toBe(true);

    const diff = solutionDiff(lesson, files);
    expect(diff).toContain('--- your greet.js');
    expect(diff).toContain(`+++ ${LESSON_ID}/solution/greet.js`);
    expect(diff).toContain('-  return `pong ${n}`;');
    expect(diff).toContain('+  return `hello ${n}`;');
    // service.js is the same in both: no diff for it.
    expect(diff).not.toContain('service.js');

    await writeFile(join(ws, 'greet.js'), TWO_FILE_SOLUTION['greet.js']);
    await writeFile(join(ws, 'service.js'), `${TWO_FILE_STARTER['service.js']}// note\n`);
    const edited = await readLearnerFiles(lesson, ws);
    expect(isStarter(lesson, edited)).toBe(false);
    // A module the learner added and imports is part of the program; another lesson's file is not.
    await writeFile(join(ws, 'other-lesson.js'), 'export const x = 1;\n');
    await mkdir(join(ws, 'lib'));
    await writeFile(join(ws, 'lib', 'word.js'), "export const word = 'hello';\n");
    await writeFile(join(ws, 'greet.js'), "import { word } from './lib/word.js';\nexport function greet(n) { return `${word} ${n}`; }\n");
    expect(Object.keys(await readLearnerFiles(lesson, ws)).sort()).toEqual(['greet.js', 'lib/word.js', 'service.js']);
    await writeFile(join(ws, 'greet.js'), TWO_FILE_SOLUTION['greet.js']);

    const both = solutionDiff(lesson, edited);
    expect(both).not.toContain('greet.js');
    expect(both).toContain('--- your service.js');
    expect(both).toContain('-// note');
  });
});

class StubEngine extends EventEmitter<{ update: [Partial<UpdateRecord>]; rejected: [UpdateRecord]; reverted: [{ version: number }] }> implements LessonEngine {
  readonly programs: ProgramOptions[] = [];
  getSnapshot() {
    return { rejection: null };
  }
  async restartProgram(options: ProgramOptions): Promise<unknown> {
    // The lesson's files are written as the engine does it: after the old program stops taking saves.
    const { prepareFiles, ...program } = options;
    await prepareFiles?.();
    this.programs.push(program);
    return { version: 1, rejection: null };
  }
}

describe('a lesson of several modules: the lab session', () => {
  it('starts the lesson’s entry, checks after a save of any module, reading every file, and diffs each', async () => {
    const lesson = await loadFixture();
    const ws = await mkdtemp(join(tmpdir(), 'hotlab-session-multi-'));
    temps.push(ws);
    const prepared = await prepareLessonWorkspace([lesson], ws);
    expect(prepared.copied).toEqual(['greet.js', 'service.js']);
    const engine = new StubEngine();
    const checked: Array<Readonly<Record<string, string>>> = [];
    const session = new LessonSession({
      lessons: [lesson],
      workspace: ws,
      engine,
      progress: prepared.progress,
      debounceMs: 10,
      runCheck: async (l, files) => {
        checked.push(files);
        return { lesson: l.id, passed: files['greet.js']!.includes('hello'), steps: [{ title: { en: 'hello', zh: 'hello' }, ok: true }] };
      },
    });
    try {
      await session.switchTo(lesson.id, { replace: false });
      expect(engine.programs.at(-1)?.entry).toBe('service.js');
      expect(session.getSnapshot().file).toBe(join(ws, 'service.js'));

      await writeFile(join(ws, 'greet.js'), TWO_FILE_SOLUTION['greet.js']);
      const passed = new Promise<void>((resolve) => {
        const stop = session.subscribe(() => {
          if (session.getSnapshot().result?.passed) {
            stop();
            resolve();
          }
        });
      });
      engine.emit('update', { trigger: 'save' });
      await passed;
      expect(checked.at(-1)).toEqual(TWO_FILE_SOLUTION);
      expect(session.getSnapshot().done).toBe(true);
      expect(await session.diff()).toBe('');
    } finally {
      session.dispose();
    }
  });
});

describe.sequential('a lesson of several modules: the check', () => {
  const roots: string[] = [];
  afterAll(async () => {
    await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
  });

  it('fails on the starter (applied as a reload) and passes when the learner edits greet.js only', { timeout: 60_000 }, async () => {
    const lesson = await loadFixture();
    const onStarter = await runCheck(lesson, lesson.starterSources);
    expect(onStarter.error, describeResult(onStarter)).toBeUndefined();
    expect(onStarter.passed).toBe(false);
    expect(onStarter.update?.trigger).toBe('reload');

    // Only greet.js given: service.js is the starter's.
    const onEdit = await runCheck(lesson, { 'greet.js': TWO_FILE_SOLUTION['greet.js'] });
    expect(onEdit.passed, describeResult(onEdit)).toBe(true);
    expect(onEdit.update).toMatchObject({ trigger: 'save', outcome: 'applied', changed: ['greet.js'] });

    // A module the learner added (in a folder the starter lacks) is saved with the rest, as one update.
    const added = await runCheck(lesson, {
      'lib/word.js': "export const word = 'hello';\n",
      'greet.js': "import { word } from './lib/word.js';\nexport function greet(n) { return `${word} ${n}`; }\n",
    });
    expect(added.passed, describeResult(added)).toBe(true);
    expect(added.update?.changed?.slice().sort()).toEqual(['greet.js', 'lib/word.js']);
  });

  it('saves every edited file as one update, and gives check.js the files, modules’ scopes and per-file saves', { timeout: 60_000 }, async () => {
    const check = `export async function check(lab) {
      const t = (en) => ({ en, zh: en });
      const changed = (lab.update.changed ?? []).join(', ');
      lab.expect(lab.update.trigger === 'save' && changed === 'greet.js, service.js', t('one update holds both files'), changed);
      lab.expect(lab.snapshot().updates.filter((u) => u.trigger === 'save').length === 1, t('only one save record'));
      lab.expect(lab.entry === 'service.js' && lab.source === lab.files['service.js'] && lab.starter === lab.starterFiles['service.js'], t('entry, source, starter'));
      lab.expect(lab.files['greet.js'].includes('hello') && lab.starterFiles['greet.js'].includes('pong'), t('files and starterFiles'));
      const greeted = await lab.evaluate('greeted > 0', { module: 'greet.js' });
      lab.expect(greeted.ok && greeted.text === 'true', t('evaluate in greet.js'), JSON.stringify(greeted));
      const set = await lab.setValue('greeted', '1000', { module: 'greet.js' });
      const after = await lab.evaluate('greeted >= 1000', { module: 'greet.js' });
      lab.expect(set.ok && after.text === 'true', t('setValue in greet.js'), JSON.stringify([set, after]));
      const same = await lab.save(lab.files['greet.js'], { file: 'greet.js' });
      lab.expect(same === null, t('an unchanged save of greet.js makes no version'));
      const next = await lab.save(lab.files['greet.js'].replace('hello', 'howdy'), { file: 'greet.js', how: 'rename' });
      const ran = (next?.modules ?? []).map((m) => m.module + ' ' + m.action).join(', ');
      lab.expect(ran === 'greet.js re-ran, service.js re-ran', t('a save of greet.js re-runs it and its importer'), ran);
      const res = await lab.request('/ping');
      lab.expect(lab.text(res).startsWith('howdy'), t('the save serves'), lab.text(res));
      const applied = await lab.applySource('export function greet(n) { return "yo " + n; }\\n', { file: 'greet.js' });
      const yo = await lab.request('/ping');
      lab.expect(applied?.outcome === 'applied' && lab.text(yo).startsWith('yo'), t('applySource of greet.js'), lab.text(yo));
    }
    `;
    const lesson = await loadFixture(check);
    const result = await runCheck(lesson, { 'service.js': `${TWO_FILE_STARTER['service.js']}// edited\n`, 'greet.js': TWO_FILE_SOLUTION['greet.js'] });
    expect(result.passed, describeResult(result)).toBe(true);
  });
});
