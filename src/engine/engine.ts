// The engine: one live service, its traffic, its updates. It knows nothing about screens; it publishes a
// snapshot and events, and takes commands. Data flows one way: save → watcher → scheduler → strategy →
// sandbox swap → record → snapshot/events.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { wallNow } from './clock.ts';
import { EngineStore } from './engine-store.ts';
import { describeError, HotlabError, SourceError } from './errors.ts';
import { readServiceFile } from './read-service-file.ts';
import { UpdateScheduler } from './scheduler/update-scheduler.ts';
import type { RuntimeLimits } from './sandbox/isolate-runtime.ts';
import { CommandFailed, type SandboxExit, type SandboxProcess } from './sandbox/sandbox-process.ts';
import type { LoadResult, SandboxStats } from './sandbox/protocol.ts';
import { ServiceHost } from './service-host.ts';
import { codeFrame } from './source/code-frame.ts';
import { compileModule } from './source/compile-module.ts';
import { strategyNamed } from './strategies/registry.ts';
import type { PreparedVersion, StrategyOutcome } from './strategies/strategy.ts';
import { RequestLog, downtimeBetween, failuresBetween } from './traffic/request-log.ts';
import { TrafficDriver } from './traffic/driver.ts';
import { startHttpServer, type HttpFront } from './traffic/http-server.ts';
import { watchServiceFile, type SaveEvent, type ServiceFileWatcher } from './watch/watch-service-file.ts';
import { causeOf, describeOutcome } from './describe-outcome.ts';
import type {
  CompareRow,
  EngineSnapshot,
  EvalResult,
  LabEngine,
  LogEntry,
  PrintedLine,
  RestartMode,
  RunningScope,
  ServiceRequest,
  ServiceResponse,
  StageTimings,
  StrategyName,
  UpdateRecord,
  UpdateTrigger,
} from './types.ts';

export interface EngineOptions {
  /** The learner's service file. Its folder is the workspace; state and artifacts go in `.hotlab/` there. */
  file: string;
  /** @default 'file-watch' */
  strategy?: StrategyName;
  /** @default 'graceful' */
  restart?: RestartMode;
  limits?: Partial<RuntimeLimits>;
  traffic?: { rate?: number; requests?: ServiceRequest[] };
  /** Serve HTTP too. @default false */
  http?: { port: number; host: string } | false;
  /** Watch the file for saves. @default true */
  watch?: boolean | { polling: boolean };
  /** Start from this source instead of reading the file (compare and bench run scratch engines). */
  source?: string;
  /** Where artifacts go. @default `<workspace>/.hotlab` */
  stateDir?: string;
}

export interface EngineEvents {
  ready: [{ version: number | null; port: number | null; strategy: StrategyName; url: string | null }];
  update: [UpdateRecord];
  rejected: [UpdateRecord];
  /** A save went back to the running version's code: the standing rejection is cleared. */
  reverted: [{ version: number; at: number }];
  log: [LogEntry];
}

export const DEFAULT_LIMITS: RuntimeLimits = { memoryLimitMb: 64, callTimeoutMs: 100, initTimeoutMs: 1000 };
const DEFAULT_REQUEST: ServiceRequest = { method: 'GET', path: '/ping', query: {}, headers: {}, body: '' };
/** How long an applied update waits for its first response before giving up on measuring it. */
const FIRST_RESPONSE_TIMEOUT_MS = 3000;
/** Compiles of the first version at start-up, enough for V8 to optimise the parser (measured: ~30). */
const WARM_UP_COMPILES = 30;
/** How often the status line's heap figure is refreshed. */
const STATS_INTERVAL_MS = 2000;

type Job =
  | { trigger: 'save'; source: string; origin: number; eventAt: number; readMs: number; queuedAt: number }
  | { trigger: Exclude<UpdateTrigger, 'save'>; source: string; origin: number; queuedAt: number; label?: string; target?: number };
/** A job as the scheduler holds it: stamped with the program it was meant for (see restartProgram). */
type ProgramJob = Job & { program: number };

/** What a new program runs under (restartProgram). */
export interface ProgramOptions {
  strategy: StrategyName;
  /** @default 'graceful' */
  restart?: RestartMode;
  /** The traffic (and the probe every new version is test-run with). @default the current requests */
  requests?: ServiceRequest[];
}

