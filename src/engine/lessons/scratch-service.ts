// The service a check runs against: a scratch engine booted from a lesson's starter in its own temp folder,
// watching its files (so the learner's file arrives as a real save) and fed by traffic that the check can
// pause. The traffic is driven from here rather than by the engine's own driver so that a check can hold it
// (a quiet window in which counts move only by its own requests) and can see every answer as it comes (so a
// version whose every answer fails is judged at once instead of after the engine's first-response timeout).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Engine } from '../engine.ts';
import { describeError, HotlabError } from '../errors.ts';
import type { RuntimeLimits } from '../sandbox/isolate-runtime.ts';
import { TrafficDriver } from '../traffic/driver.ts';
import type { ServiceRequest, ServiceResponse } from '../types.ts';
import type { Lesson } from './lesson-types.ts';
import { trackScratchFolder, untrackScratchFolder } from './scratch-folders.ts';

export interface ScratchOptions {
  /** Traffic while it flows, requests per second. @default 200 */
  rate?: number;
  /** How long the starter serves traffic after booting, so there is state to keep or lose. @default 150 */
  warmUpMs?: number;
  /** Where the temp folder is made. @default os.tmpdir() */
  tmpRoot?: string;
  limits?: Partial<RuntimeLimits>;
  /**
   * The learner's own service, in the lab: while one of its updates is being timed, this service sends nothing and
   * the check saves nothing, so the figures the learner reads measure their update, not our check beside it.
   */
  yieldTo?: TimedService;
  /** The longest one wait for it (see untilIdle). @default 1000 */
  yieldMaxMs?: number;
}

/** A service whose updates are timed (the lab's engine). */
export interface TimedService {
  readonly updating: boolean;
  idle(): Promise<void>;
}

/** The starter does not run: a bug in the lesson, not in the learner's file. */
export class StarterError extends HotlabError {}

/** How one version has answered so far. */
export interface VersionAnswers {
  ok: number;
  failed: number;
  /** The first failed answer, for the message: `GET /ping → Error: boom (service.js:3:9)`. */
  firstFailure?: string;
}

export class ScratchService {
  readonly lesson: Lesson;
  readonly engine: Engine;
  /** The scratch entry module (`service.js`) the engine watches with the rest of the program. */
  readonly file: string;
  /** The scratch folder: the program's files, as in the learner's workspace. */
  readonly dir: string;
  readonly #driver: TrafficDriver;
  readonly #yieldTo: TimedService | undefined;
  readonly #yieldMaxMs: number;
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #answers = new Map<number, VersionAnswers>();
  readonly #answerListeners = new Set<() => void>();
  #pauses = 0;
  #stopped = false;

  private constructor(lesson: Lesson, dir: string, options: ScratchOptions) {
    this.lesson = lesson;
    this.dir = dir;
    this.file = join(dir, lesson.entry);
    this.engine = new Engine({
      file: this.file,
      stateDir: join(dir, '.hotlab'),
      strategy: lesson.strategy,
      restart: lesson.restart,
      // The engine's own driver stays at 0 (it still sends its one request right after every swap); ours runs.
      traffic: { rate: 0, requests: lesson.requests },
      watch: true,
      http: false,
      background: true,
      ...(options.limits ? { limits: options.limits } : {}),
    });
    this.#driver = new TrafficDriver((req) => this.#send(req), { rate: options.rate ?? 200, requests: lesson.requests });
    this.#yieldTo = options.yieldTo;
    this.#yieldMaxMs = options.yieldMaxMs ?? YIELD_MAX_MS;
  }

