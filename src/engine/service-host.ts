import { HotlabError } from './errors.ts';
// Routes every request (HTTP, driver, checks, REPL) to the sandbox process that serves now, and lets a strategy
// hold traffic for the instant of a hand-over. Like tableflip's parent holding the listening socket, the host
// stays up while the process behind it is replaced.
import { wallNow } from './clock.ts';
import { readResponse } from './read-response.ts';
import { CommandFailed, SandboxProcess, type SandboxExit } from './sandbox/sandbox-process.ts';
import type { HandleResult } from './sandbox/protocol.ts';
import type { RuntimeLimits } from './sandbox/isolate-runtime.ts';
import type { LogEntry, ServiceRequest, ServiceResponse } from './types.ts';

export interface ServiceHostEvents {
  log(entry: LogEntry): void;
  /** The serving process died on its own (not stopped by us). */
  crash(exit: SandboxExit, process: SandboxProcess): void;
}

export class ServiceHost {
  readonly limits: RuntimeLimits;
  readonly #events: ServiceHostEvents;
  #active: SandboxProcess | null = null;
  #held: Array<() => void> | null = null;
  #processes = new Set<SandboxProcess>();
  #servingWaiters: Array<(child: SandboxProcess | null) => void> = [];
  /** Sandbox processes started ahead of need, oldest first, for binary-replace's next builds (see takeStandby). */
  #standbys: SandboxProcess[] = [];

  readonly #background: boolean;
  #closed = false;

  constructor(limits: RuntimeLimits, events: ServiceHostEvents, options: { background?: boolean } = {}) {
    this.limits = limits;
    this.#events = events;
    this.#background = options.background ?? false;
  }

  get active(): SandboxProcess | null {
    return this.#active;
  }

