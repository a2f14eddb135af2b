// The engine: one live service, its traffic, its updates. It knows nothing about screens; it publishes a
// snapshot and events, and takes commands. Data flows one way: save → watcher → scheduler → strategy →
// sandbox swap → record → snapshot/events.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { wallNow } from './clock.ts';
import { EngineStore } from './engine-store.ts';
import { describeError, HotlabError, SourceError } from './errors.ts';
import { neutralise } from './plain-text.ts';
import { readServiceFile } from './read-service-file.ts';
import { UpdateScheduler } from './scheduler/update-scheduler.ts';
import type { RuntimeLimits } from './sandbox/isolate-runtime.ts';
import { CommandFailed, type SandboxExit, type SandboxProcess } from './sandbox/sandbox-process.ts';
import type { Handover, LoadResult, SandboxStats, VerifyResult } from './sandbox/protocol.ts';
import { ServiceHost } from './service-host.ts';
import { locateCrash } from './locate-crash.ts';
import { compileModule } from './source/compile-module.ts';
import type { ModuleShape } from './source/module-shape.ts';
import { strategyNamed } from './strategies/registry.ts';
import type { PreparedVersion, StrategyOutcome } from './strategies/strategy.ts';
import { RequestLog, downtimeBetween, failuresBetween } from './traffic/request-log.ts';
import { TrafficDriver } from './traffic/driver.ts';
import { startHttpServer, type HttpFront } from './traffic/http-server.ts';
import { watchServiceFile, type SaveEvent, type ServiceFileWatcher } from './watch/watch-service-file.ts';
import { describeOutcome } from './describe-outcome.ts';
import type {
  CompareRow,
  EngineSnapshot,
  EvalResult,
  LabEngine,
  LogEntry,
  RestartMode,
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
  log: [LogEntry];
}

export const DEFAULT_LIMITS: RuntimeLimits = { memoryLimitMb: 64, callTimeoutMs: 100, initTimeoutMs: 1000 };
const DEFAULT_REQUEST: ServiceRequest = { method: 'GET', path: '/ping', query: {}, headers: {}, body: '' };
/** How long an applied update waits for its first response before giving up on measuring it. */
const FIRST_RESPONSE_TIMEOUT_MS = 3000;
/** Compiles of the first version at start-up, enough for V8 to optimise the parser (measured: ~30). */
const WARM_UP_COMPILES = 30;
/**
 * ...but no longer than this, and none for a source over 32 KB: the warm-up is for the parser's JIT, which one
 * compile of a large source warms by itself (30 compiles of a 0.5 MB first version kept it from being ready for
 * 10 s — issue 12, point 5).
 */
const WARM_UP_BUDGET_MS = 50;
/**
 * The feed keeps this much of a body: it shows one line of each, and 400 entries of 1 MB answers held 400 MB in
 * the host (issue 12, point 1).
 */
const FEED_BODY_CHARS = 500;
/** What the feed shows of a body: its start, printable (learner text may hold escape sequences — issue 12, point 9). */
const feedText = (body: string): string => neutralise(body.length > FEED_BODY_CHARS ? `${body.slice(0, FEED_BODY_CHARS)}…` : body);
/** How often the status line's heap figure is refreshed. */
const STATS_INTERVAL_MS = 2000;

type Job =
  | { trigger: 'save'; source: string; origin: number; eventAt: number; readMs: number; queuedAt: number }
  | { trigger: Exclude<UpdateTrigger, 'save'>; source: string; origin: number; queuedAt: number; label?: string };