  /** Resolves at once, or once the learner's update under way is recorded (see ScratchOptions.yieldTo). */
  quiet(): Promise<void> {
    return untilIdle(this.#yieldTo, this.#yieldMaxMs);
  }

  /** Boots the starter and lets traffic build state, then pauses the traffic until `resume()`. */
  static async boot(lesson: Lesson, options: ScratchOptions = {}): Promise<ScratchService> {
    // Booting spawns two processes: not while the learner's update is being timed.
    await untilIdle(options.yieldTo, options.yieldMaxMs ?? YIELD_MAX_MS);
    const dir = await mkdtemp(join(options.tmpRoot ?? tmpdir(), 'hotlab-check-'));
    trackScratchFolder(dir);
    for (const [file, text] of Object.entries(lesson.starterSources)) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), text);
    }
    const service = new ScratchService(lesson, dir, options);
    try {
      await service.engine.start();
      // The engine starts even when the starter cannot run (it waits for a fix); for a lesson that is a bug.
      if (service.engine.version === null) throw new HotlabError(service.engine.getSnapshot().rejection?.reason ?? 'no version started');
    } catch (error) {
      await service.engine.stop();
      await rm(dir, { recursive: true, force: true });
      untrackScratchFolder(dir);
      throw new StarterError(`the starter of lesson ${lesson.id} does not run (a bug in the lesson): ${describeError(error)}`, { cause: error });
    }
    service.#driver.start();
    await new Promise((resolve) => setTimeout(resolve, options.warmUpMs ?? 150));
    await service.pause();
    return service;
  }

  /** What makes two scratch services interchangeable: the same starter, strategy, traffic and limits. */
  static keyOf(lesson: Lesson, options: ScratchOptions = {}): string {
    const { id, entry, starterSources, strategy, restart, requests } = lesson;
    const { yieldTo: _, ...keyed } = options;
    // node:crypto loads on the first check, not with the lab's first frame.
    const { createHash } = process.getBuiltinModule('node:crypto');
    return createHash('sha1').update(JSON.stringify([id, entry, starterSources, strategy, restart, requests, keyed])).digest('hex');
  }

  /** Requests the service has answered since it started (the traffic, the check's own, the engine's). */
  get served(): number {
    return this.engine.getSnapshot().served;
  }

  /** Holds the traffic (nested calls nest) and resolves once the requests it had sent are answered. */
  async pause(): Promise<void> {
    if (this.#pauses++ === 0) this.#driver.stop();
    await Promise.allSettled([...this.#inFlight]);
  }

  resume(): void {
    if (this.#pauses === 0) return;
    if (--this.#pauses === 0 && !this.#stopped) this.#driver.start();
  }

  /** How `version` has answered the traffic so far. */
  answers(version: number): VersionAnswers {
    return this.#answers.get(version) ?? { ok: 0, failed: 0 };
  }

  /** Resolves once `version` has given an answer that did not fail. */
  whenAnswered(version: number): Promise<void> {
    return new Promise((resolve) => {
      const listener = (): void => {
        if (this.answers(version).ok === 0) return;
        this.#answerListeners.delete(listener);
        resolve();
      };
      this.#answerListeners.add(listener);
      listener();
    });
  }

  /**
   * Resolves with the answers once `version` has failed `count` answers and passed none; never resolves
   * otherwise (race it against what you wait for, and call the returned `cancel` when that wins).
   */
  whenEveryAnswerFails(version: number, count: number): { failing: Promise<VersionAnswers>; cancel: () => void } {
    let listener: () => void = () => {};
    const failing = new Promise<VersionAnswers>((resolve) => {
      listener = () => {
        const seen = this.answers(version);
        if (seen.ok === 0 && seen.failed >= count) {
          this.#answerListeners.delete(listener);
          resolve(seen);
        }
      };
      this.#answerListeners.add(listener);
    });
    return { failing, cancel: () => this.#answerListeners.delete(listener) };
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#driver.stop();
    this.#answerListeners.clear();
    await this.engine.stop();
    await rm(this.dir, { recursive: true, force: true });
    untrackScratchFolder(this.dir);
  }

  #send(req: ServiceRequest): Promise<ServiceResponse> {
    const sent = this.quiet().then(() => this.engine.request(req, 'driver')).then((response) => {
      this.#note(req, response);
      return response;
    });
    this.#inFlight.add(sent);
    void sent.finally(() => this.#inFlight.delete(sent)).catch(() => undefined);
    return sent;
  }

  #note(req: ServiceRequest, response: ServiceResponse): void {
    if (response.version === null) return; // nothing served it (a cold restart's gap): no version's doing
    const seen = this.#answers.get(response.version) ?? { ok: 0, failed: 0 };
    if (response.failed) {
      seen.failed++;
      seen.firstFailure ??= `${req.method} ${req.path} → ${oneLine(response.error ?? response.body)}`;
    } else {
      seen.ok++;
    }
    this.#answers.set(response.version, seen);
    for (const listener of [...this.#answerListeners]) listener();
  }
}

/**
 * Waits while the learner's update runs, for at most YIELD_MAX_MS each time: saves chained back to back keep the
 * engine busy for as long as they come, and a check held that long would time out and be judged a failure.
 */
async function untilIdle(service: TimedService | undefined, maxMs: number): Promise<void> {
  if (!service?.updating) return;
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)));
  try {
    await Promise.race([service.idle(), timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** The longest one wait for the learner's update (an update takes ~10 ms; a graceful restart under load, ~1 s). */
const YIELD_MAX_MS = 1000;

function oneLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
