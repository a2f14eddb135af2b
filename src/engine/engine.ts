// The engine: one live service, its traffic, its updates. It knows nothing about screens; it publishes a
// snapshot and events, and takes commands. Data flows one way: save → watcher → scheduler → strategy →
// sandbox swap → record → snapshot/events.
import { EventEmitter } from 'node:events';
import { dirname, join, resolve } from 'node:path';
import { wallNow } from './clock.ts';
import { EngineStore } from './engine-store.ts';
import { describeError, HotlabError, MissingExportError, SourceError } from './errors.ts';
import { changedModules, loadableProgram } from './graph/loadable-program.ts';
import { sourcesOf, type ProgramSources } from './graph/program-graph.ts';
import { ProgramFiles, programSignature } from './graph/program-files.ts';
import type { ProgramRead } from './graph/read-program.ts';
import { neutralise } from './plain-text.ts';
import { UpdateScheduler } from './scheduler/update-scheduler.ts';
import { VersionHistory, type AppliedVersion } from './version-history.ts';
import { lastCodeChange } from './last-code-change.ts';
import type { RuntimeLimits } from './sandbox/isolate-runtime.ts';
import { CommandFailed, type SandboxExit, type SandboxProcess } from './sandbox/sandbox-process.ts';
import type { LoadableProgram, LoadResult, Lookup, SandboxStats, TestRunHandover, VerifyResult } from './sandbox/protocol.ts';
import { END_OF_PRINTING } from './sandbox/in-isolate-harness.ts';
import { ServiceHost } from './service-host.ts';
import { codeFrame } from './source/code-frame.ts';
import { locateCrash } from './locate-crash.ts';
import { compileModule } from './source/compile-module.ts';
import type { ModuleShape } from './source/module-shape.ts';
import { strategyNamed } from './strategies/registry.ts';
import { STANDBY_PROCESSES } from './strategies/binary-replace.ts';
import type { PreparedVersion, StrategyContext, StrategyOutcome } from './strategies/strategy.ts';
import { RequestLog, downtimeBetween, failuresBetween } from './traffic/request-log.ts';
import { TrafficDriver } from './traffic/driver.ts';
import { startHttpServer, type HttpFront, type HttpOptions } from './traffic/http-server.ts';
import type { FileWatcher, SaveEvent } from './watch/save-events.ts';
import { watchWorkspace } from './watch/watch-workspace.ts';
import { DEFAULT_DETECT_MS, measureDetectLatency } from './watch/detect-latency.ts';
import { causeOf, describeOutcome, describeRefusal } from './describe-outcome.ts';
import type {
  CompareRow,
  CompareRun,
  EngineSnapshot,
  EvalResult,
  LabEngine,
  LogEntry,
  ModuleStatus,
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
  /**
   * The learner's entry module (`service.js` or `service.ts`). Its folder is the workspace: the program is what
   * the entry imports from there; state and artifacts go in `.hotlab/` there.
   */
  file: string;
  /** @default 'file-watch' */
  strategy?: StrategyName;
  /** @default 'graceful' */
  restart?: RestartMode;
  limits?: Partial<RuntimeLimits>;
  traffic?: { rate?: number; requests?: ServiceRequest[] };
  /** Serve HTTP too. @default false */
  http?: HttpOptions | false;
  /** Watch the workspace for saves. @default true */
  watch?: boolean | { polling: boolean };
  /** Start from this source of the entry instead of reading the workspace (a scratch engine). */
  source?: string;
  /** Start from these modules (id → source) instead of reading the workspace (compare and bench run scratch engines). */
  sources?: Record<string, string>;
  /** Where artifacts go. @default `<workspace>/.hotlab` */
  stateDir?: string;
  /**
   * An engine that serves a lesson check, not the learner: its sandbox processes run at a lower CPU priority, and
   * it skips the update path's warm-up compiles, so it competes as little as it can with the learner's own updates.
   * @default false
   */
  background?: boolean;
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
/**
 * Compiles of the program at start-up, off the clock and in slices between other work: the parser runs its first
 * compiles several times slower (~1 ms for a small module, ~0.12 ms once V8 has optimised it, measured here), and
 * a learner's first saves should be timed like the later ones.
 */
const WARM_UP_COMPILES = 400;
/** Compiles per event-loop turn, so the warm-up never holds the engine's own work back by more than a few ms. */
const WARM_UP_SLICE = 8;
/** Stop sooner when the machine is this slow (a large program, or a busy machine). */
const WARM_UP_BUDGET_MS = 400;
/** A refused save is read again when one of its files was written this soon before the read (it may be half written)… */
const HALF_WRITTEN_MS = 100;
/** …this long later, at most this many times. */
const HALF_WRITTEN_WAIT_MS = 20;
const HALF_WRITTEN_RETRIES = 4;
/** Longest an update holds the screen's redraws (a slow restart's downtime must still show as it happens). */
const UPDATE_HOLD_MS = 250;
/** A same-content save this soon after a real one is that save's extra event, not the learner's (see #noteSameContent). */
const SAME_CONTENT_QUIET_MS = 1000;
/**
 * The feed keeps this much of a body: it shows one line of each, and 400 entries of 1 MB answers held 400 MB in
 * the host (issue 12, point 1).
 */
const FEED_BODY_CHARS = 500;
/** What the feed shows of a body: its start, printable (learner text may hold escape sequences — issue 12, point 9). */
const feedText = (body: string): string => neutralise(body.length > FEED_BODY_CHARS ? `${body.slice(0, FEED_BODY_CHARS)}…` : body);
/** How often the status line's heap figure is refreshed. */
const STATS_INTERVAL_MS = 2000;

/**
 * One update to run. The program is read when the job runs, not when it is queued: the newest save wins, and it
 * sees every module as it is then. `overrides` puts sources in place of files (a rollback, applySources);
 * `everything` re-applies every module, changed or not (a reload, a strategy switch).
 */
type Job =
  | { trigger: 'save'; origin: number; eventAt: number; readMs: number; queuedAt: number }
  | {
      trigger: Exclude<UpdateTrigger, 'save'>;
      origin: number;
      queuedAt: number;
      overrides?: ProgramSources;
      everything?: boolean;
      label?: string;
      target?: number;
    };
/** A job as the scheduler holds it: stamped with the program it was meant for (see restartProgram). */
type ProgramJob = Job & { program: number };

/** What a new program runs under (restartProgram). */
export interface ProgramOptions {
  strategy: StrategyName;
  /** Another entry module of the workspace (a lesson written in TypeScript starts from `service.ts`). @default the current entry */
  entry?: string;
  /** @default 'graceful' */
  restart?: RestartMode;
  /** The traffic (and the probe every new version is test-run with). @default the current requests */
  requests?: ServiceRequest[];
  /**
   * Writes the new program's files (a lesson's starter), once the old program has stopped taking saves: written
   * before, the old program took them as a save of its own and showed the next lesson's code as its update.
   */
  prepareFiles?: () => Promise<void>;
}

export class Engine extends EventEmitter<EngineEvents> implements LabEngine {
  file: string;
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
  #watcher: FileWatcher | null = null;
  #http: HttpFront | null = null;
  #files: ProgramFiles;
  /** Applied versions' sources, oldest first; the last one is running (unless a cold restart left us down). */
  readonly #history = new VersionHistory();
  #running: PreparedVersion | null = null;
  /** The program (all its sources, as a signature) that was last refused: the same again is not retried on a save. */
  #lastRejected: string | null = null;
  /** The version whose code the running one restored, when it came from a rollback (rollback walks on from it). */
  #restoredVersion: number | null = null;
  #nextVersion = 1;
  #nextRecordId = 1;
  #nextEvalId = 1;
  /** Lines printed by evaluations in flight, by their tag. */
  #printing = new Map<string, { lines: PrintedLine[]; done: () => void }>();
  #firstResponseWaiters = new Map<number, Array<(at: number) => void>>();
  /** When each recent version first answered (a request can be answered before its update is confirmed). */
  #firstAnswered = new Map<number, number>();
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
  /** Write → watcher event on this machine, measured at start (watch/detect-latency.ts): every save's `detect`. */
  #detectEstimate = DEFAULT_DETECT_MS;
  /** The measurement in flight (or done): stop() waits for it, as it writes in the state folder. */
  #detectMeasurement: Promise<void> = Promise.resolve();
  /** Aborted by stop(): work started in the background (the detect measurement) ends early. */
  readonly #stopping = new AbortController();
  #requests: ServiceRequest[];
  /** The caller started v1's process ahead (the lab, racing its screen for the cores): the verifier boots after v1. */
  #firstSandboxAhead = false;
  /** Updates stopped by a newer save since the last applied one. */
  #supersededUpdates = 0;

  constructor(options: EngineOptions) {
    super();
    this.#options = options;
    this.file = resolve(options.file);
    this.workspace = dirname(this.file);
    this.stateDir = options.stateDir ?? join(this.workspace, '.hotlab');
    const entry = this.file.slice(this.workspace.length + 1);
    const memory = options.sources ?? (options.source !== undefined ? { [entry]: options.source } : undefined);
    this.#files = new ProgramFiles(this.workspace, entry, memory);
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
    const rate = options.traffic?.rate ?? 100;
    this.#store = new EngineStore({
      file: this.file,
      workspace: this.workspace,
      entry,
      modules: [],
      strategy: options.strategy ?? 'file-watch',
      restart: options.restart ?? 'graceful',
      version: null,
      scope: null,
      scopes: null,
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
      heapWarning: null,
    });
    this.#host = new ServiceHost(
      this.#limits,
      {
        log: (line) => this.#onServiceLog(line),
        crash: (exit) => void this.#recoverFromCrash(exit),
      },
      { background: options.background ?? false },
    );
    this.#requests = options.traffic?.requests?.length ? options.traffic.requests : [DEFAULT_REQUEST];
    this.#store.set({ requests: this.#requests });
    this.#driver = new TrafficDriver((req) => this.request(req, 'driver'), { rate, requests: this.#requests });
    this.#driver.onError = (error) =>
      this.#addLog({ at: wallNow(), level: 'error', source: 'engine', message: `a driver request failed inside hotlab: ${describeError(error)}` });
    this.#scheduler = new UpdateScheduler<ProgramJob>((job, token) => this.#runForProgram(job, token.isStale), {
      onError: (error) => this.#addLog({ at: wallNow(), level: 'error', source: 'engine', message: `update failed inside hotlab: ${describeError(error)}` }),
      counts: (job) => job.trigger === 'save',
    });
  }

  // ── lifecycle ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Boot the first version, then start HTTP, watching and traffic. When the learner's program cannot run, the
   * engine still starts, with no version: the refusal is a rejected record (and event) with its location and code
   * frame, requests get 503, and the first good save boots v1 (as nodemon and Vite wait for a fix). A scratch
   * engine (given `source` or `sources`) has no one to save a fix, so there a first version that cannot run is an
   * error; so is an entry module that does not exist at all (a mistyped path).
   */
  async start(): Promise<this> {
    if (!this.#files.inMemory) await this.#requireEntry();
    const first = await this.#bootProgram();
    // Stopped while v1 booted (the learner quit at once): stop() has run, nothing more may start.
    if (this.#stopped) return this;
    if (!first && this.#files.inMemory) {
      const refused = this.#store.base.rejection;
      await this.stop();
      throw new HotlabError(`the first version cannot run: ${refused?.reason ?? 'it was refused'}`);
    }
    try {
      // stop() may run while either of these starts, and closes only what it sees: one that comes up after it is
      // closed here, or it would keep the process alive after the lab has quit.
      if (this.#options.http) {
        const http = await startHttpServer((req) => this.request(req, 'http'), this.#options.http);
        if (this.#stopped) {
          await http.close();
          return this;
        }
        this.#http = http;
        this.#store.set({ httpUrl: this.#http.url });
      }
      const watch = this.#options.watch ?? true;
      if (watch && !this.#files.inMemory) {
        const watcher = await watchWorkspace(this.workspace, { polling: typeof watch === 'object' && watch.polling }, (event) => this.#onSave(event));
        if (this.#stopped) {
          await watcher.close();
          return this;
        }
        this.#watcher = watcher;
        // A save between our first read and the watcher being ready raised no event: look once more.
        this.#catchUpWithFiles();
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.#started = true;
    // Traffic starts with the first version: a program that never ran has nothing to measure yet.
    if (this.#running) this.#startTraffic();
    // Off the start-up path: v1 serves (and traffic flows) while the update path warms up behind it, and the
    // machine's write → event latency is measured once the start's own work is done (under it, it reads high).
    if (first) void this.#warmUp(first);
    this.#prepareStandby();
    // A check's engine measures it too: lesson 2's check quotes the detect time of the learner's save.
    if (this.#watcher) {
      this.#detectMeasurement = measureDetectLatency(this.stateDir, this.#stopping.signal).then((ms) => {
        this.#detectEstimate = ms;
      });
    }
    this.#statsTimer = setInterval(() => void this.#refreshStats(), STATS_INTERVAL_MS);
    this.#statsTimer.unref();
    this.emit('ready', { version: this.version, port: this.#http?.port ?? null, strategy: this.strategy, url: this.#http?.url ?? null });
    void this.#refreshStats();
    return this;
  }

  /**
   * Start the sandbox process that start() will boot v1 in, ahead of start(): it boots (Node, isolated-vm) while
   * the caller finishes its own start-up. Nothing is loaded in it until start().
   */
  prepareFirstSandbox(): void {
    if (this.#stopped || this.#host.active) return;
    this.#firstSandboxAhead = true;
    this.#host.prepareStandby();
  }

  /** A mistyped path is the caller's mistake, said before anything starts. */
  async #requireEntry(): Promise<void> {
    const { stat } = await import('node:fs/promises');
    const kind = await stat(this.file).then((s) => (s.isDirectory() ? 'folder' : 'file'), () => 'missing');
    if (kind === 'missing') throw new HotlabError(`${this.file} does not exist: create it (a lesson's starter is a good start) or point to another file`);
    if (kind === 'folder') throw new HotlabError(`${this.file} is a folder: give the service's entry module itself (service.js or service.ts)`);
  }

  /**
   * Boot the program as v1 of a program that has nothing running. Returns the version, or null when it cannot
   * run: then the refusal stands as a rejected record and the sandbox waits for a save.
   */
  async #bootProgram(): Promise<PreparedVersion | null> {
    const startedAt = wallNow();
    const job: Job = { trigger: 'start', origin: startedAt, queuedAt: startedAt };
    const read = this.#read(undefined);
    if (read.kind === 'refused') {
      this.#reject(job, this.#refusal(read.error), {}, null, startedAt, read.sources);
      return null;
    }
    const first = this.#prepare(read);
    // The verifier (the test-run process of every later update) boots beside v1's process, so the first save finds
    // it ready; except in the lab (prepareFirstSandbox), where it boots once v1 serves, leaving the cores to v1
    // and the screen at start-up (a learner's first save comes seconds later).
    const verifierLater = this.#firstSandboxAhead;
    if (!verifierLater && !this.#verifier?.alive) this.#verifier = this.#host.spawn();
    const outcome = await this.#boot(first).catch((error: unknown) => {
      if (this.#stopped) return null;
      throw error;
    });
    // Stopped while v1 booted (q at once): its process was killed under it. That refuses nothing, and a record
    // saying "stopped — nothing runs yet" would be the lab's last frame.
    if (this.#stopped || outcome === null) return null;
    if (verifierLater && !this.#verifier?.alive) this.#verifier = this.#host.spawn();
    if (outcome.kind !== 'applied') {
      if (outcome.kind === 'rejected') this.#reject(job, { ...outcome, serviceDown: false }, outcome.timings, null, startedAt, read.sources);
      return null;
    }
    this.#accept(first);
    return first;
  }

  /** A program that cannot be read or linked, refused in the words of the strategy that would have applied it. */
  #refusal(error: SourceError): Extract<StrategyOutcome, { kind: 'rejected' }> {
    const failure = error instanceof MissingExportError ? { kind: 'missing-export' as const, message: error.message, symbol: error.symbol } : { kind: 'syntax' as const, message: error.message };
    const reason = strategyNamed(this.strategy).reword?.(failure) ?? failure.message;
    return { kind: 'rejected', reason, location: error.location, failure: failure.kind, timings: {} };
  }

  /** binary-replace boots each build in a process started ahead of need; other strategies keep none. */
  #prepareStandby(): void {
    if (this.#stopped) return;
    if (this.strategy === 'binary-replace') this.#host.prepareStandby(STANDBY_PROCESSES);
    else this.#host.dropStandby();
  }

  /** Read the program; a file that cannot be read at all (permissions) is a refusal like any other. */
  #read(overrides: ProgramSources | undefined): ProgramRead {
    try {
      return this.#files.read(overrides);
    } catch (error) {
      if (!(error instanceof HotlabError)) throw error;
      return { kind: 'refused', error: new SourceError(error.message), sources: new Map(), readMs: 0 };
    }
  }

  #startTraffic(): void {
    if (this.#trafficOn || this.#stopped) return;
    this.#trafficOn = true;
    this.#driver.start();
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stopping.abort();
    this.#driver.stop();
    if (this.#statsTimer) clearInterval(this.#statsTimer);
    await this.#watcher?.close();
    await this.#http?.close();
    await this.#host.close();
    // Its scratch folder lives in the state folder: once stop() returns, the caller may delete that folder.
    await this.#detectMeasurement;
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

  /** The entry module's source in the version serving now. */
  get runningSource(): string | null {
    return this.#running?.graph.modules.get(this.#running.graph.entry)?.shape.source ?? null;
  }

  /** The sources of the version serving now, by module id. */
  get runningSources(): ProgramSources | null {
    return this.#running ? sourcesOf(this.#running.graph) : null;
  }

  /**
   * The sandbox processes this engine runs now, by job (the memory soak reads each one's RSS): the one serving, the
   * verifier that test-runs new code. Any other child of the host is a standby or a process on its way out.
   */
  get sandboxPids(): { serving: number | null; verifier: number | null } {
    const serving = this.#host.active;
    return { serving: serving?.alive ? serving.pid : null, verifier: this.#verifier?.alive ? this.#verifier.pid : null };
  }

  /** The entry module's id (`service.js`). */
  get entry(): string {
    return this.#files.entry;
  }

  getSnapshot = (): EngineSnapshot => this.#store.getSnapshot();
  subscribe = (listener: () => void): (() => void) => this.#store.subscribe(listener);

  /** Resolves when no update is running or queued. */
  idle(): Promise<void> {
    return this.#scheduler.idle();
  }

  /** True from a save's event (or a command) until its update is recorded: the time a learner reads as the update's. */
  get updating(): boolean {
    return this.#scheduler.busy;
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
      body: feedText(response.failed ? (response.error ?? response.body) : response.body),
      version: response.version,
      failed: response.failed,
      latencyMs: at - started,
      origin,
    });
    // The new version's first answer, even one its handler failed: a version that fails every request must not hold
    // its update record (and whoever waits for it: a lesson check) until the first-response timeout.
    if (response.version !== null) this.#notifyFirstResponse(response.version, at);
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
    this.#prepareStandby();
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
    return this.#enqueueAndWait({ trigger: 'rollback', overrides: previous.sources, origin: wallNow(), queuedAt: wallNow(), label: `v${previous.version}`, target: previous.version });
  }

  #rollbackTarget(): AppliedVersion | undefined {
    const running = this.#running;
    const history = this.#history.entries;
    if (!running) return history.at(-1);
    // Walk back from the version the running one restored (a rollback) or from the running one itself.
    const from = history.findIndex((v) => v.version === (this.#restoredVersion ?? running.version));
    const runningCode = programSignature(sourcesOf(running.graph));
    for (let i = (from === -1 ? history.length - 1 : from) - 1; i >= 0; i--) {
      const candidate = history[i]!;
      if (programSignature(candidate.sources) !== runningCode) return candidate;
    }
    return undefined;
  }

  /** Apply new source of the entry as if it had been saved (compare, bench and tests drive scratch engines this way). */
  applySource(source: string, trigger: Exclude<UpdateTrigger, 'save'> = 'reload'): Promise<UpdateRecord | null> {
    return this.applySources({ [this.#files.entry]: source }, trigger);
  }

  /** Apply new sources of some modules (id → source; the others as they are) as one update. */
  applySources(sources: Record<string, string> | ProgramSources, trigger: Exclude<UpdateTrigger, 'save'> = 'reload'): Promise<UpdateRecord | null> {
    const overrides = sources instanceof Map ? sources : new Map(Object.entries(sources));
    return this.#enqueueAndWait({ trigger, overrides, origin: wallNow(), queuedAt: wallNow() });
  }

  /**
   * Evaluate in the live version, in the entry's scope or in `module`'s (`greet.js`). What the expression prints
   * with `console.*` comes back in `printed` (for the REPL to show under it) instead of going to the service's
   * logs: during the (synchronous) evaluation the sandbox's console is swapped for one that tags its lines, and a
   * last tagged line marks the end. The sandbox delivers console lines after the reply, so the reply waits for
   * that end (briefly: a line dropped by the sandbox's log rate limit, or an evaluation killed at its time limit,
   * never sends it).
   */
  async evaluate(expression: string, module?: string): Promise<EvalResult> {
    const mark = `${REPL_MARK}${this.#nextEvalId++}${REPL_MARK}`;
    let done = (): void => {};
    const ended = new Promise<void>((resolveEnd) => (done = resolveEnd));
    const printed: PrintedLine[] = [];
    this.#printing.set(mark, { lines: printed, done });
    try {
      const result = await this.#ask({ op: 'eval', expression, mark, ...(module ? { module } : {}) });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise<void>((resolveLate) => (timer = setTimeout(resolveLate, PRINTED_WAIT_MS)))]);
      clearTimeout(timer);
      return printed.length > 0 ? { ...result, printed } : result;
    } finally {
      this.#printing.delete(mark);
    }
  }

  async setValue(name: string, valueExpression: string, module?: string): Promise<EvalResult> {
    const graph = this.#running?.graph;
    const shape = graph?.modules.get(module ?? graph.entry)?.shape;
    if (graph && module && !shape) return { ok: false, error: `no module ${module} in the running program (it has ${graph.order.join(', ')})` };
    const binding = shape?.topLevel.find((item) => item.kind === 'binding' && item.names.includes(name));
    if (!binding || binding.kind !== 'binding') {
      const known = shape?.topLevel.flatMap((i) => (i.kind === 'binding' ? i.names : [])) ?? [];
      return { ok: false, error: `no top-level variable named ${name}${known.length ? ` (there is ${known.join(', ')})` : ''}` };
    }
    if (binding.declaration === 'const' || binding.declaration === 'class') {
      return { ok: false, error: `${name} is a ${binding.declaration}: like an unexported Go field, it cannot be set (CanSet() == false)` };
    }
    return this.#ask({ op: 'set', name, valueExpression, ...(module ? { module } : {}) });
  }

  /**
   * What the learner's versions hold in the serving sandbox's heap once garbage is collected, bytes (the memory
   * soak: the status line's figure counts garbage too). A full collection: tens of ms on a full heap.
   */
  async liveHeap(): Promise<number | null> {
    const active = this.#host.active;
    if (!active?.alive) return null;
    return (await active.send<SandboxStats>({ op: 'stats', collect: true })).heapUsed;
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
    let prepared = false;
    try {
      await earlier;
      await this.#inFlight?.catch(() => undefined);
      // Quit while the last update finished: write nothing, start nothing.
      if (this.#stopped) throw new HotlabError('the engine stopped: the new program was not started');
      await options.prepareFiles?.();
      prepared = true;
      this.#driver.stop();
      this.#trafficOn = false;
      await this.#host.stopAll();
      this.#verifier = null;
      this.#resetProgram(options);
      const first = await this.#bootProgram();
      if (this.#running && this.#started) this.#startTraffic();
      if (first) void this.#warmUp(first);
      this.#prepareStandby();
    } finally {
      if (this.#gate === gate) this.#gate = null;
      open();
      // The files may have changed under the program that still runs (a save during the gate, files half written
      // by a failed prepareFiles): it catches up with them, as after a good start.
      if (!prepared && this.#watcher && !this.#stopped) this.#catchUpWithFiles();
    }
    if (this.#watcher) this.#catchUpWithFiles();
    void this.#refreshStats();
    return { version: this.version, rejection: this.#store.base.rejection };
  }

  compare(onRow?: (row: CompareRow) => void): CompareRun | null {
    // Chosen now, not when compare.ts has loaded: a save meanwhile must not change the edit the screen names.
    const change = lastCodeChange(this.#history.entries);
    if (!change) return null;
    const edit = { from: change.before.version, to: change.after.version, changed: change.changed };
    const rows = import('./compare.ts').then(({ compareStrategies }) => compareStrategies(this, change.before.sources, change.after.sources, onRow));
    return { edit, rows };
  }

  /** Options a scratch engine copies (compare). */
  get options(): Readonly<EngineOptions> {
    return this.#options;
  }

  // ── updates ────────────────────────────────────────────────────────────────────────────────────────────

  #onSave(event: SaveEvent): void {
    // A new program is starting: it boots the workspace as it is then, and catches up with any later save itself.
    if (this.#gate) return;
    const id = this.#files.idOf(event.file);
    if (id === null) return;
    const running = this.#running;
    const module = running?.graph.modules.get(id);
    const standing = this.#store.base.rejection !== null;
    if (event.kind === 'deleted') {
      if (id === this.#files.entry) {
        const version = this.#store.base.version;
        this.#store.set({ problem: `${id} was deleted; v${version ?? '?'} keeps serving. Restore the file to continue.` });
        this.#addLog({ at: event.eventAt, level: 'warn', source: 'engine', message: `${id} was deleted: v${version ?? '?'} keeps serving` });
        return;
      }
      // A module the program imports is gone: a bad update like any other (the import is refused where it is).
      if (module) this.#submit({ trigger: 'save', origin: event.eventAt - this.#detectEstimate, eventAt: event.eventAt, readMs: 0, queuedAt: wallNow() });
      return;
    }
    if (event.kind === 'unreadable') {
      // A folder where the file was, or a file hotlab may not read: for the entry, say so as for a deleted file;
      // for another module of the program, it is a bad update like a deleted one (its import is refused).
      if (id === this.#files.entry) {
        const version = this.#store.base.version;
        this.#store.set({ problem: `${id} ${event.reason}; v${version ?? '?'} keeps serving. Put the service file back to continue.` });
        this.#addLog({ at: event.eventAt, level: 'warn', source: 'engine', message: `${id} ${event.reason}: v${version ?? '?'} keeps serving` });
      } else if (module) {
        this.#submit({ trigger: 'save', origin: event.eventAt - this.#detectEstimate, eventAt: event.eventAt, readMs: 0, queuedAt: wallNow() });
      }
      return;
    }
    const problem = this.#store.base.problem;
    if (id === this.#files.entry && (problem?.includes('was deleted') || problem?.includes('Put the service file back'))) this.#store.set({ problem: null });
    // A save whose content equals the running version's is not a new version (duplicate events, touch), unless a
    // refusal stands: then the program is read again, and going back to the running code clears it.
    if (module && event.content === module.shape.source && !standing) return this.#noteSameContent(id, event.eventAt);
    if (running && !module && !standing) {
      this.#addLog({
        at: event.eventAt,
        level: 'info',
        source: 'engine',
        message: `${id} is not part of the service: ${this.#files.entry} does not import it, so saving it changes nothing`,
      });
      return;
    }
    // An empty read is an in-place save half way (truncated, not yet written), not a save of its own: the write
    // that follows, equal to the running code, is the learner's save without a change and says so.
    if (event.content !== '') this.#lastChangeAt = event.eventAt;
    // The moment of the save is not known: it is the event's, less what this machine takes to report a write.
    this.#submit({ trigger: 'save', origin: event.eventAt - this.#detectEstimate, eventAt: event.eventAt, readMs: event.readMs, queuedAt: wallNow() });
  }

  /**
   * A save (or `touch`) that left the running code as it was is not a version, and says so (lesson 2 has the
   * learner try it). Not for the extra events an editor's one save makes (they come within ms of the save, or of
   * its update ending on a busy machine), and once a second per file at most.
   */
  #noteSameContent(id: string, at: number): void {
    if (at - this.#lastChangeAt < SAME_CONTENT_QUIET_MS || at - (this.#sameContentNoted.get(id) ?? -Infinity) < SAME_CONTENT_QUIET_MS) return;
    this.#sameContentNoted.set(id, at);
    this.#addLog({ at, level: 'info', source: 'engine', message: `${id} saved with the same content as v${this.#running?.version ?? '?'}: not a new version` });
  }

  /** The last save that changed the code, or the end of the last update (an editor's echo can follow either). */
  #lastChangeAt = -Infinity;
  readonly #sameContentNoted = new Map<string, number>();

  /**
   * The file holds the running version's code again (the learner undid a bad edit): the rejection no longer
   * stands. Not a new version, as any save equal to the running code; but the screen and the lesson hear of it.
   */
  #backToRunningCode(at: number): void {
    const running = this.#running;
    if (!running || !this.#store.base.rejection) return;
    this.#lastRejected = null;
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
    // No redraw of a screen in this process between the steps of an update: it would be timed as the update's.
    this.#store.hold(UPDATE_HOLD_MS);
    const run = this.#runUpdate(job, isStale);
    this.#inFlight = run;
    try {
      await run;
    } finally {
      if (this.#inFlight === run) this.#inFlight = null;
      this.#store.release();
    }
  }

  /** Forget everything of the program that ran; the next boot is v1 of a new one. */
  #resetProgram({ strategy, restart, requests, entry }: ProgramOptions): void {
    if (entry && entry !== this.#files.entry) {
      this.#files = new ProgramFiles(this.workspace, entry);
      this.file = join(this.workspace, entry);
    }
    this.#history.clear();
    this.#running = null;
    this.#lastRejected = null;
    this.#restoredVersion = null;
    this.#nextVersion = 1;
    this.#firstResponseWaiters.clear();
    this.#firstAnswered.clear();
    this.#log = new RequestLog();
    if (requests?.length) this.setTrafficRequests(requests);
    this.#store.resetProgram({
      file: this.file,
      entry: this.#files.entry,
      modules: [],
      strategy,
      restart: restart ?? 'graceful',
      version: null,
      scope: null,
      scopes: null,
      sandbox: { state: 'starting', pid: null, heapUsed: null, restarts: 0 },
      retainedVersions: 0,
      served: 0,
      failed: 0,
      rejection: null,
      reverted: null,
      problem: null,
    });
  }

  /**
   * Look at the workspace once outside the watcher (right after it starts, or after a new program booted): a save
   * made meanwhile raised no event the engine acted on. Queued as a save, so the update reads the files itself.
   */
  #catchUpWithFiles(): void {
    const read = this.#read(undefined);
    const signature = programSignature(read.sources);
    const running = this.#running ? programSignature(sourcesOf(this.#running.graph)) : null;
    if (signature === running || signature === this.#lastRejected) return;
    const now = wallNow();
    this.#submit({ trigger: 'save', origin: now, eventAt: now, readMs: read.readMs, queuedAt: now });
  }

  /** Re-apply the program as it is now, every module (the file on disk, not the cached running sources). */
  #enqueueCurrent(trigger: 'strategy' | 'reload'): Promise<UpdateRecord | null> {
    if (!this.#running && this.#history.length === 0 && !this.#store.base.rejection) return Promise.resolve(null);
    return this.#enqueueAndWait({ trigger, everything: true, origin: wallNow(), queuedAt: wallNow() });
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

  #prepare(read: Extract<ProgramRead, { kind: 'read' }>): PreparedVersion {
    return { version: this.#nextVersion, graph: read.graph, program: loadableProgram(read.graph) };
  }

  /** First version (or a restart after a crash): a fresh serving process with nothing to take over. */
  async #boot(version: PreparedVersion): Promise<StrategyOutcome> {
    this.#store.set({ sandbox: { ...this.#store.base.sandbox, state: 'starting' } });
    const changed = version.graph.order.slice();
    if (this.strategy === 'binary-replace') {
      return strategyNamed('binary-replace').apply(this.#context(version, changed, () => false));
    }
    // A process started ahead of need (prepareFirstSandbox, or binary-replace's standby) if one is up.
    const child = await this.#host.takeStandby();
    try {
      await child.ready;
      const result = await child.send<LoadResult>({ op: 'load', version: version.version, program: version.program, plan: { kind: 'fresh' } });
      this.#host.switchTo(child);
      return { kind: 'applied', timings: result.timings, stateKept: false, heapBefore: result.heapBefore, heapAfter: result.heapAfter, retainedVersions: 0, retainedHeap: 0, modules: result.modules, notes: [] };
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
      timings.detectEstimated = true;
      timings.read = job.readMs;
    }
    timings.debounce = Math.max(0, startedAt - job.queuedAt);
    const previous = this.#running;
    const strategyName = this.strategy;
    const restart = this.#store.base.restart;

    // Reading the program compiles what changed (unchanged modules come from the cache): the rest is compile.
    const readStart = performance.now();
    const readAt = wallNow();
    let read = this.#read('overrides' in job ? job.overrides : undefined);
    // A save can be read half written: a large file is written in chunks (Node writes 512 KB at a time), and an
    // editor that truncates before it writes leaves the file empty for a moment. What does not parse, or holds an
    // empty module, is read again while one of its files was written moments ago.
    const unfinished = (candidate: ProgramRead): boolean => candidate.kind === 'refused' || [...candidate.sources.values()].some((source) => source === '');
    for (let wait = 0; unfinished(read) && job.trigger === 'save' && wait < HALF_WRITTEN_RETRIES && this.#files.writtenSince(read.sources.keys(), readAt - HALF_WRITTEN_MS); wait++) {
      await new Promise((resolveWait) => setTimeout(resolveWait, HALF_WRITTEN_WAIT_MS));
      read = this.#read(undefined);
    }
    const hostCompile = Math.max(0, performance.now() - readStart - read.readMs);
    timings.read = (timings.read ?? 0) + read.readMs;
    const signature = programSignature(read.sources);
    if (read.kind === 'refused') {
      // The watcher and the start-up catch-up must not try the same refused program again; a reload does.
      if (job.trigger === 'save' && signature === this.#lastRejected) return;
      timings.compile = hostCompile;
      this.#reject(job, this.#refusal(read.error), timings, previous, startedAt, read.sources);
      return;
    }
    const everything = 'everything' in job && job.everything === true;
    const changed = everything ? read.graph.order.slice() : changedModules(previous?.graph ?? null, read.graph);
    const removed = previous?.graph.order.filter((id) => !read.graph.modules.has(id)) ?? [];
    if (job.trigger === 'save') {
      // Not a new version: the files hold what runs (a duplicate event, an undo back to the running code)…
      if (previous && changed.length === 0 && removed.length === 0) return this.#backToRunningCode(job.eventAt);
      // …or what was refused last time.
      if (signature === this.#lastRejected) return;
    }
    const next = this.#prepare(read);
    let outcome: StrategyOutcome;
    if (!previous && strategyName !== 'binary-replace') {
      // Nothing is running (the first version never ran, or a cold restart failed): boot fresh.
      outcome = await this.#boot(next);
    } else {
      outcome = await strategyNamed(strategyName).apply(this.#context(next, changed, isStale));
    }
    if (outcome.kind === 'superseded') {
      // Said, not silent (issue 12, point 10): work was thrown away because the learner saved again. A command
      // (a strategy switch, a reload) overtaken by another is not a save, and the note counts saves.
      if (job.trigger === 'save') this.#supersededUpdates++;
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
      this.#reject(job, outcome, merged, previous, startedAt, read.sources);
      return;
    }
    const swappedAt = wallNow();
    this.#accept(next);
    this.#files.applied(next.graph);
    this.#restoredVersion = job.trigger === 'rollback' && 'target' in job ? (job.target ?? null) : null;
    if (this.#started) this.#startTraffic();
    if (!outcome.firstRequestSent) this.#driver.kick();
    const firstAt = await this.#waitFirstResponse(next.version);
    if (firstAt !== null) merged.firstResponse = Math.max(0, firstAt - swappedAt);
    const laterNotes = (await outcome.afterFirstResponse?.()) ?? [];
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
      ...this.#traffic(job.origin, end, firstAt !== null ? outcome.unservedSince : undefined),
      stateKept: outcome.stateKept,
      heapBefore: outcome.heapBefore,
      heapAfter: outcome.heapAfter,
      retainedVersions: outcome.retainedVersions,
      retainedHeap: outcome.retainedHeap,
      notes: [...(job.trigger === 'rollback' && 'label' in job && job.label ? [`rolled back to ${job.label}'s code`] : []), ...this.#supersededNote(), ...outcome.notes, ...laterNotes],
      changed,
      modules: [...outcome.modules, ...removed.filter((id) => !outcome.modules.some((m) => m.module === id)).map((module) => ({ module, action: 'removed' as const, cause: 'changed' as const, stateKept: false, stateful: false }))],
      startedAt,
      firstResponseAt: firstAt ?? undefined,
    };
    this.#store.set({ problem: null, rejection: null, reverted: null, retainedVersions: outcome.retainedVersions });
    this.#store.addUpdate(record);
    this.#lastChangeAt = Math.max(this.#lastChangeAt, wallNow());
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
    this.#history.add(version.version, sourcesOf(version.graph));
    this.#lastRejected = null;
    const active = this.#host.active;
    this.#store.set({ version: version.version, scope: scopeOf(version), scopes: scopesOf(version), sandbox: { ...this.#store.base.sandbox, state: 'ready', pid: active?.pid ?? null } });
  }

  #reject(
    job: Job,
    outcome: Extract<StrategyOutcome, { kind: 'rejected' }>,
    timings: StageTimings,
    previous: PreparedVersion | null,
    startedAt: number,
    sources: ProgramSources,
  ): void {
    const end = wallNow();
    if (outcome.serviceDown) this.#running = null;
    // The watcher and the start-up catch-up must not try the same refused program again; a reload does.
    if (job.trigger === 'save' || job.trigger === 'start') this.#lastRejected = programSignature(sources);
    const serving = outcome.serviceDown ? null : (this.#running?.version ?? null);
    // A check's scratch service keeps serving its own copy: saying so read as the learner's service ("v1 keeps
    // serving" beside a live service that had nothing running).
    const reason = this.#options.background
      ? describeRefusal(outcome)
      : describeOutcome(outcome, { serving, previous: previous?.version ?? null, everRan: this.#history.length > 0 });
    // The frame quotes the refused source, so only for a location in it (not a probe's or the runtime's own).
    const located = outcome.location ? sources.get(outcome.location.file) : undefined;
    const frame = outcome.location && located !== undefined ? codeFrame(located, outcome.location) : undefined;
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
      stateKept: serving !== null && !outcome.stateLost,
      retainedVersions: this.#store.base.retainedVersions,
      // A refused rollback says so, and to which version's code: the reason alone reads like a refused save.
      notes: job.trigger === 'rollback' && 'label' in job && job.label ? [`rollback to ${job.label}'s code refused`] : [],
      startedAt,
    };
    const nothingRan = serving === null && this.#history.length === 0;
    this.#store.set({
      rejection: record,
      reverted: null,
      ...(outcome.serviceDown ? { version: null, scope: null, scopes: null, sandbox: { ...this.#store.base.sandbox, state: 'down' as const, pid: null } } : {}),
      ...(nothingRan ? { version: null, scope: null, scopes: null, sandbox: { ...this.#store.base.sandbox, state: 'waiting' as const, pid: null } } : {}),
    });
    // A refusal is its record (and event), not a log line: logs are what the program and the engine said.
    this.#store.addUpdate(record);
    this.emit('rejected', record);
  }

  #context(next: PreparedVersion, changed: string[], isStale: () => boolean): StrategyContext {
    return {
      host: this.#host,
      running: this.#running,
      next,
      changed,
      restart: this.#store.base.restart,
      stateDir: this.stateDir,
      isStale,
      firstRequest: () => this.#driver.kick(),
      verify: (program, options) => this.#verify(program, options?.lookups, options?.handover ?? undefined, next),
    };
  }

  async #verify(program: LoadableProgram, lookups?: Lookup[], handover?: TestRunHandover, version?: PreparedVersion): Promise<VerifyResult> {
    if (this.#stopped) throw new HotlabError('the engine is stopped');
    if (!this.#verifier?.alive) this.#verifier = this.#host.spawn();
    const verifier = this.#verifier;
    await verifier.ready;
    try {
      return await verifier.send<VerifyResult>({
        op: 'verify',
        program,
        probe: JSON.stringify(this.#probeRequest()),
        ...(lookups?.length ? { lookups } : {}),
        ...(handover ? { handover } : {}),
      });
    } catch (error) {
      if (error instanceof CommandFailed && (error.failure.kind === 'crash' || error.failure.kind === 'memory')) {
        // The test-run took its sandbox down (a memory bomb): say so, and where; a fresh verifier starts next time.
        const location = error.failure.location ?? (version ? await locateCrash(this.#host, version.program, version.graph).catch(() => undefined) : undefined);
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
    if (this.#stopped) return;
    try {
      await this.#verify(first.program);
    } catch {
      // v1 already runs in the serving process; a test-run failure here is reported when an update needs it.
    }
    // A check's engine stops here: its verifier is up for the check's save, and its timings are nobody's figures.
    if (this.#options.background) return;
    // A large module warms the parser up by itself; compiling it again would only take the CPU from the service.
    const modules = [...first.graph.modules.values()].filter(({ shape }) => shape.source.length <= 32 * 1024);
    let spent = 0;
    for (let i = 0; i < WARM_UP_COMPILES && modules.length > 0 && spent < WARM_UP_BUDGET_MS && !this.#stopped; i += WARM_UP_SLICE) {
      const sliceStart = performance.now();
      for (let k = i; k < i + WARM_UP_SLICE; k++) {
        const { shape } = modules[k % modules.length]!;
        compileModule(shape.source, shape.file);
      }
      spent += performance.now() - sliceStart;
      // Yield between slices; an update waiting meanwhile goes first.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#scheduler.busy) await this.#scheduler.idle();
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
      await child.send<LoadResult>({ op: 'load', version: last.version, program: last.program, plan: { kind: 'fresh' } });
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
    // The first request goes out with the switch itself, so its answer can come before anyone waits for it.
    const seen = this.#firstAnswered.get(version);
    if (seen !== undefined) return Promise.resolve(seen);
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
    if (!this.#firstAnswered.has(version)) {
      this.#firstAnswered.set(version, at);
      // Only the newest few versions can still be waited for.
      if (this.#firstAnswered.size > 8) this.#firstAnswered.delete(this.#firstAnswered.keys().next().value!);
    }
    const waiters = this.#firstResponseWaiters.get(version);
    if (!waiters) return;
    this.#firstResponseWaiters.delete(version);
    for (const waiter of waiters) waiter(at);
  }

  async #ask(command: { op: 'eval'; expression: string; module?: string; mark?: string } | { op: 'set'; name: string; valueExpression: string; module?: string }): Promise<EvalResult> {
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
      const { sandbox, retainedVersions, modules } = this.#store.base;
      // The heap drifts by a few bytes between reads; publishing each drift would redraw an idle screen every
      // second. Changes under 2% (or 16 KB) are not news.
      const heapMoved = sandbox.heapUsed === null || Math.abs(stats.heapUsed - sandbox.heapUsed) > Math.max(16_384, sandbox.heapUsed * 0.02);
      const modulesMoved = !sameModules(modules, stats.modules);
      const heapWarning = stats.heapWarning ?? null;
      const warningMoved = heapWarning !== (this.#store.base.heapWarning ?? null);
      if (!heapMoved && !modulesMoved && !warningMoved && retainedVersions === stats.retainedVersions && sandbox.pid === active.pid) return;
      this.#store.set({
        retainedVersions: stats.retainedVersions,
        heapWarning,
        sandbox: { ...sandbox, pid: active.pid, heapUsed: stats.heapUsed, heapLimit: stats.heapLimit },
        ...(modulesMoved ? { modules: stats.modules } : {}),
      });
    } catch {
      // The process went away between the update and this read; the crash handler reports that.
    }
  }

  /**
   * Failed requests in [from, to], and the downtime they show: the longest gap between successful responses.
   * With no failure there was no downtime, only the traffic's own spacing (1 ms at 1,000 req/s), so 0.
   * `unservedSince`: no process took requests from then until `to` (a cold restart), which is downtime even when no
   * request fell in it: at the lab's 20 req/s a restart of a few ms usually misses every request, and reading 0 ms
   * there taught the wrong lesson.
   */
  #traffic(from: number, to: number, unservedSince?: number): { downtimeMs: number; failedRequests: number } {
    const failedRequests = failuresBetween(this.#log, from, to);
    const sampled = failedRequests > 0 ? downtimeBetween(this.#log, from, to) : 0;
    return { failedRequests, downtimeMs: unservedSince !== undefined ? Math.max(sampled, to - unservedSince) : sampled };
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

function sameModules(a: readonly ModuleStatus[], b: readonly ModuleStatus[]): boolean {
  return a.length === b.length && a.every((m, i) => m.module === b[i]!.module && m.version === b[i]!.version && m.retainedVersions === b[i]!.retainedVersions);
}

/** Tags the lines an evaluation prints (an invisible separator around a number; learner code never prints it). */
const REPL_MARK = END_OF_PRINTING;
/** Longest wait for an evaluation's console lines after its reply (they normally follow within a millisecond). */
const PRINTED_WAIT_MS = 500;

/** The names the REPL can use in the entry's scope (its prompt's examples come from them). */
function scopeOf(version: PreparedVersion, module = version.graph.entry): RunningScope {
  const shape = version.graph.modules.get(module)!.shape;
  const scope: RunningScope = { variables: [], constants: [], functions: [], exports: Object.keys(shape.exports) };
  for (const item of shape.topLevel) {
    if (item.kind === 'function') scope.functions.push(item.name);
    else if (item.kind === 'binding') (item.declaration === 'let' || item.declaration === 'var' ? scope.variables : scope.constants).push(...item.names);
  }
  return scope;
}

/** The same for every module of the program, for a REPL pointed at another module (`:module greet.js`). */
function scopesOf(version: PreparedVersion): Record<string, RunningScope> {
  return Object.fromEntries(version.graph.order.map((module) => [module, scopeOf(version, module)]));
}
