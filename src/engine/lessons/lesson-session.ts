// The lessons of one lab run: which lesson is open, the learner's progress, the hints shown and the last check.
// No React: the screen reads `getSnapshot()` through `subscribe()`, as it reads the engine, and sends commands.
// The workspace has one service.js (and the other modules lessons bring) for every lesson, so moving to another
// lesson never replaces a file unless the learner confirmed (the caller asks, then calls
// `switchTo(id, {replace: true})`, which backs them up first).
import type { ProgramOptions } from '../engine.ts';
import type { UpdateRecord } from '../types.ts';
import type { Localized } from './language.ts';
import type { CheckResult } from './check-types.ts';
import type { Lesson, LessonFiles } from './lesson-types.ts';
import {
  currentLesson,
  doneCount,
  lessonProgress,
  loadProgress,
  markDone,
  nextLesson,
  saveProgress,
  setCurrent,
  showHints,
  type Progress,
} from './progress.ts';
import { runCheck as realRunCheck } from './run-check.ts';
import { copyStarter, isStarter, readLearnerFiles, resetLesson, serviceFile, solutionDiff, starterState, type ResetResult } from './workspace.ts';
import { describeError } from '../errors.ts';

/** What the session needs of the engine (the real Engine has all of it; tests pass a small stand-in). */
export interface LessonEngine {
  getSnapshot(): { rejection: UpdateRecord | null };
  /** A new program for the lesson: nothing of the previous lesson's program carries over (Engine.restartProgram). */
  restartProgram(options: ProgramOptions): Promise<unknown>;
  on(event: 'update' | 'rejected' | 'reverted', listener: (record: unknown) => void): unknown;
  off(event: 'update' | 'rejected' | 'reverted', listener: (record: unknown) => void): unknown;
}

/** What the screen reads. A new object on every change; never mutated. */
export interface LessonSnapshot {
  lessons: readonly Lesson[];
  lesson: Lesson;
  /** 0-based position of `lesson`. */
  index: number;
  progress: Progress;
  hintsShown: number;
  /** The open lesson's check has passed (now or in an earlier run). */
  done: boolean;
  doneCount: number;
  /** The lesson after this one, or null on the last. */
  next: Lesson | null;
  /** A check is running (or queued behind one). */
  checking: boolean;
  /**
   * The last check of the open lesson; null until one ran since it was opened. Its steps ran on the check's own
   * scratch service (started from the starter), so versions in them are that run's, not the live feed's. When the
   * live service refuses the file that was checked, a failing step says so and the check does not pass.
   */
  result: CheckResult | null;
  /** Every file of the lesson is its starter, untouched: nothing is checked until the learner saves a change. */
  untouched: boolean;
  /** Why the progress file was set aside, until the learner has seen it (`dismissProblem`). */
  problem: string | null;
  /**
   * The open lesson's files that were not its starter when the lab opened it (another lesson's, or the learner's
   * edits), until the learner has seen it (`dismissKeptFiles`): the lab runs them as they are.
   */
  keptFiles: readonly string[] | null;
  /** The learner's entry module (`service.js`, or the lesson's entry). */
  file: string;
}

/** What `next`/`previous`/`jump` decided. `confirm`: the file differs from that lesson's starter; ask first. */
/** `confirm`: the learner's `edited` files (those that differ from the lesson's starter) would be replaced. */
export type SwitchPlan = { kind: 'switched'; lesson: Lesson } | { kind: 'confirm'; lesson: Lesson; edited: string[] } | { kind: 'none' };

export interface LessonSessionOptions {
  lessons: readonly Lesson[];
  workspace: string;
  engine: LessonEngine;
  progress: Progress;
  /** The progress file's problem message, shown once. */
  problem?: string;
  /** The current lesson's files that differ from its starter as the lab opens it (prepareLessonWorkspace), said once. */
  keptFiles?: readonly string[];
  /** Replaced in UI tests, so they do not boot scratch services. @default runCheck */
  runCheck?: (lesson: Lesson, files: LessonFiles) => Promise<CheckResult>;
  /** A burst of saves (editors write twice) runs one check after the last. @default 300 */
  debounceMs?: number;
}

type Listener = () => void;
type SessionState = 'progress' | 'lesson' | 'result' | 'untouched' | 'checking' | 'problem' | 'keptFiles';

/** The step a check gains while the live service refuses the learner's file. */
export const LIVE_STEP: Localized = { en: 'the live service runs your file', zh: '实时服务正在运行你的文件' };

/**
 * The check runs on a scratch service; the learner watches the live one. While the live one refuses the file,
 * the lesson is not complete, whatever the scratch run said: both must agree.
 */
