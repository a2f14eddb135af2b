// Checks a learner's program against a lesson: a scratch service boots from the lesson's starter under the
// lesson's strategy, traffic builds state, the learner's files are saved over it as an editor would, and the
// lesson's check.js judges what happened. The learner's own live service is never touched.
//
// Booting a scratch service (two sandbox processes, the engine's warm-up) is most of a cold check's time, so a
// `CheckRunner` that is kept open (the lab's) boots the next one while the learner edits: after a check, a
// fresh scratch service for the same lesson waits, booted and paused, for the next save. Each check still gets
// its own service, started from the starter and never used before.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { UpdateRecord } from '../types.ts';
import { checkResponse, createCheckLab, SAVE_TIMEOUT_MS } from './check-lab.ts';
import type { CheckLab, CheckResult, CheckStep } from './check-types.ts';
import type { Lesson, LessonFiles } from './lesson-types.ts';
import { saveAllInPlace } from './save-file.ts';
import { ScratchService, StarterError, type ScratchOptions, type VersionAnswers } from './scratch-service.ts';
import { waitForRecord } from '../wait-for-record.ts';
import { describeError } from '../errors.ts';

export interface RunCheckOptions extends ScratchOptions {
  /** Longest a check.js may run. @default 30_000 */
  timeoutMs?: number;
}

export interface CheckRunnerOptions extends RunCheckOptions {
  /**
   * After each check, boot the next scratch service for the same lesson in the background, so the next check
   * starts on a warm one. Needs `close()` when done (it holds sandbox processes). @default true
   */
  keepWarm?: boolean;
  /**
   * Boot the next scratch service as soon as a check starts, not once its result is out: checks run back to
   * back (tests) finish sooner, but each competes with a boot for the CPU, so the lab leaves it off.
   * @default false
   */
  warmWhileChecking?: boolean;
}

type CheckFunction = (lab: CheckLab) => unknown;

/** What a check judges: every file of the learner's program (path → text), or the entry's text alone. */
export type LearnerProgram = string | LessonFiles;

const CHECK_RAN = { en: 'the check ran to the end', zh: '检查完整运行' };
const ANSWERS = { en: 'your version answers requests', zh: '你的版本能回答请求' };
/**
 * Failed answers, with none passing, after which a new version is judged as failing every request. The
 * engine would otherwise hold the update record until its first good answer, which never comes (3 s), and a
 * check would then spend that again on every update it makes. At 200 req/s this is a few ms of traffic.
 */
const EVERY_ANSWER_FAILS_AFTER = 5;

interface Spare {
  key: string;
  service: Promise<ScratchService | null>;
}

/** Runs checks one after another, keeping a warm scratch service ready for the next one. */
export class CheckRunner {
  readonly #options: CheckRunnerOptions;
  #spare: Spare | null = null;
  /** Checks still running and used services still stopping: close() waits for them, so nothing is left behind. */
  readonly #stopping = new Set<Promise<void>>();
  #closed = false;

  constructor(options: CheckRunnerOptions = {}) {
    this.#options = options;
  }