export class Engine extends EventEmitter<EngineEvents> implements LabEngine {
  readonly file: string;
  readonly workspace: string;
  readonly stateDir: string;
  readonly #options: EngineOptions;
  readonly #limits: RuntimeLimits;
  readonly #store: EngineStore;
  readonly #host: ServiceHost;
  readonly #driver: TrafficDriver;
  readonly #log = new RequestLog();
  readonly #scheduler: UpdateScheduler<Job>;
  #verifier: SandboxProcess | null = null;
  #watcher: ServiceFileWatcher | null = null;
  #http: HttpFront | null = null;
  /** Applied versions, oldest first; the last one is running (unless a cold restart left us down). */
  #history: PreparedVersion[] = [];
  #running: PreparedVersion | null = null;
  #lastRejectedSource: string | null = null;
  #nextVersion = 1;
  #nextRecordId = 1;
  #firstResponseWaiters = new Map<number, Array<(at: number) => void>>();
  #stopped = false;
  #statsTimer: NodeJS.Timeout | null = null;
  #requests: ServiceRequest[];
  /** Updates stopped by a newer save since the last applied one. */
  #supersededUpdates = 0;

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
      sandbox: { state: 'starting', pid: null, heapUsed: null, restarts: 0 },
      retainedVersions: 0,
      httpUrl: null,
      trafficRate: rate,
      served: 0,
      failed: 0,
      problem: null,
      heapWarning: null,
    });
    this.#host = new ServiceHost(this.#limits, {
      log: (entry) => this.#addLog(entry),
      crash: (exit) => void this.#recoverFromCrash(exit),
    });
    this.#requests = options.traffic?.requests?.length ? options.traffic.requests : [DEFAULT_REQUEST];
    this.#driver = new TrafficDriver((req) => this.request(req, 'driver'), { rate, requests: this.#requests });
    this.#driver.onError = (error) =>
      this.#addLog({ at: wallNow(), level: 'error', source: 'engine', message: `a driver request failed inside hotlab: ${describeError(error)}` });
    this.#scheduler = new UpdateScheduler<Job>((job, token) => this.#runUpdate(job, token.isStale), {
      onError: (error) => this.#addLog({ at: wallNow(), level: 'error', source: 'engine', message: `update failed inside hotlab: ${describeError(error)}` }),
    });
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────────────────

  /** Boot the first version, start traffic, watching and HTTP. Rejects (after cleaning up) if v1 cannot run. */
  async start(): Promise<this> {
    const source = this.#options.source ?? (await readServiceFile(this.file));
    let first: PreparedVersion;
    try {
      first = this.#prepare(source);
    } catch (error) {
      this.#stopped = true;
      this.#store.close();
      if (error instanceof SourceError) throw new HotlabError(`the first version cannot run: ${error.describe()}. Fix it and start again.`);
      throw error;
    }
    this.#verifier = this.#host.spawn();
    const outcome = await this.#boot(first);
    if (outcome.kind !== 'applied') {
      await this.stop();
      const where = outcome.kind === 'rejected' && outcome.location ? `${outcome.location.file}:${outcome.location.line}:${outcome.location.column} — ` : '';
      throw new HotlabError(`the first version cannot run: ${where}${outcome.kind === 'rejected' ? outcome.reason : 'superseded'}`);
    }
    this.#accept(first);
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
    await this.#warmUp(first);
    this.#driver.start();
    this.#statsTimer = setInterval(() => void this.#refreshStats(), STATS_INTERVAL_MS);
    this.#statsTimer.unref();
    this.emit('ready', { version: first.version, port: this.#http?.port ?? null, strategy: this.strategy, url: this.#http?.url ?? null });
    void this.#refreshStats();
    return this;
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
    const response = await this.#host.request(req);
    const at = wallNow();
    this.#log.push({ at, ok: !response.failed, version: response.version });
    this.#store.addFeed({
      at,
      method: req.method,
      path: req.path,
      status: response.status,
      body: feedText(response.failed ? (response.error ?? response.body) : response.body),
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

  /** Apply the previous good version's code again (as a new version number, like a git revert). */
  async rollback(): Promise<UpdateRecord | null> {
    const previous = this.#history.at(-2);
    if (!previous) return null;
    return this.#enqueueAndWait({ trigger: 'rollback', source: previous.shape.source, origin: wallNow(), queuedAt: wallNow(), label: `v${previous.version}` });
  }

  /** Apply new source as if it had been saved (compare, bench and tests drive scratch engines this way). */
  applySource(source: string, trigger: Exclude<UpdateTrigger, 'save'> = 'reload'): Promise<UpdateRecord | null> {
    return this.#enqueueAndWait({ trigger, source, origin: wallNow(), queuedAt: wallNow() });
  }

  async evaluate(expression: string): Promise<EvalResult> {
    return this.#ask({ op: 'eval', expression });
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

  compare(onRow?: (row: CompareRow) => void): Promise<CompareRow[]> {
    return import('./compare.ts').then(({ compareStrategies }) => compareStrategies(this, onRow));
  }

  /** Options a scratch engine copies (compare). */
  get options(): Readonly<EngineOptions> {
    return this.#options;
  }

  // ── updates ────────────────────────────────────────────────────────────────────────────────────────────

  #onSave(event: SaveEvent): void {
    if (event.kind === 'deleted') {
      const version = this.#store.base.version;
      this.#store.set({ problem: `${basename(this.file)} was deleted; v${version ?? '?'} keeps serving. Restore the file to continue.` });
      this.#addLog({ at: event.eventAt, level: 'warn', source: 'engine', message: `${basename(this.file)} was deleted: v${version ?? '?'} keeps serving` });
      return;
    }
    if (event.kind === 'unreadable') {
      // A folder where the file was, or a file hotlab may not read: say so, as for a deleted file.
      const version = this.#store.base.version;
      this.#store.set({ problem: `${basename(this.file)} ${event.reason}; v${version ?? '?'} keeps serving. Put the service file back to continue.` });
      this.#addLog({ at: event.eventAt, level: 'warn', source: 'engine', message: `${basename(this.file)} ${event.reason}: v${version ?? '?'} keeps serving` });
      return;
    }
    // A save whose content equals the running version's is not a new version (duplicate events, touch).
    if (event.content === this.#running?.shape.source || event.content === this.#lastRejectedSource) {
      const problem = this.#store.base.problem;
      if (problem?.includes('was deleted') || problem?.includes('Put the service file back')) this.#store.set({ problem: null });
      return;
    }
    this.#scheduler.submit({ trigger: 'save', source: event.content, origin: event.mtimeMs, eventAt: event.eventAt, readMs: event.readMs, queuedAt: wallNow() });
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
    this.#scheduler.submit(job);
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
    if (outcome.kind === 'superseded') {
      // Said, not silent (issue 12, point 10): work was thrown away because the learner saved again.
      this.#supersededUpdates++;
      this.#addLog({
        at: wallNow(),
        level: 'info',
        source: 'engine',
        message: `an update was superseded before it switched in: a newer save arrived while ${strategyName} prepared it; the newest save is applied next`,
      });
      return;
    }
    const merged: StageTimings = { ...timings, ...outcome.timings, compile: hostCompile + (outcome.timings.compile ?? 0) };
    if (outcome.kind === 'rejected') {
      this.#reject(job, outcome, merged, previous, startedAt);
      return;
    }
    const swappedAt = wallNow();
    this.#accept(next);
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
      notes: [...(job.trigger === 'rollback' && 'label' in job && job.label ? [`rolled back to ${job.label}'s code`] : []), ...this.#supersededNote(), ...outcome.notes],
      startedAt,
      firstResponseAt: firstAt ?? undefined,
    };
    this.#store.set({ problem: null, retainedVersions: outcome.retainedVersions });
    this.#store.addUpdate(record);
    this.emit('update', record);
    void this.#refreshStats();
  }

  /** How many saves newer ones overtook since the last applied update, as a note for it. */
  #supersededNote(): string[] {
    const count = this.#supersededUpdates + this.#scheduler.takeSkipped();
    this.#supersededUpdates = 0;
    if (count === 0) return [];
    return [`${count} earlier save${count === 1 ? ' was' : 's were'} superseded by newer ones before switching in (the latest save wins; while saves keep coming, one applies at least every 2 s)`];
  }

  #accept(version: PreparedVersion): void {
    this.#nextVersion = version.version + 1;
    this.#running = version;
    this.#history.push(version);
    if (this.#history.length > 50) this.#history.shift();
    this.#lastRejectedSource = null;
    const active = this.#host.active;
    this.#store.set({ version: version.version, sandbox: { ...this.#store.base.sandbox, state: 'ready', pid: active?.pid ?? null } });
  }

  #reject(job: Job, outcome: Extract<StrategyOutcome, { kind: 'rejected' }>, timings: StageTimings, previous: PreparedVersion | null, startedAt: number): void {
    const end = wallNow();
    if (outcome.serviceDown) this.#running = null;
    if (job.trigger === 'save') this.#lastRejectedSource = job.source;
    const serving = outcome.serviceDown ? null : (previous?.version ?? null);
    const reason = describeOutcome(outcome, serving, previous?.version ?? null);
    const record: UpdateRecord = {
      id: this.#nextRecordId++,
      version: serving,
      previousVersion: previous?.version ?? null,
      strategy: this.strategy,
      restart: this.strategy === 'binary-replace' ? this.#store.base.restart : undefined,
      trigger: job.trigger,
      outcome: 'rejected',
      reason,
      location: outcome.location,
      timings,
      ...this.#traffic(job.origin, end),
      stateKept: !outcome.serviceDown && !outcome.stateLost,
      retainedVersions: this.#store.base.retainedVersions,
      notes: [],
      startedAt,
    };
    this.#store.set({
      problem: reason,
      ...(outcome.serviceDown ? { version: null, sandbox: { ...this.#store.base.sandbox, state: 'down' as const, pid: null } } : {}),
    });
    this.#store.addUpdate(record);
    this.#addLog({ at: end, level: 'error', source: 'engine', message: reason, version: serving });
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
      verify: (module: PreparedVersion['module'], handover?: { kind: Handover; state: unknown }) => this.#verify(module, handover, next.shape),
    };
  }

  async #verify(module: PreparedVersion['module'], handover?: { kind: Handover; state: unknown }, shape?: ModuleShape): Promise<VerifyResult> {
    if (!this.#verifier?.alive) this.#verifier = this.#host.spawn();
    const verifier = this.#verifier;
    await verifier.ready;
    try {
      return await verifier.send<VerifyResult>({ op: 'verify', module, probe: JSON.stringify(this.#probeRequest()), handover });
    } catch (error) {
      if (error instanceof CommandFailed && (error.failure.kind === 'crash' || error.failure.kind === 'memory')) {
        // The test-run took its sandbox down (a memory bomb): say so, and where; a fresh verifier starts next time.
        const location = error.failure.location ?? (shape ? await locateCrash(this.#host, shape).catch(() => undefined) : undefined);
        throw new CommandFailed({ ...error.failure, location, message: `the new version crashed its test run: ${error.failure.message}` });
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
    const deadline = performance.now() + WARM_UP_BUDGET_MS;
    const compiles = first.shape.source.length > 32 * 1024 ? 0 : WARM_UP_COMPILES;
    for (let i = 0; i < compiles && performance.now() < deadline; i++) compileModule(first.shape.source, first.shape.file);
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
      const heapWarning = stats.heapWarning ?? null;
      if (!heapMoved && retainedVersions === stats.retainedVersions && sandbox.pid === active.pid && heapWarning === (this.#store.base.heapWarning ?? null)) return;
      this.#store.set({ retainedVersions: stats.retainedVersions, heapWarning, sandbox: { ...sandbox, pid: active.pid, heapUsed: stats.heapUsed, heapLimit: stats.heapLimit } });
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

  #addLog(entry: LogEntry): void {
    this.#store.addLog(entry);
    this.emit('log', entry);
  }
}
