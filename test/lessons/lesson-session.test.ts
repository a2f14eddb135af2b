// The lesson session against a real temp workspace, the real lessons and the real checks; the engine is a
// stand-in that records what the session tells it and emits the records a real one would.
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LessonSession, LIVE_STEP, prepareLessonWorkspace, type LessonEngine } from '../../src/engine/lessons/lesson-session.ts';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import { loadProgress, progressFile } from '../../src/engine/lessons/progress.ts';
import type { ProgramOptions } from '../../src/engine/engine.ts';
import type { UpdateRecord } from '../../src/engine/types.ts';

class StubEngine extends EventEmitter<{ update: [UpdateRecord]; rejected: [UpdateRecord]; reverted: [{ version: number }] }> implements LessonEngine {
  readonly programs: ProgramOptions[] = [];
  rejection: UpdateRecord | null = null;
  /** Resolves a program start; a test may hold it to look at the session mid-switch. */
  startGate: Promise<void> = Promise.resolve();
  getSnapshot() {
    return { rejection: this.rejection };
  }
  async restartProgram(options: ProgramOptions): Promise<unknown> {
    // The lesson's files are written as the engine does it: after the old program stops taking saves.
    const { prepareFiles, ...program } = options;
    await prepareFiles?.();
    await this.startGate;
    this.programs.push(program);
    return { version: 1, rejection: null };
  }
}

let workspace: string;
let lessons: Lesson[];
let sessions: LessonSession[] = [];
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'hotlab-session-'));
  lessons = (await loadLessons()).lessons;
});
afterEach(async () => {
  for (const s of sessions) s.dispose();
  sessions = [];
  await rm(workspace, { recursive: true, force: true });
});

async function open(engine = new StubEngine(), debounceMs = 20): Promise<LessonSession> {
  const prepared = await prepareLessonWorkspace(lessons, workspace);
  const session = new LessonSession({ lessons, workspace, engine, progress: prepared.progress, debounceMs, keptFiles: prepared.keptFiles, ...(prepared.problem ? { problem: prepared.problem } : {}) });
  sessions.push(session);
  return session;
}

const file = () => join(workspace, 'service.js');