  /** Start a sandbox process (booting from a built artifact for binary-replace). Not serving until switchTo. */
  spawn(artifact?: string): SandboxProcess {
    // After close() nothing may start: a process started then would outlive the engine and keep hotlab running.
    if (this.#closed) throw new HotlabError('the sandbox host is closed: no process is started after the engine stopped');
    const child: SandboxProcess = new SandboxProcess({
      limits: this.limits,
      artifact,
      background: this.#background,
      onLog: (event) =>
        this.#events.log({ at: wallNow(), level: event.level, source: 'service', message: event.message, version: event.version }),
      onExit: (exit) => {
        this.#processes.delete(child);
        if (this.#active === child) {
          this.#active = null;
          if (!exit.expected) this.#events.crash(exit, child);
        }
      },
    });
    this.#processes.add(child);
    return child;
  }

  /**
   * Keep `count` processes started that the next binary-replace builds will boot in: starting Node and isolated-vm
   * is most of a restart's time (~130 ms of CPU, far more on a busy machine). They run no learner code until one is
   * handed an artifact, after the rename (the new binary is still what boots; only the process start moved ahead,
   * as a supervisor's pre-forked workers).
   */
  prepareStandby(count = 1): void {
    if (this.#closed) return;
    this.#standbys = this.#standbys.filter((standby) => standby.alive);
    while (this.#standbys.length < count) this.#standbys.push(this.spawn());
  }

  /**
   * A standby that is up if there is one, else the first of the starting ones to come up (waiting for one beats
   * starting another, which would come up later still), else a new process; either way not serving until switchTo.
   * Only a call that finds none starts one: should they all die while it waits (the engine stopping), it returns
   * one of them, whose boot then fails as any dead process's does.
   */
  async takeStandby(): Promise<SandboxProcess> {
    const standbys = this.#standbys.filter((standby) => standby.alive);
    if (standbys.length === 0) return this.spawn();
    const taken = standbys.find((standby) => standby.started) ?? (await firstUp(standbys)) ?? standbys[0]!;
    this.#standbys = this.#standbys.filter((standby) => standby !== taken);
    return taken;
  }

  /** Stop the standbys (the strategy is no longer binary-replace). */
  dropStandby(): void {
    for (const standby of this.#standbys) void standby.stop();
    this.#standbys = [];
  }

  /** Route all new requests to this process from now on. */
  switchTo(child: SandboxProcess | null): void {
    this.#active = child;
    if (!child) return;
    const waiters = this.#servingWaiters;
    this.#servingWaiters = [];
    for (const waiter of waiters) waiter(child);
  }

  /**
   * The process serving now, or the next one to serve if none does (a restart after a crash takes a second or
   * two); null if none comes within `timeoutMs`. An update that arrives mid-restart waits instead of failing.
   */
  whenServing(timeoutMs = 10_000): Promise<SandboxProcess | null> {
    if (this.#active?.alive) return Promise.resolve(this.#active);
    return new Promise((resolve) => {
      const waiter = (child: SandboxProcess | null): void => {
        clearTimeout(timer);
        resolve(child);
      };
      const timer = setTimeout(() => {
        this.#servingWaiters = this.#servingWaiters.filter((w) => w !== waiter);
        resolve(null);
      }, timeoutMs);
      timer.unref();
      this.#servingWaiters.push(waiter);
    });
  }

  /** Queue new requests (they wait, they do not fail) until the returned function is called. */
  hold(): () => void {
    if (!this.#held) this.#held = [];
    return () => {
      const waiting = this.#held ?? [];
      this.#held = null;
      for (const resume of waiting) resume();
    };
  }

  async request(req: ServiceRequest): Promise<ServiceResponse> {
    if (this.#held) await new Promise<void>((resume) => this.#held!.push(resume));
    const child = this.#active;
    if (!child || !child.alive) return unavailable('no version of the service is running');
    try {
      const result = await child.send<HandleResult>({ op: 'handle', request: requestJson(req) });
      const parsed = readResponse(result.response);
      if (!parsed) return unreadable(result.version);
      return { ...parsed, version: result.version, failed: false };
    } catch (error) {
      if (error instanceof CommandFailed) {
        const { failure } = error;
        const where = failure.location ? ` (${failure.location.file}:${failure.location.line}:${failure.location.column})` : '';
        const status = failure.kind === 'crash' || failure.kind === 'memory' ? 503 : 500;
        return {
          status,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: `${failure.message}${where}\n`,
          version: status === 503 ? null : (failure.version ?? null),
          failed: true,
          error: `${failure.message}${where}`,
        };
      }
      throw error;
    }
  }

  /**
   * Stop every process for good (the engine stops). An update still finishing may ask for standbys afterwards
   * (once its first answer came or timed out): none is started, or it would keep this process alive after quit.
   */
  close(): Promise<void> {
    this.#closed = true;
    return this.stopAll();
  }

  async stopAll(): Promise<void> {
    this.#active = null;
    this.#standbys = [];
    for (const waiter of this.#servingWaiters.splice(0)) waiter(null);
    await Promise.all([...this.#processes].map((p) => p.stop()));
  }
}

/** The first of these processes to come up, or null if they all died starting. */
function firstUp(processes: readonly SandboxProcess[]): Promise<SandboxProcess | null> {
  const ups = processes.map((process) => process.ready.then(() => process));
  return Promise.any(ups).catch(() => null);
}

/** The driver sends the same few request objects over and over: serialise each once. */
const serialised = new WeakMap<ServiceRequest, string>();
function requestJson(req: ServiceRequest): string {
  let json = serialised.get(req);
  if (json === undefined) {
    json = JSON.stringify(req);
    serialised.set(req, json);
  }
  return json;
}

function unreadable(version: number): ServiceResponse {
  const why = 'hotlab could not read the response the service produced: did the service replace a built-in (JSON.stringify, Number.isInteger, …) that turning its return value into a response relies on?';
  return { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${why}\n`, version, failed: true, error: why };
}

function unavailable(why: string): ServiceResponse {
  return { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${why}\n`, version: null, failed: true, error: why };
}
