// One update at a time, and the latest save wins: a save that arrives while an update runs waits, replacing
// any save already waiting, and tells the running update it is now stale (as Vite's `isStale` and vitest's
// `restartsCount` do), so it can stop before switching the service to code that is already out of date.
//
// But not forever: an update that takes a second (graceful binary-replace starts a process) under saves every
// 100–200 ms was overtaken every time, and nothing applied until the saves stopped (issue 12, point 10). Once
// updates have been overtaken for `maxStalenessMs`, the one running is no longer stale: it applies, and the
// newest save follows it.

/** What a running job can ask about the jobs submitted after it. */
export interface UpdateToken<Job> {
  /** True once a newer job has been submitted: the running one should not publish its result. */
  isStale(): boolean;
  /** The newest job submitted after this one, or null while it is still the latest. */
  supersededBy(): Job | null;
}

/** Runs one job. It may throw: the error goes to `onError` and the scheduler carries on. */
export type UpdateRun<Job> = (job: Job, token: UpdateToken<Job>) => Promise<void>;

export interface UpdateSchedulerOptions<Job = unknown> {
  /** Hears a run that threw or rejected. Without it such errors are dropped and the next job still runs. */
  onError?(error: unknown): void;
  /** How long updates may keep being overtaken before the running one applies anyway. @default 2000 */
  maxStalenessMs?: number;
  /** The clock, in ms. @default performance.now */
  now?(): number;
  /** Which replaced jobs `takeSkipped()` counts (the engine says "saves superseded", so saves only). @default every job */
  counts?(job: Job): boolean;
}

interface Running<Job> {
  /** Boxed so a job that is itself `null` or `undefined` still reads as "superseded". */
  newer: { job: Job } | null;
  /** Was told it is not stale although a newer job waits (the overtaking went on too long). */
  forced: boolean;
}

/** Serialises updates: at most one runs, at most one (the latest) waits. */
export class UpdateScheduler<Job> {
  readonly #run: UpdateRun<Job>;
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #maxStalenessMs: number;
  readonly #now: () => number;
  readonly #counts: (job: Job) => boolean;
  #running: Running<Job> | null = null;
  #pending: { job: Job } | null = null;
  #idleWaiters: Array<() => void> = [];
  /** Since when updates have been overtaken without one applying; null while the latest one runs or ran. */
  #overtakenSince: number | null = null;
  #skipped = 0;

  constructor(run: UpdateRun<Job>, options: UpdateSchedulerOptions<Job> = {}) {
    this.#run = run;
    this.#onError = options.onError;
    this.#maxStalenessMs = options.maxStalenessMs ?? 2000;
    this.#now = options.now ?? (() => performance.now());
    this.#counts = options.counts ?? (() => true);
  }

  /** Runs `job` now if idle (synchronously up to its first await); otherwise it replaces the waiting job. */
  submit(job: Job): void {
    if (this.#running) {
      if (this.#pending && this.#counts(this.#pending.job)) this.#skipped++;
      this.#pending = { job };
      this.#running.newer = { job };
      this.#overtakenSince ??= this.#now();
      return;
    }
    void this.#loop(job);
  }

  /** How many waiting jobs were replaced by a newer one before they ran, since the last call. */
  takeSkipped(): number {
    const skipped = this.#skipped;
    this.#skipped = 0;
    return skipped;
  }

  /** True while a job runs or waits. */
  get busy(): boolean {
    return this.#running !== null;
  }

  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #loop(first: Job): Promise<void> {
    let next: { job: Job } | null = { job: first };
    while (next) {
      const running: Running<Job> = { newer: null, forced: false };
      this.#running = running;
      const token: UpdateToken<Job> = {
        isStale: () => {
          if (running.newer === null) return false;
          if (this.#overtakenSince !== null && this.#now() - this.#overtakenSince >= this.#maxStalenessMs) {
            running.forced = true;
            return false;
          }
          return true;
        },
        supersededBy: () => running.newer?.job ?? null,
      };
      try {
        await this.#run(next.job, token);
      } catch (error) {
        this.#report(error);
      }
      // The latest job ran, or one was let through: the overtaking is over.
      if (running.newer === null || running.forced) this.#overtakenSince = null;
      // From here to the end of the loop nothing awaits, so a submit either landed in #pending above (while
      // #running was still set) or comes after #running is cleared and starts a loop of its own: none is lost.
      next = this.#pending;
      this.#pending = null;
    }
    this.#running = null;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  #report(error: unknown): void {
    try {
      this.#onError?.(error);
    } catch (reportError) {
      // A throwing error handler must not stop the updates either; surface it where it cannot be missed.
      queueMicrotask(() => {
        throw new AggregateError([reportError, error], 'UpdateScheduler onError threw while reporting a failed run');
      });
    }
  }
}