describe('lesson session', () => {
  it('copies the first starter in, fails on it, passes on the solution, and remembers it', async () => {
    const session = await open();
    const first = lessons[0]!;
    expect(session.getSnapshot().lesson.id).toBe(first.id);
    expect(await readFile(file(), 'utf8')).toBe(first.starter);

    const failed = await session.check();
    expect(failed.passed).toBe(false);
    expect(session.getSnapshot()).toMatchObject({ done: false, result: failed, checking: false });

    await writeFile(file(), first.solution);
    const passed = await session.check();
    expect(passed.passed).toBe(true);
    expect(session.getSnapshot()).toMatchObject({ done: true, doneCount: 1, next: lessons[1] });
    expect(await session.diff()).toBe('');

    // A new session (a new lab run) reads the progress back.
    const again = await open();
    expect(again.getSnapshot()).toMatchObject({ done: true, doneCount: 1 });
  }, 60_000);

  it('opening a lesson not done on a file that is not its starter says so once; its starter or a lesson done, nothing', async () => {
    // An older `hotlab check` passed lesson 6 and moved current to 7, leaving the lesson-6 file.
    const [sixth, seventh] = [lessons[5]!, lessons[6]!];
    const done = Object.fromEntries(lessons.slice(0, 6).map((l) => [l.id, { done: true, doneAt: '2025-01-01T00:00:00.000Z', hintsShown: 0 }]));
    await mkdir(join(workspace, '.hotlab'));
    await writeFile(progressFile(workspace), JSON.stringify({ version: 1, current: seventh.id, lessons: done }));
    await writeFile(file(), sixth.solution);
    const session = await open();
    expect(session.getSnapshot()).toMatchObject({ lesson: { id: seventh.id }, keptFiles: ['service.js'] });
    session.dismissKeptFiles();
    expect(session.getSnapshot().keptFiles).toBeNull();

    await writeFile(file(), seventh.starter);
    expect((await prepareLessonWorkspace(lessons, workspace)).keptFiles).toEqual([]);
    await writeFile(progressFile(workspace), JSON.stringify({ version: 1, current: sixth.id, lessons: done }));
    await writeFile(file(), sixth.solution);
    expect((await prepareLessonWorkspace(lessons, workspace)).keptFiles).toEqual([]);
  });

  it('a save from the engine runs one check for a burst of saves', async () => {
    const engine = new StubEngine();
    let runs = 0;
    const prepared = await prepareLessonWorkspace(lessons, workspace);
    const session = new LessonSession({
      lessons,
      workspace,
      engine,
      progress: prepared.progress,
      debounceMs: 20,
      runCheck: async (lesson) => {
        runs++;
        return { lesson: lesson.id, passed: false, steps: [{ title: { en: 'a', zh: 'a' }, ok: false }] };
      },
    });
    sessions.push(session);
    await writeFile(file(), '// an edit\n');
    const seen = new Promise<void>((resolve) => session.subscribe(() => session.getSnapshot().result && resolve()));
    const record = { trigger: 'save' } as UpdateRecord;
    engine.emit('update', record);
    engine.emit('update', record);
    engine.emit('rejected', record);
    engine.emit('update', { trigger: 'strategy' } as UpdateRecord);
    await seen;
    expect(runs).toBe(1);
  });

  it('hints open one at a time and persist', async () => {
    const session = await open();
    expect(await session.showHint()).toBe(1);
    expect(await session.showHint()).toBe(2);
    expect(session.getSnapshot().hintsShown).toBe(2);
    const { progress } = await loadProgress(workspace);
    expect(progress.lessons[lessons[0]!.id]?.hintsShown).toBe(2);
  });

  it('asking to replace names only the files the learner edited, not the next lesson\'s files they do not have', async () => {
    const session = await open();
    const twelve = lessons.findIndex((l) => l.id.startsWith('12-'));
    await session.switchTo(lessons[twelve]!.id, { replace: true });
    await writeFile(file(), '// mine\n');
    // Lesson 13 starts from service.js, reply.js and words.js: only service.js is here, and edited.
    expect(lessons[twelve + 1]!.starterFiles.length).toBeGreaterThan(1);
    expect(await session.next()).toMatchObject({ kind: 'confirm', edited: ['service.js'] });
  });

  it('moving on asks first when the file is edited, and tells the engine the lesson', async () => {
    const engine = new StubEngine();
    const session = await open(engine);
    await writeFile(file(), '// mine\n');
    const plan = await session.next();
    expect(plan).toMatchObject({ kind: 'confirm', lesson: { id: lessons[1]!.id }, edited: ['service.js'] });
    expect(session.getSnapshot().lesson.id).toBe(lessons[0]!.id);

    // Declined: the lesson opens, the file stays.
    await session.switchTo(lessons[1]!.id, { replace: false });
    expect(await readFile(file(), 'utf8')).toBe('// mine\n');
    expect(session.getSnapshot().lesson.id).toBe(lessons[1]!.id);
    // A new program under the lesson's strategy and traffic, not an update of the previous lesson's.
    expect(engine.programs.at(-1)).toEqual({ strategy: lessons[1]!.strategy, restart: lessons[1]!.restart ?? 'graceful', requests: lessons[1]!.requests, entry: lessons[1]!.entry });

    // Confirmed: backed up, then replaced.
    const { reset } = await session.switchTo(lessons[1]!.id, { replace: true });
    expect(await readFile(file(), 'utf8')).toBe(lessons[1]!.starter);
    expect(engine.programs).toHaveLength(2);
    expect(await readFile(join(reset!.backupDir!, 'service.js'), 'utf8')).toBe('// mine\n');
  });

  it('the lesson on screen changes as soon as the learner confirms, before its program has booted', async () => {
    const engine = new StubEngine();
    const session = await open(engine);
    await writeFile(file(), '// mine\n');
    // While the files are written and the program boots, the snapshot already shows the new lesson: a check
    // the writes set off judges the lesson the learner moved to.
    const seen: string[] = [];
    const unsubscribe = session.subscribe(() => seen.push(session.getSnapshot().lesson.id));
    const switching = session.switchTo(lessons[1]!.id, { replace: true });
    expect(session.getSnapshot().lesson.id).toBe(lessons[1]!.id);
    await switching;
    unsubscribe();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((id) => id === lessons[1]!.id)).toBe(true);
  });

  it('while a switch is in flight no check runs or records: the old file is never judged as the new lesson', async () => {
    const engine = new StubEngine();
    const session = await open(engine);
    // Lesson 1's solution, which a check of lesson 2 must not see while the switch writes lesson 2's starter.
    await writeFile(file(), lessons[0]!.solution);
    let open2!: () => void;
    engine.startGate = new Promise((resolve) => (open2 = resolve));
    const switching = session.switchTo(lessons[1]!.id, { replace: false });
    const during = await session.check();
    expect(during.steps).toEqual([]);
    expect(session.getSnapshot()).toMatchObject({ result: null });
    expect(session.getSnapshot().progress.lessons[lessons[1]!.id]?.done ?? false).toBe(false);
    open2();
    await switching;
  });

  it('moving on from the untouched starter of the next lesson switches without asking', async () => {
    const session = await open();
    await writeFile(file(), lessons[1]!.starter);
    expect(await session.next()).toMatchObject({ kind: 'switched' });
    expect(await session.previous()).toMatchObject({ kind: 'confirm', lesson: { id: lessons[0]!.id } });
  });

  it('reset makes a backup, writes the starter and starts the lesson\'s program afresh', async () => {
    const engine = new StubEngine();
    const session = await open(engine);
    await writeFile(file(), '// broken\n');
    const result = await session.reset();
    expect(result.backedUp).toEqual(['service.js']);
    expect(await readFile(join(result.backupDir!, 'service.js'), 'utf8')).toBe('// broken\n');
    expect(await readFile(file(), 'utf8')).toBe(lessons[0]!.starter);
    expect(engine.programs.map((p) => p.strategy)).toEqual([lessons[0]!.strategy]);
  });

  it('the untouched starter is not checked until the learner saves a change (or asks with k)', async () => {
    let runs = 0;
    const prepared = await prepareLessonWorkspace(lessons, workspace);
    const session = new LessonSession({
      lessons, workspace, engine: new StubEngine(), progress: prepared.progress, debounceMs: 5,
      runCheck: async (lesson) => {
        runs++;
        return { lesson: lesson.id, passed: false, steps: [{ title: { en: 'a', zh: 'a' }, ok: false }] };
      },
    });
    sessions.push(session);
    const settled = new Promise<void>((resolve) => session.subscribe(() => session.getSnapshot().untouched && !session.getSnapshot().checking && resolve()));
    session.requestCheck();
    await settled;
    expect(runs).toBe(0);
    expect(session.getSnapshot()).toMatchObject({ result: null, untouched: true, checking: false });
    // Asked for, it runs on the starter too.
    await session.check();
    expect(runs).toBe(1);
    expect(session.getSnapshot().result).not.toBeNull();
  });

  it('is never complete while the live service refuses the file; a revert re-checks', async () => {
    const engine = new StubEngine();
    const session = await open(engine);
    await writeFile(file(), lessons[0]!.solution);
    engine.rejection = { reason: 'service.js:3:1: Unexpected token — v2 keeps serving' } as UpdateRecord;
    const refused = await session.check();
    expect(refused.passed).toBe(false);
    expect(refused.steps.at(-1)).toMatchObject({ ok: false, title: LIVE_STEP, detail: expect.stringContaining('Unexpected token') });
    expect(session.getSnapshot().done).toBe(false);

    // The learner goes back to the running code: the rejection clears, the lesson re-checks and passes.
    engine.rejection = null;
    const done = new Promise<void>((resolve) => session.subscribe(() => session.getSnapshot().done && resolve()));
    engine.emit('reverted', { version: 2 });
    await done;
    expect(session.getSnapshot().result?.passed).toBe(true);
  }, 60_000);

  it('a corrupted progress file is reported once and progress starts fresh', async () => {
    await open();
    await writeFile(progressFile(workspace), '{ nope');
    const session = await open();
    expect(session.getSnapshot().problem).toMatch(/could not be read/);
    session.dismissProblem();
    expect(session.getSnapshot().problem).toBeNull();
    expect((await readdir(join(workspace, '.hotlab'))).some((f) => f.startsWith('progress.json.bak-'))).toBe(true);
  });
});