export class Engine extends EventEmitter<EngineEvents> implements LabEngine {
  readonly file: string;
  readonly workspace: string;
  readonly stateDir: string;
  readonly #options: EngineOptions;
  readonly #limits: RuntimeLimits;
  readonly #store: EngineStore;
  readonly #host: ServiceHost;
  readonly #driver: TrafficDriver;
  #log = new RequestLog();
  readonly #scheduler: UpdateScheduler<ProgramJob>;
  #verifier: SandboxProcess | null = null;
  #watcher: ServiceFileWatcher | null = null;
  #http: HttpFront | null = null;
  /** Applied versions, oldest first; the last one is running (unless a cold restart left us down). */
  #history: PreparedVersion[] = [];
  #running: PreparedVersion | null = null;
  #lastRejectedSource: string | null = null;
  /** The version whose code the running one restored, when it came from a rollback (rollback walks on from it). */
  #restoredVersion: number | null = null;
  #nextVersion = 1;
  #nextRecordId = 1;
  #nextEvalId = 1;
  /** Lines printed by evaluations in flight, by their tag. */
  #printing = new Map<string, { lines: PrintedLine[]; done: () => void }>();
  #firstResponseWaiters = new Map<number, Array<(at: number) => void>>();
  #stopped = false;
  /** start() has finished setting up (HTTP, watcher): from then on the first version starts the traffic. */
  #started = false;
  #trafficOn = false;
  /** Which program runs: restartProgram starts a new one; jobs and responses of an older one are dropped. */
  #program = 0;
  /** Closed while restartProgram replaces the program: updates wait here, then see whether they still apply. */
  #gate: Promise<void> | null = null;
  /** The update running now, past the gate. */
  #inFlight: Promise<void> | null = null;
  #statsTimer: NodeJS.Timeout | null = null;
  #requests: ServiceRequest[];