  /**
   * Checks the learner's program against `lesson` (see lessons/FORMAT.md): `learner` maps each of the lesson's
   * files to the learner's text (a file left out is the starter's); a string is the entry's text alone.
   */
  run(lesson: Lesson, learner: LearnerProgram): Promise<CheckResult> {
    const running = this.#run(lesson, learnerFiles(lesson, learner));
    const settled = running.then(() => undefined, () => undefined);
    this.#stopping.add(settled);
    void settled.finally(() => this.#stopping.delete(settled));
    return running;
  }

  async #run(lesson: Lesson, files: LessonFiles): Promise<CheckResult> {
    let check: CheckFunction;
    try {
      check = await loadCheck(lesson);
    } catch (error) {
      return failed(lesson, `check.js of lesson ${lesson.id} cannot be loaded: ${describeError(error)}`);
    }
    let service: ScratchService;
    try {
      service = await this.#take(lesson);
    } catch (error) {
      return failed(lesson, error instanceof StarterError ? error.message : `the scratch service did not start: ${describeError(error)}`);
    }
    const keepWarm = this.#options.keepWarm !== false;
    if (keepWarm && this.#options.warmWhileChecking) this.prepare(lesson);
    try {
      return await judge(service, check, files, this.#options.timeoutMs ?? 30_000);
    } finally {
      // The result is out; clean up and warm the next service behind it, off the learner's clock.
      this.#stopInBackground(service);
      if (keepWarm) this.prepare(lesson);
    }
  }

  /** Boots a scratch service for `lesson` in the background, for its next check (a no-op if one is ready). */
  prepare(lesson: Lesson): void {
    if (this.#closed) return;
    const key = ScratchService.keyOf(lesson, this.#scratchOptions());
    if (this.#spare?.key === key) return;
    this.#dropSpare();
    const service = ScratchService.boot(lesson, this.#scratchOptions()).catch(() => null);
    this.#spare = { key, service };
  }

  /**
   * Stops the warm scratch service, if any, and resolves once every check still running has finished and its
   * service has stopped. Checks after this boot cold and keep nothing warm.
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#dropSpare();
    while (this.#stopping.size > 0) await Promise.all([...this.#stopping]);
  }

  /** The warm service if it is for this lesson (waiting for its boot to finish), or a fresh one. */
  async #take(lesson: Lesson): Promise<ScratchService> {
    const key = ScratchService.keyOf(lesson, this.#scratchOptions());
    const spare = this.#spare;
    this.#spare = null;
    if (spare?.key === key) {
      const service = await spare.service;
      if (service) return service;
    } else if (spare) {
      this.#stopInBackground(spare.service);
    }
    return ScratchService.boot(lesson, this.#scratchOptions());
  }

  #dropSpare(): void {
    const spare = this.#spare;
    this.#spare = null;
    if (spare) this.#stopInBackground(spare.service);
  }

  /** Stops a service (or one still booting, once it has) without making anyone wait but `close()`. */
  #stopInBackground(service: ScratchService | Promise<ScratchService | null>): void {
    const stopping = Promise.resolve(service)
      .then((s) => s?.stop())
      .catch(() => undefined);
    this.#stopping.add(stopping);
    void stopping.finally(() => this.#stopping.delete(stopping));
  }

  #scratchOptions(): ScratchOptions {
    const { rate, warmUpMs, tmpRoot, limits, yieldTo, yieldMaxMs } = this.#options;
    return { rate, warmUpMs, tmpRoot, limits, yieldTo, yieldMaxMs };
  }
}

/** Checks once, on a scratch service booted for this check alone (`hotlab check`, tests). */
export async function runCheck(lesson: Lesson, learner: LearnerProgram, options: RunCheckOptions = {}): Promise<CheckResult> {
  const runner = new CheckRunner({ ...options, keepWarm: false });
  try {
    return await runner.run(lesson, learner);
  } finally {
    await runner.close();
  }
}

/**
 * The learner's program: every file of the lesson, the learner's text or the starter's, and any module the
 * learner added. A string is the entry's text (a one-file lesson's service.js).
 */
export function learnerFiles(lesson: Lesson, learner: LearnerProgram): LessonFiles {
  const given = typeof learner === 'string' ? { [lesson.entry]: learner } : learner;
  const files: Record<string, string> = {};
  for (const file of lesson.starterFiles) files[file] = given[file] ?? lesson.starterSources[file]!;
  // A module the learner added to the program (readLearnerFiles finds those the entry imports).
  for (const [file, text] of Object.entries(given)) if (!(file in files)) files[file] = text;
  return files;
}

/**
 * Saves the learner's files that differ from the starter's over them with traffic flowing (all of them as one
 * save, so the update judged is the learner's whole program), then hands what happened to check.js.
 */
async function judge(service: ScratchService, check: CheckFunction, files: LessonFiles, timeoutMs: number): Promise<CheckResult> {
  const { engine, lesson } = service;
  service.resume();
  await service.quiet();
  const before = checkResponse(await engine.request(lesson.requests[0]!, 'check'));
  const edited = Object.fromEntries(Object.entries(files).filter(([file, text]) => text !== lesson.starterSources[file]));
  const unchanged = Object.keys(edited).length === 0;
  const next = (engine.version ?? 0) + 1;
  const everyAnswerFails = service.whenEveryAnswerFails(next, EVERY_ANSWER_FAILS_AFTER);
  let update: UpdateRecord | null;
  let failing: VersionAnswers | null = null;
  try {
    let applying: Promise<UpdateRecord | null>;
    if (unchanged) {
      // A save that changes nothing is not a version (design §5), so a save would produce no record to judge.
      applying = engine.applySources(files, 'reload');
    } else {
      await service.quiet();
      applying = waitForRecord(engine, SAVE_TIMEOUT_MS);
      await saveAllInPlace(service.dir, edited);
    }
    const first = await Promise.race([applying.then((record) => ({ record })), everyAnswerFails.failing.then((answers) => ({ answers }))]);
    update = 'record' in first ? first.record : null;
    failing = 'answers' in first ? first.answers : null;
    // The record comes with the new version's first answer, failed or not: while none has passed, the traffic
    // shows in a few ms whether every answer fails.
    if (update?.outcome === 'applied' && update.version === next && service.answers(next).ok === 0) {
      failing = await Promise.race([everyAnswerFails.failing, service.whenAnswered(next).then(() => null)]);
    }
  } finally {
    everyAnswerFails.cancel();
  }
  if (failing) {
    const step: CheckStep = {
      title: ANSWERS,
      ok: false,
      detail: {
        en: `v${next} is serving, and all ${failing.failed} answers it gave failed, e.g. ${failing.firstFailure ?? '?'}`,
        zh: `v${next} 在服务，但它给出的 ${failing.failed} 个回答全部失败，例如 ${failing.firstFailure ?? '?'}`,
      },
    };
    return { lesson: lesson.id, passed: false, steps: [step] };
  }
  if (!update) return failed(lesson, `your ${Object.keys(edited).join(', ')} ${Object.keys(edited).length === 1 ? 'was' : 'were'} saved over the starter, but no update came within ${SAVE_TIMEOUT_MS / 1000} s`);

  const handle = createCheckLab({ service, files, unchanged, update, before });
  try {
    await withTimeout(Promise.resolve().then(() => check(handle.lab)), timeoutMs);
  } catch (error) {
    handle.steps.push({ title: CHECK_RAN, ok: false, detail: describeError(error) });
  } finally {
    handle.close();
  }
  const steps = handle.steps;
  return { lesson: lesson.id, passed: steps.length > 0 && steps.every((s) => s.ok), steps, update };
}

function failed(lesson: Lesson, error: string): CheckResult {
  return { lesson: lesson.id, passed: false, steps: [], error };
}

/**
 * Imports check.js by file URL. A hash of its content in the query makes an edited check.js load afresh in a
 * long-running lab (Node caches ES modules by URL for the life of the process).
 */
async function loadCheck(lesson: Lesson): Promise<CheckFunction> {
  // node:crypto loads on the first check, not with the lab's first frame.
  const { createHash } = process.getBuiltinModule('node:crypto');
  const hash = createHash('sha1').update(await readFile(lesson.checkFile)).digest('hex').slice(0, 12);
  const url = `${pathToFileURL(lesson.checkFile).href}?v=${hash}`;
  const module = (await import(url)) as { check?: unknown };
  if (typeof module.check !== 'function') throw new Error('it does not export a function check(lab)');
  return module.check as CheckFunction;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the check did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