function withLiveState(result: CheckResult, rejection: UpdateRecord | null): CheckResult {
  if (!rejection) return result;
  // The refusal's place and cause; the screen says in the learner's language that the live service refused it.
  const place = rejection.location ? `${rejection.location.file}:${rejection.location.line}:${rejection.location.column}: ` : '';
  const detail = rejection.cause !== undefined ? `${place}${rejection.cause}` : (rejection.reason ?? 'rejected');
  return { ...result, passed: false, steps: [...result.steps, { title: LIVE_STEP, ok: false, detail }] };
}

export class LessonSession {
  readonly #lessons: readonly Lesson[];
  readonly #workspace: string;
  readonly #engine: LessonEngine;
  readonly #runCheck: (lesson: Lesson, files: LessonFiles) => Promise<CheckResult>;
  readonly #debounceMs: number;
  readonly #listeners = new Set<Listener>();
  #snapshot: LessonSnapshot;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<CheckResult> | null = null;
  #queued: Promise<CheckResult> | null = null;
  /** A lesson switch is writing files and starting the program: checks wait for it. */
  #switching = false;
  /** Counts switches: a check started before one records nothing after it. */
  #switches = 0;
  #disposed = false;
  /** The next check was asked for by the learner (k): it runs even on the untouched starter. */
  #explicit = false;
  readonly #onRecord = (record: unknown) => {
    // The check judges the files, so a save of any module of the program (applied or rejected) can change its
    // result (a save of a file the program does not import makes no record, and changes nothing); so can the live service
    // taking the file after refusing it (a revert, a reload), since a refusal fails the check.
    const trigger = (record as Partial<UpdateRecord> | undefined)?.trigger;
    if (trigger === 'save' || trigger === undefined || this.#snapshot.result?.steps.some((step) => step.title === LIVE_STEP)) this.requestCheck();
  };

  constructor(options: LessonSessionOptions) {
    this.#lessons = options.lessons;
    this.#workspace = options.workspace;
    this.#engine = options.engine;
    this.#runCheck = options.runCheck ?? ((lesson, files) => realRunCheck(lesson, files));
    this.#debounceMs = options.debounceMs ?? 300;
    const lesson = currentLesson(options.progress, options.lessons);
    const keptFiles = options.keptFiles && options.keptFiles.length > 0 ? options.keptFiles : null;
    this.#snapshot = this.#derive({ progress: options.progress, lesson, result: null, untouched: false, checking: false, problem: options.problem ?? null, keptFiles });
    this.#engine.on('update', this.#onRecord);
    this.#engine.on('rejected', this.#onRecord);
    this.#engine.on('reverted', this.#onRecord);
  }