  constructor(options: EngineOptions) {
    super();
    this.#options = options;
    this.file = resolve(options.file);
    this.workspace = dirname(this.file);
    this.stateDir = options.stateDir ?? join(this.workspace, '.hotlab');
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    const rate = options.traffic?.rate ?? 100;
    this.#store = new EngineStore({
      file: this.file,
      workspace: this.workspace,
      strategy: options.strategy ?? 'file-watch',
      restart: options.restart ?? 'graceful',
      version: null,
      scope: null,
      sandbox: { state: 'starting', pid: null, heapUsed: null, restarts: 0 },
      retainedVersions: 0,
      httpUrl: null,
      trafficRate: rate,
      requests: [],
      served: 0,
      failed: 0,
      rejection: null,
      reverted: null,
      problem: null,
    });
    this.#host = new ServiceHost(this.#limits, {
      log: (entry) => this.#onServiceLog(entry),
      crash: (exit) => void this.#recoverFromCrash(exit),
    });
    this.#requests = options.traffic?.requests?.length ? options.traffic.requests : [DEFAULT_REQUEST];
    this.#store.set({ requests: this.#requests });
    this.#driver = new TrafficDriver((req) => this.request(req, 'driver'), { rate, requests: this.#requests });
    this.#driver.onError = (error) =>
      this.#addLog({ at: wallNow(), level: 'error', source: 'engine', message: `a driver request failed inside hotlab: ${describeError(error)}` });
    this.#scheduler = new UpdateScheduler<ProgramJob>((job, token) => this.#runForProgram(job, token.isStale), {
      onError: (error) => this.#addLog({ at: wallNow(), level: 'error', source: 'engine', message: `update failed inside hotlab: ${describeError(error)}` }),
    });
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Boot the first version, then start HTTP, watching and traffic. When the learner's file cannot run, the engine
   * still starts, with no version: the refusal is a rejected record (and event) with its location and code frame,
   * requests get 503, and the first good save boots v1 (as nodemon and Vite wait for a fix). A scratch engine
   * given `source` has no one to save a fix, so there a first version that cannot run is an error.
   */
  async start(): Promise<this> {
    const first = await this.#bootProgram();
    if (!first && this.#options.source !== undefined) {
      const refused = this.#store.base.rejection;
      await this.stop();
      throw new HotlabError(`the first version cannot run: ${refused?.reason ?? 'it was refused'}`);
    }
    try {
      if (this.#options.http) {
        this.#http = await startHttpServer((req) => this.request(req, 'http'), this.#options.http);
        this.#store.set({ httpUrl: this.#http.url });
      }
      const watch = this.#options.watch ?? true;
      if (watch) {
        this.#watcher = await watchServiceFile(this.file, { polling: typeof watch === 'object' && watch.polling }, (event) => this.#onSave(event));
        // A save between our first read and the watcher being ready raised no event: look once more.
        await this.#catchUpWithFile();
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    if (first) await this.#warmUp(first);
    this.#started = true;
    // Traffic starts with the first version: a program that never ran has nothing to measure yet.
    if (this.#running) this.#startTraffic();
    this.#statsTimer = setInterval(() => void this.#refreshStats(), STATS_INTERVAL_MS);
    this.#statsTimer.unref();
    this.emit('ready', { version: this.version, port: this.#http?.port ?? null, strategy: this.strategy, url: this.#http?.url ?? null });
    void this.#refreshStats();
    return this;
  }

  /**
   * Boot the file (or `options.source`) as v1 of a program that has nothing running. Returns the version, or
   * null when it cannot run: then the refusal stands as a rejected record and the sandbox waits for a save.
   */
  async #bootProgram(): Promise<PreparedVersion | null> {
    const startedAt = wallNow();
    let source: string;
    try {
      source = this.#options.source ?? (await readServiceFile(this.file));
    } catch (error) {
      // At start a missing file is the caller's mistake; for a new program in a running lab it is a refusal.
      if (!this.#started || !(error instanceof HotlabError)) throw error;
      const job: Job = { trigger: 'start', source: '', origin: startedAt, queuedAt: startedAt };
      this.#reject(job, { kind: 'rejected', reason: error.message, timings: {} }, {}, null, startedAt);
      return null;
    }
    const job: Job = { trigger: 'start', source, origin: startedAt, queuedAt: startedAt };
    let first: PreparedVersion;
    try {
      first = this.#prepare(source);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      this.#reject(job, { kind: 'rejected', reason: error.message, location: error.location, failure: 'syntax', timings: {} }, {}, null, startedAt);
      return null;
    }
    if (!this.#verifier?.alive) this.#verifier = this.#host.spawn();
    const outcome = await this.#boot(first);
    if (outcome.kind !== 'applied') {
      if (outcome.kind === 'rejected') this.#reject(job, { ...outcome, serviceDown: false }, outcome.timings, null, startedAt);
      return null;
    }
    this.#accept(first);
    return first;
  }

  #startTraffic(): void {
    if (this.#trafficOn || this.#stopped) return;
    this.#trafficOn = true;
    this.#driver.start();
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#driver.stop();
    if (this.#statsTimer) clearInterval(this.#statsTimer);
    await this.#watcher?.close();
    await this.#http?.close();
    await this.#host.stopAll();
    this.#store.set({ sandbox: { ...this.#store.base.sandbox, state: 'stopped', pid: null } });
    this.#store.close();
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────────────────────

  get strategy(): StrategyName {
    return this.#store.base.strategy;
  }

  get version(): number | null {
    return this.#store.base.version;
  }

  get updates(): readonly UpdateRecord[] {
    return this.#store.updates;
  }

  /** The source of the version serving now. */
  get runningSource(): string | null {
    return this.#running?.shape.source ?? null;
  }

  /** Sources of the applied versions, oldest first (compare replays the last edit from them). */
  get appliedSources(): string[] {
    return this.#history.map((v) => v.shape.source);
  }

  getSnapshot = (): EngineSnapshot => this.#store.getSnapshot();
  subscribe = (listener: () => void): (() => void) => this.#store.subscribe(listener);

  /** Resolves when no update is running or queued. */
  idle(): Promise<void> {
    return this.#scheduler.idle();
  }

  // ── traffic ────────────────────────────────────────────────────────────────────────────────────────────

  async request(req: ServiceRequest, origin: 'driver' | 'http' | 'check' | 'repl' = 'check'): Promise<ServiceResponse> {
    const started = wallNow();
    const program = this.#program;
    const response = await this.#host.request(req);
    // An answer from a program that has since been replaced belongs to no feed the learner now reads.
    if (program !== this.#program) return response;
    const at = wallNow();
    this.#log.push({ at, ok: !response.failed, version: response.version });
    this.#store.addFeed({
      at,
      method: req.method,
      path: req.path,
      query: req.query,
      status: response.status,
      headers: response.headers,
      body: response.failed ? (response.error ?? response.body) : response.body,
      version: response.version,
      failed: response.failed,
      latencyMs: at - started,
      origin,
    });
    if (!response.failed && response.version !== null) this.#notifyFirstResponse(response.version, at);
    return response;
  }

  /** What the driver sends (a lesson's routes); also the probe request a new version is test-run with. */
  setTrafficRequests(requests: ServiceRequest[]): void {
    if (requests.length === 0) return;
    this.#requests = requests;
    this.#driver.setRequests(requests);
    this.#store.set({ requests });
  }

  // ── commands ───────────────────────────────────────────────────────────────────────────────────────────

  async setStrategy(strategy: StrategyName, restart?: RestartMode): Promise<UpdateRecord | null> {
    strategyNamed(strategy); // throws a clear error for an unknown name
    this.#store.set({ strategy, restart: restart ?? this.#store.base.restart });
    return this.#enqueueCurrent('strategy');
  }

  reload(): Promise<UpdateRecord | null> {
    return this.#enqueueCurrent('reload');
  }

  /**
   * Apply an earlier good version's code again (as a new version number, like a git revert). Pressed again, it
   * keeps walking back (v4 → v3's code → v2's code), skipping versions whose code is the running code. While a
   * failed cold build has left the service down, it brings back the last version that ran: the learner's last
   * good work, not the one before it.
   */
  async rollback(): Promise<UpdateRecord | null> {
    const previous = this.#rollbackTarget();
    if (!previous) return null;
    return this.#enqueueAndWait({ trigger: 'rollback', source: previous.shape.source, origin: wallNow(), queuedAt: wallNow(), label: `v${previous.version}`, target: previous.version });
  }

  #rollbackTarget(): PreparedVersion | undefined {
    const running = this.#running;
    if (!running) return this.#history.at(-1);
    // Walk back from the version the running one restored (a rollback) or from the running one itself.
    const from = this.#history.findIndex((v) => v.version === (this.#restoredVersion ?? running.version));
    for (let i = (from === -1 ? this.#history.length - 1 : from) - 1; i >= 0; i--) {
      const candidate = this.#history[i]!;
      if (candidate.shape.source !== running.shape.source) return candidate;
    }
    return undefined;
  }

  /** Apply new source as if it had been saved (compare, bench and tests drive scratch engines this way). */
  applySource(source: string, trigger: Exclude<UpdateTrigger, 'save'> = 'reload'): Promise<UpdateRecord | null> {
    return this.#enqueueAndWait({ trigger, source, origin: wallNow(), queuedAt: wallNow() });
  }

  /**
   * Evaluate in the live version. What the expression prints with `console.*` comes back in `printed` (for the
   * REPL to show under it) instead of going to the service's logs: during the (synchronous) evaluation the
   * sandbox's console is swapped for one that tags its lines, and a last tagged line marks the end. The
   * sandbox delivers console lines after the reply, so the reply waits for that end (briefly: a line dropped by
   * the sandbox's log rate limit, or an evaluation killed at its time limit, never sends it).
   */
  async evaluate(expression: string): Promise<EvalResult> {
    const mark = `${REPL_MARK}${this.#nextEvalId++}${REPL_MARK}`;
    let done = (): void => {};
    const ended = new Promise<void>((resolveEnd) => (done = resolveEnd));
    const printed: PrintedLine[] = [];
    this.#printing.set(mark, { lines: printed, done });
    try {
      const result = await this.#ask({ op: 'eval', expression: capturingConsole(expression, mark) });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise<void>((resolveLate) => (timer = setTimeout(resolveLate, PRINTED_WAIT_MS)))]);
      clearTimeout(timer);
      return printed.length > 0 ? { ...result, printed } : result;
    } finally {
      this.#printing.delete(mark);
    }
  }

  async setValue(name: string, valueExpression: string): Promise<EvalResult> {
    const binding = this.#running?.shape.topLevel.find((item) => item.kind === 'binding' && item.names.includes(name));
    if (!binding || binding.kind !== 'binding') {
      const known = this.#running?.shape.topLevel.flatMap((i) => (i.kind === 'binding' ? i.names : [])) ?? [];
      return { ok: false, error: `no top-level variable named ${name}${known.length ? ` (there is ${known.join(', ')})` : ''}` };
    }
    if (binding.declaration === 'const' || binding.declaration === 'class') {
      return { ok: false, error: `${name} is a ${binding.declaration}: like an unexported Go field, it cannot be set (CanSet() == false)` };
    }
    return this.#ask({ op: 'set', name, valueExpression });
  }

  /** Drop every retained old version (plugin-swap): what Go's plugin package cannot do. */
  async unloadRetained(): Promise<number> {
    const active = this.#host.active;
    if (!active) return 0;
    const count = await active.send<number>({ op: 'unload' });
    await this.#refreshStats();
    return count;
  }

  /**
   * Start a new program: what opening, resetting or going back to a lesson does. Unlike an update, nothing of
   * the running program carries over: its processes stop (no hot.data, no migrate, no `:set` value survives),
   * and its versions, updates, feed, logs, counters and any standing rejection are cleared. The file as it is
   * now boots as v1 under `strategy` (or, when it cannot run, the refusal stands and the first good save starts
   * v1, as at start). An update still running finishes first; saves and commands meant for the old program are
   * dropped, and a save made meanwhile is caught up with once the new program runs.
   */
  async restartProgram(options: ProgramOptions): Promise<{ version: number | null; rejection: UpdateRecord | null }> {
    if (this.#stopped) throw new HotlabError('the engine is stopped: it cannot start a new program');
    strategyNamed(options.strategy); // throws a clear error for an unknown name
    this.#program++;
    const earlier = this.#gate;
    let open = (): void => {};
    const gate = new Promise<void>((resolveGate) => (open = resolveGate));
    this.#gate = gate;
    try {
      await earlier;
      await this.#inFlight?.catch(() => undefined);
      this.#driver.stop();
      this.#trafficOn = false;
      await this.#host.stopAll();
      this.#verifier = null;
      this.#resetProgram(options);
      const first = await this.#bootProgram();
      if (first) await this.#warmUp(first);
      if (this.#running && this.#started) this.#startTraffic();
    } finally {
      if (this.#gate === gate) this.#gate = null;
      open();
    }
    if (this.#options.watch ?? true) await this.#catchUpWithFile();
    void this.#refreshStats();
    return { version: this.version, rejection: this.#store.base.rejection };
  }

  compare(onRow?: (row: CompareRow) => void): Promise<CompareRow[]> {
    return import('./compare.ts').then(({ compareStrategies }) => compareStrategies(this, onRow));
  }

  /** Options a scratch engine copies (compare). */
  get options(): Readonly<EngineOptions> {
    return this.#options;
  }

  // ── updates ────────────────────────────────────────────────────────────────────────────────────────────

  #onSave(event: SaveEvent): void {
    // A new program is starting: it boots the file as it is then, and catches up with any later save itself.
    if (this.#gate) return;
    if (event.kind === 'deleted') {
      const version = this.#store.base.version;
      this.#store.set({ problem: `${basename(this.file)} was deleted; v${version ?? '?'} keeps serving. Restore the file to continue.` });
      this.#addLog({ at: event.eventAt, level: 'warn', source: 'engine', message: `${basename(this.file)} was deleted: v${version ?? '?'} keeps serving` });
      return;
    }
    // A save whose content equals the running version's is not a new version (duplicate events, touch).
    if (event.content === this.#running?.shape.source || event.content === this.#lastRejectedSource) {
      if (this.#store.base.problem?.includes('was deleted')) this.#store.set({ problem: null });
      if (event.content === this.#running?.shape.source) this.#backToRunningCode(event.eventAt);
      return;
    }
    this.#submit({ trigger: 'save', source: event.content, origin: event.mtimeMs, eventAt: event.eventAt, readMs: event.readMs, queuedAt: wallNow() });
  }

  /**
   * The file holds the running version's code again (the learner undid a bad edit): the rejection no longer
   * stands. Not a new version, as any save equal to the running code; but the screen and the lesson hear of it.
   */
  #backToRunningCode(at: number): void {
    const running = this.#running;
    if (!running || !this.#store.base.rejection) return;
    this.#lastRejectedSource = null;
    const reverted = { version: running.version, at };
    this.#store.set({ rejection: null, reverted });
    this.emit('reverted', reverted);
  }

  #submit(job: Job): void {
    this.#scheduler.submit({ ...job, program: this.#program });
  }

  /** Runs a job once no new program is being started, and only if it was meant for the program that runs. */
  async #runForProgram(job: ProgramJob, isStale: () => boolean): Promise<void> {
    while (this.#gate) await this.#gate;
    if (this.#stopped || job.program !== this.#program) return;
    // A save that reached the new program's gate may hold exactly what it booted (or already refused).
    if (job.trigger === 'save' && (job.source === this.#running?.shape.source || job.source === this.#lastRejectedSource)) return;
    const run = this.#runUpdate(job, isStale);
    this.#inFlight = run;
    try {
      await run;
    } finally {
      if (this.#inFlight === run) this.#inFlight = null;
    }
  }

  /** Forget everything of the program that ran; the next boot is v1 of a new one. */
  #resetProgram({ strategy, restart, requests }: ProgramOptions): void {
    this.#history = [];
    this.#running = null;
    this.#lastRejectedSource = null;
    this.#restoredVersion = null;
    this.#nextVersion = 1;
    this.#firstResponseWaiters.clear();
    this.#log = new RequestLog();
    if (requests?.length) this.setTrafficRequests(requests);
    this.#store.resetProgram({
      strategy,
      restart: restart ?? 'graceful',
      version: null,
      scope: null,
      sandbox: { state: 'starting', pid: null, heapUsed: null, restarts: 0 },
      retainedVersions: 0,
      served: 0,
      failed: 0,
      rejection: null,
      reverted: null,
      problem: null,
    });
  }

  async #catchUpWithFile(): Promise<void> {
    const started = wallNow();
    const content = await readFile(this.file, 'utf8').catch(() => null);
    if (content !== null && content !== this.#running?.shape.source) {
      this.#onSave({ kind: 'change', file: this.file, content, mtimeMs: started, eventAt: started, readMs: wallNow() - started });
    }
  }

  async #enqueueCurrent(trigger: 'strategy' | 'reload'): Promise<UpdateRecord | null> {
    // The file as it is now, not the cached running source: a save still queued must not be replaced by
    // an older text (the scheduler keeps only the newest job). Scratch engines have no file to read.
    const onDisk = this.#options.source === undefined ? await readFile(this.file, 'utf8').catch(() => null) : null;
    const source = onDisk || (this.#running?.shape.source ?? this.#history.at(-1)?.shape.source);
    if (source === undefined) return Promise.resolve(null);
    return this.#enqueueAndWait({ trigger, source, origin: wallNow(), queuedAt: wallNow() });
  }

  #enqueueAndWait(job: Job): Promise<UpdateRecord | null> {
    const before = this.#nextRecordId;
    this.#submit(job);
    return this.#scheduler.idle().then(() => {
      const records = this.#store.updates;
      const last = records.at(-1);
      return last && last.id >= before ? last : null;
    });
  }

  #prepare(source: string): PreparedVersion {
    const shape = compileModule(source, basename(this.file));
    return { version: this.#nextVersion, shape, module: { code: shape.code, file: shape.file, exports: shape.exports } };
  }

  /** First version (or a restart after a crash): a fresh serving process with nothing to take over. */
  async #boot(version: PreparedVersion): Promise<StrategyOutcome> {
    this.#store.set({ sandbox: { ...this.#store.base.sandbox, state: 'starting' } });
    if (this.strategy === 'binary-replace') {
      return strategyNamed('binary-replace').apply(this.#context(version, () => false));
    }
    const child = this.#host.spawn();
    try {
      await child.ready;
      const result = await child.send<LoadResult>({ op: 'load', version: version.version, module: version.module, handover: 'none', retainPrevious: false });
      this.#host.switchTo(child);
      return { kind: 'applied', timings: result.timings, stateKept: false, heapBefore: result.heapBefore, heapAfter: result.heapAfter, retainedVersions: 0, retainedHeap: 0, notes: [] };
    } catch (error) {
      child.kill();
      if (error instanceof CommandFailed) return { kind: 'rejected', reason: error.failure.message, location: error.failure.location, failure: error.failure.kind, timings: {} };
      throw error;
    }
  }

  async #runUpdate(job: Job, isStale: () => boolean): Promise<void> {
    if (this.#stopped) return;
    const startedAt = wallNow();
    const timings: StageTimings = {};
    if (job.trigger === 'save') {
      timings.detect = Math.max(0, job.eventAt - job.origin);
      timings.read = job.readMs;
    }
    timings.debounce = Math.max(0, startedAt - job.queuedAt);
    const previous = this.#running;
    const strategyName = this.strategy;
    const restart = this.#store.base.restart;

    let next: PreparedVersion;
    const compileStart = performance.now();
    try {
      next = this.#prepare(job.source);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      timings.compile = performance.now() - compileStart;
      this.#reject(job, { kind: 'rejected', reason: error.message, location: error.location, failure: 'syntax', timings: {} }, timings, previous, startedAt);
      return;
    }
    const hostCompile = performance.now() - compileStart;
    let outcome: StrategyOutcome;
    if (!previous && strategyName !== 'binary-replace') {
      // Nothing is running (a cold restart failed earlier): booting fresh is the only honest option.
      outcome = await this.#boot(next);
    } else {
      outcome = await strategyNamed(strategyName).apply(this.#context(next, isStale));
    }
    if (outcome.kind === 'superseded') return;
    const merged: StageTimings = { ...timings, ...outcome.timings, compile: hostCompile + (outcome.timings.compile ?? 0) };
    if (outcome.kind === 'rejected') {
      this.#reject(job, outcome, merged, previous, startedAt);
      return;
    }
    const swappedAt = wallNow();
    this.#accept(next);
    this.#restoredVersion = job.trigger === 'rollback' && 'target' in job ? (job.target ?? null) : null;
    if (this.#started) this.#startTraffic();
    this.#driver.kick();
    const firstAt = await this.#waitFirstResponse(next.version);
    if (firstAt !== null) merged.firstResponse = Math.max(0, firstAt - swappedAt);
    const end = firstAt ?? wallNow();
    const record: UpdateRecord = {
      id: this.#nextRecordId++,
      version: next.version,
      previousVersion: previous?.version ?? null,
      strategy: strategyName,
      restart: strategyName === 'binary-replace' ? restart : undefined,
      trigger: job.trigger,
      outcome: 'applied',
      timings: merged,
      total: firstAt !== null ? firstAt - job.origin : undefined,
      ...this.#traffic(job.origin, end),
      stateKept: outcome.stateKept,
      heapBefore: outcome.heapBefore,
      heapAfter: outcome.heapAfter,
      retainedVersions: outcome.retainedVersions,
      retainedHeap: outcome.retainedHeap,
      notes: [...(job.trigger === 'rollback' && 'label' in job && job.label ? [`rolled back to ${job.label}'s code`] : []), ...outcome.notes],
      startedAt,
      firstResponseAt: firstAt ?? undefined,
    };
    this.#store.set({ problem: null, rejection: null, reverted: null, retainedVersions: outcome.retainedVersions });
    this.#store.addUpdate(record);
    this.emit('update', record);
    void this.#refreshStats();
  }

  #accept(version: PreparedVersion): void {
    this.#nextVersion = version.version + 1;
    this.#running = version;
    this.#history.push(version);
    if (this.#history.length > 50) this.#history.shift();
    this.#lastRejectedSource = null;
    const active = this.#host.active;
    this.#store.set({ version: version.version, scope: scopeOf(version), sandbox: { ...this.#store.base.sandbox, state: 'ready', pid: active?.pid ?? null } });
  }

  #reject(job: Job, outcome: Extract<StrategyOutcome, { kind: 'rejected' }>, timings: StageTimings, previous: PreparedVersion | null, startedAt: number): void {
    const end = wallNow();
    if (outcome.serviceDown) this.#running = null;
    // The watcher and the start-up catch-up must not try the same refused text again; a reload does.
    if (job.trigger === 'save' || job.trigger === 'start') this.#lastRejectedSource = job.source;
    const serving = outcome.serviceDown ? null : (this.#running?.version ?? null);
    const reason = describeOutcome(outcome, { serving, previous: previous?.version ?? null, everRan: this.#history.length > 0 });
    // The frame quotes the refused source, so only for a location in it (not a probe's or the runtime's own).
    const frame = outcome.location && outcome.location.file === basename(this.file) ? codeFrame(job.source, outcome.location) : undefined;
    const record: UpdateRecord = {
      id: this.#nextRecordId++,
      version: serving,
      previousVersion: previous?.version ?? null,
      strategy: this.strategy,
      restart: this.strategy === 'binary-replace' ? this.#store.base.restart : undefined,
      trigger: job.trigger,
      outcome: 'rejected',
      reason,
      cause: causeOf(outcome),
      location: outcome.location,
      ...(frame ? { frame } : {}),
      timings,
      ...this.#traffic(job.origin, end),
      stateKept: serving !== null,
      retainedVersions: this.#store.base.retainedVersions,
      notes: [],
      startedAt,
    };
    const nothingRan = serving === null && this.#history.length === 0;
    this.#store.set({
      rejection: record,
      reverted: null,
      ...(outcome.serviceDown ? { version: null, scope: null, sandbox: { ...this.#store.base.sandbox, state: 'down' as const, pid: null } } : {}),
      ...(nothingRan ? { version: null, scope: null, sandbox: { ...this.#store.base.sandbox, state: 'waiting' as const, pid: null } } : {}),
    });
    // A refusal is its record (and event), not a log line: logs are what the program and the engine said.
    this.#store.addUpdate(record);
    this.emit('rejected', record);
  }

  #context(next: PreparedVersion, isStale: () => boolean) {
    return {
      host: this.#host,
      running: this.#running,
      next,
      restart: this.#store.base.restart,
      stateDir: this.stateDir,
      isStale,
      verify: (module: PreparedVersion['module']) => this.#verify(module),
    };
  }

  async #verify(module: PreparedVersion['module']): Promise<void> {
    if (!this.#verifier?.alive) this.#verifier = this.#host.spawn();
    const verifier = this.#verifier;
    await verifier.ready;
    try {
      await verifier.send({ op: 'verify', module, probe: JSON.stringify(this.#probeRequest()) });
    } catch (error) {
      if (error instanceof CommandFailed && (error.failure.kind === 'crash' || error.failure.kind === 'memory')) {
        // The test-run took its sandbox down (a memory bomb): say so; a fresh verifier starts next time.
        throw new CommandFailed({ ...error.failure, message: `the new version crashed its test run: ${error.failure.message}` });
      }
      throw error;
    }
  }

  /**
   * Run the update path once before the first save, off the clock: a cold JIT makes the first compile take
   * ~5 ms instead of ~0.4 ms, and the verifier's first test-run pays its own start-up. The learner's first
   * edit should be timed like every later one.
   */
  async #warmUp(first: PreparedVersion): Promise<void> {
    for (let i = 0; i < WARM_UP_COMPILES; i++) compileModule(first.shape.source, first.shape.file);
    try {
      await this.#verify(first.module);
    } catch {
      // v1 already runs in the serving process; a test-run failure here is reported when an update needs it.
    }
  }

  #probeRequest(): ServiceRequest {
    return this.#requests[0] ?? DEFAULT_REQUEST;
  }

  async #recoverFromCrash(exit: SandboxExit): Promise<void> {
    if (this.#stopped) return;
    const last = this.#running;
    const restarts = this.#store.base.sandbox.restarts + 1;
    const message = `the sandbox process died: ${exit.reason}. ${last ? `Restarting on v${last.version}; its state is lost.` : ''}`.trim();
    this.#store.set({ problem: message, sandbox: { state: 'restarting', pid: null, heapUsed: null, restarts } });
    this.#addLog({ at: wallNow(), level: 'error', source: 'engine', message, version: last?.version ?? null });
    if (!last) return;
    const child = this.#host.spawn();
    try {
      await child.ready;
      await child.send<LoadResult>({ op: 'load', version: last.version, module: last.module, handover: 'none', retainPrevious: false });
      if (this.#stopped) return child.kill();
      this.#host.switchTo(child);
      this.#store.set({ sandbox: { state: 'ready', pid: child.pid, heapUsed: null, restarts }, retainedVersions: 0 });
      void this.#refreshStats();
    } catch (error) {
      child.kill();
      this.#store.set({ problem: `${message} The restart failed too: ${describeError(error)}`, sandbox: { state: 'down', pid: null, heapUsed: null, restarts } });
    }
  }

  #waitFirstResponse(version: number): Promise<number | null> {
    return new Promise((resolvePromise) => {
      const timer = setTimeout(() => {
        const list = this.#firstResponseWaiters.get(version);
        if (list) this.#firstResponseWaiters.set(version, list.filter((w) => w !== done));
        resolvePromise(null);
      }, FIRST_RESPONSE_TIMEOUT_MS);
      const done = (at: number): void => {
        clearTimeout(timer);
        resolvePromise(at);
      };
      const list = this.#firstResponseWaiters.get(version) ?? [];
      list.push(done);
      this.#firstResponseWaiters.set(version, list);
    });
  }

  #notifyFirstResponse(version: number, at: number): void {
    const waiters = this.#firstResponseWaiters.get(version);
    if (!waiters) return;
    this.#firstResponseWaiters.delete(version);
    for (const waiter of waiters) waiter(at);
  }

  async #ask(command: { op: 'eval'; expression: string } | { op: 'set'; name: string; valueExpression: string }): Promise<EvalResult> {
    const active = this.#host.active;
    if (!active) return { ok: false, error: 'no version is running' };
    try {
      const text = await active.send<string>(command);
      if (command.op === 'set') this.#addLog({ at: wallNow(), level: 'info', source: 'engine', message: `set ${command.name} = ${text}`, version: this.version });
      return { ok: true, text };
    } catch (error) {
      if (error instanceof CommandFailed) return { ok: false, error: error.failure.message, location: error.failure.location };
      throw error;
    }
  }

  async #refreshStats(): Promise<void> {
    const active = this.#host.active;
    if (!active) return;
    try {
      const stats = await active.send<SandboxStats>({ op: 'stats' });
      const { sandbox, retainedVersions } = this.#store.base;
      // The heap drifts by a few bytes between reads; publishing each drift would redraw an idle screen every
      // second. Changes under 2% (or 16 KB) are not news.
      const heapMoved = sandbox.heapUsed === null || Math.abs(stats.heapUsed - sandbox.heapUsed) > Math.max(16_384, sandbox.heapUsed * 0.02);
      if (!heapMoved && retainedVersions === stats.retainedVersions && sandbox.pid === active.pid) return;
      this.#store.set({ retainedVersions: stats.retainedVersions, sandbox: { ...sandbox, pid: active.pid, heapUsed: stats.heapUsed } });
    } catch {
      // The process went away between the update and this read; the crash handler reports that.
    }
  }

  /**
   * Failed requests in the window, and the downtime they show: the longest gap between successful responses.
   * With no failure there was no downtime, only the traffic's own spacing (1 ms at 1,000 req/s), so 0.
   */
  #traffic(from: number, to: number): { downtimeMs: number; failedRequests: number } {
    const failedRequests = failuresBetween(this.#log, from, to);
    return { failedRequests, downtimeMs: failedRequests > 0 ? downtimeBetween(this.#log, from, to) : 0 };
  }

  /** A line the service printed: the REPL's when an evaluation tagged it, else the service's log. */
  #onServiceLog(entry: LogEntry): void {
    if (entry.message.startsWith(REPL_MARK)) {
      const end = entry.message.indexOf(REPL_MARK, REPL_MARK.length) + REPL_MARK.length;
      const printing = this.#printing.get(entry.message.slice(0, end));
      const rest = entry.message.slice(end);
      if (rest === REPL_MARK) printing?.done();
      else printing?.lines.push({ level: entry.level, text: rest.replace(/^ /, '') });
      return;
    }
    this.#addLog(entry);
  }

  #addLog(entry: LogEntry): void {
    this.#store.addLog(entry);
    this.emit('log', entry);
  }
}

/** Tags the lines an evaluation prints (an invisible separator around a number; learner code never prints it). */
const REPL_MARK = '\u2063';
/** Longest wait for an evaluation's console lines after its reply (they normally follow within a millisecond). */
const PRINTED_WAIT_MS = 500;

/**
 * The expression, evaluated at the global scope as before (indirect eval sees the module's top-level bindings),
 * with `console` swapped for one that prefixes `mark` to every line while it runs.
 */
function capturingConsole(expression: string, mark: string): string {
  return (
    `(() => { const c = globalThis.console; const t = (f) => (...a) => f.call(c, ${JSON.stringify(mark)}, ...a); ` +
    `globalThis.console = { log: t(c.log), info: t(c.info), warn: t(c.warn), error: t(c.error), debug: t(c.debug) }; ` +
    `try { return (0, eval)(${JSON.stringify(expression)}); } finally { globalThis.console = c; c.log(${JSON.stringify(mark + REPL_MARK)}); } })()`
  );
}

function scopeOf(version: PreparedVersion): RunningScope {
  const scope: RunningScope = { variables: [], constants: [], functions: [], exports: Object.keys(version.shape.exports) };
  for (const item of version.shape.topLevel) {
    if (item.kind === 'function') scope.functions.push(item.name);
    else if (item.kind === 'binding') (item.declaration === 'let' || item.declaration === 'var' ? scope.variables : scope.constants).push(...item.names);
  }
  return scope;
}