  getSnapshot(): LessonSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Stops listening to the engine and drops a pending check. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#engine.off('update', this.#onRecord);
    this.#engine.off('rejected', this.#onRecord);
    this.#engine.off('reverted', this.#onRecord);
  }

  // ── moving between lessons ─────────────────────────────────────────────────────────────────────────────

  next(): Promise<SwitchPlan> {
    return this.#plan(this.#lessons[this.#snapshot.index + 1]);
  }

  previous(): Promise<SwitchPlan> {
    return this.#plan(this.#lessons[this.#snapshot.index - 1]);
  }

  jump(id: string): Promise<SwitchPlan> {
    return this.#plan(this.#lessons.find((l) => l.id === id));
  }

  /**
   * Opens the lesson. `replace`: the learner confirmed; service.js is backed up and the starter written.
   * Otherwise the file is kept (a missing one gets the starter). Either way the lesson's program starts afresh
   * from the file under the lesson's strategy: a new program, not an update of the previous lesson's.
   */
  async switchTo(id: string, { replace }: { replace: boolean }): Promise<{ lesson: Lesson; reset: ResetResult | null }> {
    const lesson = this.#lessons.find((l) => l.id === id);
    if (!lesson) throw new RangeError(`no lesson ${id}`);
    const previous = { lesson: this.#snapshot.lesson, result: this.#snapshot.result };
    // The screen moves to the lesson at once, before its files are written and its program boots (seconds on a
    // busy machine). No check runs or records meanwhile: the files are half the old lesson's, the program still
    // the old one. #open asks for the new lesson's first check once both are in place.
    clearTimeout(this.#timer);
    this.#switches++;
    this.#switching = true;
    this.#update({ lesson, result: null });
    try {
      let reset: ResetResult | null = null;
      await this.#startProgram(lesson, async () => {
        if (replace) reset = await resetLesson(lesson, this.#workspace);
        else await copyStarter(lesson, this.#workspace);
      });
      this.#switching = false;
      await this.#open(lesson);
      return { lesson, reset };
    } catch (error) {
      // The switch failed: the screen goes back to the lesson that still runs.
      this.#switching = false;
      this.#update(previous);
      throw error;
    }
  }

  // ── within a lesson ────────────────────────────────────────────────────────────────────────────────────

  /** Opens one more hint (they open in order) and remembers it. Returns how many are open. */
  async showHint(): Promise<number> {
    const { lesson, progress, hintsShown } = this.#snapshot;
    const count = Math.min(lesson.hints.length, hintsShown + 1);
    if (count === hintsShown) return count;
    const changed = showHints(progress, lesson.id, count);
    this.#update({ progress: changed });
    await saveProgress(this.#workspace, changed);
    return count;
  }

  /**
   * Checks the workspace's service.js against the open lesson. One check runs at a time; asking during one
   * queues a single re-run that reads the newest file. A result for a lesson no longer open is dropped.
   */
  check(): Promise<CheckResult> {
    return this.#check(true);
  }

  /** `explicit`: the learner asked (k), so even the untouched starter is checked. */
  #check(explicit: boolean): Promise<CheckResult> {
    if (explicit) this.#explicit = true;
    if (!this.#running) return this.#start();
    this.#queued ??= this.#running.then(() => {
      this.#queued = null;
      return this.#start();
    });
    this.#update({ checking: true });
    return this.#queued;
  }

  /** A check after the saves settle (debounced). */
  requestCheck(): void {
    if (this.#disposed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#check(false), this.#debounceMs);
  }

  /** The learner's file against the reference solution; null until the lesson is done (no spoilers). */
  async diff(): Promise<string | null> {
    const { lesson, done } = this.#snapshot;
    if (!done) return null;
    return solutionDiff(lesson, await readLearnerFiles(lesson, this.#workspace));
  }

  /**
   * Backs service.js up, writes the open lesson's starter and starts the lesson's program afresh from it. The
   * caller has asked the learner to confirm.
   */
  async reset(): Promise<ResetResult> {
    const { lesson } = this.#snapshot;
    let result: ResetResult | undefined;
    await this.#startProgram(lesson, async () => {
      result = await resetLesson(lesson, this.#workspace);
    });
    this.#update({ result: null });
    this.requestCheck();
    return result!;
  }

  dismissProblem(): void {
    if (this.#snapshot.problem !== null) this.#update({ problem: null });
  }

  dismissKeptFiles(): void {
    if (this.#snapshot.keptFiles !== null) this.#update({ keptFiles: null });
  }

  // ── inside ─────────────────────────────────────────────────────────────────────────────────────────────

  async #plan(lesson: Lesson | undefined): Promise<SwitchPlan> {
    if (!lesson) return { kind: 'none' };
    const states = await starterState(lesson, this.#workspace);
    const edited = states.filter((s) => s.state === 'edited').map((s) => s.file);
    if (edited.length > 0) return { kind: 'confirm', lesson, edited };
    await this.switchTo(lesson.id, { replace: false });
    return { kind: 'switched', lesson };
  }

  async #open(lesson: Lesson): Promise<void> {
    const progress = setCurrent(this.#snapshot.progress, lesson.id);
    this.#update({ progress, lesson, result: null });
    await saveProgress(this.#workspace, progress);
    this.requestCheck();
  }

  /** The lesson's program: its strategy and traffic, started from the file as it is now. */
  async #startProgram(lesson: Lesson, prepareFiles?: () => Promise<void>): Promise<void> {
    // A file that cannot run is not a failure here: the engine shows the refusal and waits for a good save.
    await this.#engine.restartProgram({
      strategy: lesson.strategy,
      restart: lesson.restart ?? 'graceful',
      requests: lesson.requests,
      entry: lesson.entry,
      ...(prepareFiles ? { prepareFiles } : {}),
    });
  }

  #start(): Promise<CheckResult> {
    const lesson = this.#snapshot.lesson;
    if (this.#switching) {
      this.#update({ checking: this.#running !== null });
      return Promise.resolve({ lesson: lesson.id, passed: false, steps: [] });
    }
    const switches = this.#switches;
    const explicit = this.#explicit;
    this.#explicit = false;
    this.#update({ checking: true });
    const run = (async (): Promise<CheckResult> => {
      let result: CheckResult;
      let untouched = false;
      try {
        const files = await readLearnerFiles(lesson, this.#workspace);
        untouched = isStarter(lesson, files);
        if (untouched && !explicit) {
          // Nothing to judge yet: the check would only report that the starter is the starter.
          const untouched: CheckResult = { lesson: lesson.id, passed: false, steps: [] };
          if (!this.#disposed && lesson.id === this.#snapshot.lesson.id) this.#update({ result: null, untouched: true });
          return untouched;
        }
        result = withLiveState(await this.#runCheck(lesson, files), this.#engine.getSnapshot().rejection);
      } catch (error) {
        result = { lesson: lesson.id, passed: false, steps: [], error: describeError(error) };
      }
      // Stale guard: the learner moved on while this ran; its result belongs to no open lesson.
      if (!this.#disposed && lesson.id === this.#snapshot.lesson.id && switches === this.#switches) await this.#record(result, untouched);
      return result;
    })();
    this.#running = run;
    void run.finally(() => {
      if (this.#running !== run) return;
      this.#running = null;
      this.#update({ checking: this.#queued !== null });
    });
    return run;
  }

  async #record(result: CheckResult, untouched: boolean): Promise<void> {
    const { lesson, progress } = this.#snapshot;
    if (result.passed && !lessonProgress(progress, lesson.id).done) {
      const changed = markDone(progress, lesson.id);
      this.#update({ progress: changed, result, untouched });
      await saveProgress(this.#workspace, changed).catch(() => undefined);
      return;
    }
    this.#update({ result, untouched });
  }

  #update(patch: Partial<Pick<LessonSnapshot, SessionState>>): void {
    const s = this.#snapshot;
    this.#snapshot = this.#derive({
      progress: patch.progress ?? s.progress,
      lesson: patch.lesson ?? s.lesson,
      result: 'result' in patch ? (patch.result ?? null) : s.result,
      untouched: patch.untouched ?? ('result' in patch && patch.result === null ? false : s.untouched),
      checking: patch.checking ?? s.checking,
      problem: 'problem' in patch ? (patch.problem ?? null) : s.problem,
      // Said about the lesson the lab opened on: moving to another lesson (the learner chose its files) drops it.
      keptFiles: 'keptFiles' in patch ? (patch.keptFiles ?? null) : patch.lesson && patch.lesson !== s.lesson ? null : s.keptFiles,
    });
    for (const listener of this.#listeners) listener();
  }

  #derive(base: Pick<LessonSnapshot, SessionState>): LessonSnapshot {
    const mine = lessonProgress(base.progress, base.lesson.id);
    return {
      ...base,
      lessons: this.#lessons,
      index: this.#lessons.indexOf(base.lesson),
      hintsShown: Math.min(mine.hintsShown, base.lesson.hints.length),
      done: mine.done,
      doneCount: doneCount(base.progress, this.#lessons),
      next: nextLesson(this.#lessons, base.lesson.id) ?? null,
      file: serviceFile(this.#workspace, base.lesson.entry),
    };
  }
}

/** What a lab run starts from: the progress, the lesson to open, and whether its starter was just copied in. */
export interface PreparedWorkspace {
  progress: Progress;
  problem?: string;
  lesson: Lesson;
  /** Starter files copied because the workspace lacked them (a learner's file is never overwritten). */
  copied: string[];
  /** On a lesson not done yet: its files that are not its starter, kept and run as they are (see below). */
  keptFiles: string[];
}

/**
 * Loads a workspace's progress and opens its current lesson, copying the starter only where files are missing.
 * The caller starts the engine under `lesson.strategy` and then creates the session with the engine.
 */
export async function prepareLessonWorkspace(lessons: readonly Lesson[], workspace: string): Promise<PreparedWorkspace> {
  const loaded = await loadProgress(workspace);
  const lesson = currentLesson(loaded.progress, lessons);
  const { copied } = await copyStarter(lesson, workspace);
  // A lesson opened on files that are not its starter runs them as they are: mid-lesson edits, or another
  // lesson's file (an older `hotlab check` moved the learner on and left the passed lesson's file; `n` answered
  // "keep my file"). The screen says so once, as the n key's question does, rather than run it silently under this
  // lesson's strategy (a refusal then made no sense). A lesson already done is the learner's own solution: no word.
  const keptFiles = lessonProgress(loaded.progress, lesson.id).done
    ? []
    : (await starterState(lesson, workspace)).filter((s) => s.state === 'edited').map((s) => s.file);
  const progress = setCurrent(loaded.progress, lesson.id);
  await saveProgress(workspace, progress);
  return { progress, lesson, copied, keptFiles, ...(loaded.problem ? { problem: loaded.problem.message } : {}) };
}
