// The engine's handle on one sandbox child process: send commands, get replies, notice when it dies or hangs.
// The learner's code can abort V8 (and with it the process it runs in), so it never runs in the engine's process.
import { fork, type ChildProcess } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Batcher } from './batcher.ts';
import { EXIT_ISOLATE_DISPOSED } from './exit-codes.ts';
import { neutralise } from '../plain-text.ts';
import type { ChildCommand, ChildEvent, ChildFailure, ChildReply, Envelope } from './protocol.ts';
import type { RuntimeLimits } from './isolate-runtime.ts';

// Run the TypeScript source when we are the source (tests), the built file when built.
const CHILD_ENTRY = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './child-main.ts' : './child-main.js', import.meta.url));

/** Niceness of a background sandbox: it yields the CPU to the learner's service whenever both want it. */
const BACKGROUND_NICENESS = 10;

/** Extra time past the learner's own limits before we decide the child is stuck (isolated-vm cannot stop one long built-in call). */
const WATCHDOG_GRACE_MS = 1000;
/** How often the watchdog looks. */
const WATCHDOG_INTERVAL_MS = 200;

export class CommandFailed extends Error {
  readonly failure: ChildFailure;
  constructor(failure: ChildFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

export interface SandboxExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** A sentence for the learner: what happened to the process. */
  reason: string;
  /** True when we asked it to stop. */
  expected: boolean;
}

export interface SpawnOptions {
  limits: RuntimeLimits;
  /** binary-replace: boot from this built artifact. */
  artifact?: string;
  /** Run at a lower CPU priority (a lesson check's scratch service): the learner's own service comes first. */
  background?: boolean;
  onLog?: (event: Extract<ChildEvent, { event: 'log' }>) => void;
  onExit?: (exit: SandboxExit) => void;
}

interface Pending {
  command: ChildCommand;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  budgetMs: number;
  sentAt: number;
}

export class SandboxProcess {
  readonly limits: RuntimeLimits;
  /** Resolves when the child is up (and, with an artifact, has evaluated it). */
  readonly ready: Promise<{ version: number | null }>;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, Pending>();
  readonly #out: Batcher<{ id: number; command: ChildCommand }>;
  readonly #options: SpawnOptions;
  #nextId = 1;
  #lastProgressAt = performance.now();
  #watchdog: NodeJS.Timeout | null = null;
  #stderrTail = '';
  #stopping = false;
  #exited: SandboxExit | null = null;
  #exitWaiters: Array<() => void> = [];

  constructor(options: SpawnOptions) {
    this.#options = options;
    this.limits = options.limits;
    this.#child = fork(CHILD_ENTRY, [], {
      // --expose-gc: the heap budget decides on live memory after a full collection (heap-budget.ts).
      execArgv: ['--no-node-snapshot', '--expose-gc', '--disable-warning=ExperimentalWarning'],
      serialization: 'advanced',
      // stdout carries the child's heartbeat (heartbeat.ts); stderr, V8's last words when it aborts.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...inheritedEnvironment(),
        HOTLAB_LIMITS: JSON.stringify(options.limits),
        HOTLAB_ARTIFACT: options.artifact ?? '',
      },
    });
    if (options.background && this.#child.pid) {
      try {
        setPriority(this.#child.pid, BACKGROUND_NICENESS);
      } catch {
        // Not allowed here (or the child is already gone): it runs at the normal priority.
      }
    }
    this.#child.stdout?.on('data', () => {
      this.#lastProgressAt = performance.now();
    });
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (chunk: string) => {
      this.#stderrTail = (this.#stderrTail + chunk).slice(-4000);
    });
    this.#out = new Batcher((envelope) => {
      if (this.#child.connected) this.#child.send(envelope);
    });
    let onReady: (value: { version: number | null }) => void = () => {};
    let onReadyFail: (error: Error) => void = () => {};
    this.ready = new Promise((resolve, reject) => {
      onReady = resolve;
      onReadyFail = reject;
    });
    this.ready.catch(() => {}); // observed by whoever awaits it; never an unhandled rejection
    this.ready.then(() => (this.#started = true), () => {});
    this.#child.on('message', (envelope: Envelope<ChildReply | ChildEvent>) => {
      this.#lastProgressAt = performance.now();
      for (const message of envelope.batch) {
        if ('event' in message) {
          if (message.event === 'log') this.#options.onLog?.({ ...message, message: neutralise(message.message) });
          else if (message.event === 'disposed') this.#doomed = true;
          else if (message.failure) onReadyFail(new CommandFailed(plain(message.failure)));
          else onReady({ version: message.version });
        } else {
          this.#settle(message);
        }
      }
    });
    this.#child.on('exit', (code, signal) => {
      const exit = this.#describeExit(code, signal);
      this.#exited = exit;
      this.#stopWatchdog();
      onReadyFail(new CommandFailed({ kind: 'crash', message: exit.reason }));
      for (const pending of this.#pending.values()) pending.reject(new CommandFailed({ kind: exit.code === EXIT_ISOLATE_DISPOSED ? 'memory' : 'crash', message: exit.reason }));
      this.#pending.clear();
      for (const waiter of this.#exitWaiters) waiter();
      this.#options.onExit?.(exit);
    });
    this.#child.on('error', () => {
      // 'exit' follows and reports; an IPC write to a dying child lands here.
    });
  }

  get pid(): number | null {
    return this.#child.pid ?? null;
  }

  /** False once it exited, or said it is about to (its isolate was disposed): nothing sent now would be answered. */
  get alive(): boolean {
    return this.#exited === null && !this.#doomed;
  }

  #doomed = false;
  #started = false;

  /** Up and answering (`ready` has resolved): a process started ahead of need that can take work at once. */
  get started(): boolean {
    return this.#started && this.alive;
  }

  get inFlight(): number {
    return this.#pending.size;
  }

  /** Send one command; resolves with the child's result, rejects with CommandFailed. */
  send<T>(command: ChildCommand): Promise<T> {
    if (this.#exited) return Promise.reject(new CommandFailed({ kind: 'crash', message: this.#exited.reason }));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.#pending.size === 0) this.#lastProgressAt = performance.now();
      this.#pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject, budgetMs: this.#budget(command), sentAt: performance.now() });
      this.#out.push({ id, command });
      // Requests wait for the rest of their tick to share one send; a command (an update's steps) goes now.
      if (command.op !== 'handle') this.#out.flush();
      this.#startWatchdog();
    });
  }

  /**
   * Stop the child; resolves once it is gone. Nothing in it outlives it (its state included), so it is killed
   * rather than asked: asking waited for a busy machine to schedule the child to hear it (and Node's teardown
   * after), and a cold restart's downtime waits for the old process to be gone.
   */
  async stop(): Promise<void> {
    if (this.#exited) return;
    this.#stopping = true;
    const exited = new Promise<void>((resolve) => this.#exitWaiters.push(resolve));
    this.#child.kill('SIGKILL');
    await exited;
  }

  kill(): void {
    this.#stopping = true;
    this.#child.kill('SIGKILL');
  }

  #settle(reply: ChildReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#stopWatchdog();
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(new CommandFailed(plain(reply.failure)));
  }

  #budget(command: ChildCommand): number {
    const { callTimeoutMs, initTimeoutMs } = this.limits;
    switch (command.op) {
      case 'load':
      case 'verify':
      case 'patch':
      case 'step':
        return initTimeoutMs + 4 * callTimeoutMs + WATCHDOG_GRACE_MS;
      default:
        return 2 * callTimeoutMs + WATCHDOG_GRACE_MS;
    }
  }

  #startWatchdog(): void {
    if (this.#watchdog) return;
    this.#lastCheckAt = performance.now();
    this.#watchdog = setInterval(() => this.#checkStuck(), WATCHDOG_INTERVAL_MS);
    this.#watchdog.unref();
  }

  #stopWatchdog(): void {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#watchdog = null;
  }

  /**
   * Only time the host was free to hear the child counts against it. While the host's own event loop is blocked
   * (a large source parsed, large responses written) the child's answers wait unread in the pipe, and the timer
   * fires late: that lateness is the host's, so it moves the last progress forward (issue 12, point 5: a healthy
   * sandbox was killed, and its state lost, because the host was busy). A verdict is also confirmed after the
   * event loop's poll phase has delivered whatever was already waiting.
   */
  #checkStuck(): void {
    const now = performance.now();
    const hostLate = now - this.#lastCheckAt - WATCHDOG_INTERVAL_MS;
    this.#lastCheckAt = now;
    if (hostLate > WATCHDOG_INTERVAL_MS) this.#lastProgressAt = Math.min(now, this.#lastProgressAt + hostLate);
    if (this.#overBudget() === null || this.#confirming) return;
    this.#confirming = true;
    setImmediate(() => {
      this.#confirming = false;
      const over = this.#overBudget();
      if (over === null || this.#exited) return;
      this.#stderrTail += `\n[hotlab] no answer to '${over.op}' for ${Math.round(over.waited)} ms: killed`;
      this.#hung = Math.round(over.waited);
      this.#child.kill('SIGKILL');
    });
  }

  /** The oldest command waiting past its budget, or null. */
  #overBudget(): { op: string; waited: number } | null {
    const oldest = this.#pending.values().next().value;
    if (!oldest) {
      this.#stopWatchdog();
      return null;
    }
    const waited = performance.now() - Math.max(this.#lastProgressAt, oldest.sentAt);
    return waited > oldest.budgetMs ? { op: oldest.command.op, waited } : null;
  }

  #lastCheckAt = 0;
  #confirming = false;

  #hung: number | null = null;

  #describeExit(code: number | null, signal: NodeJS.Signals | null): SandboxExit {
    const expected = this.#stopping && this.#hung === null;
    let reason: string;
    if (this.#hung !== null) {
      reason = `the sandbox stopped answering for ${this.#hung} ms (a long built-in call the time limit cannot interrupt?) and was killed`;
    } else if (code === EXIT_ISOLATE_DISPOSED) {
      reason = 'the isolate ran out of memory (over its heap limit) and was disposed';
    } else if (signal === 'SIGABRT' || /out of memory|heap limit|OOM/i.test(this.#stderrTail)) {
      reason = `V8 aborted the sandbox process (${signal ?? `exit ${code}`}): out of memory. ${lastLine(this.#stderrTail)}`.trim();
    } else if (expected) {
      reason = 'stopped';
    } else {
      reason = `the sandbox process exited unexpectedly (${signal ?? `exit code ${code}`}). ${lastLine(this.#stderrTail)}`.trim();
    }
    return { code, signal, reason, expected };
  }
}

/**
 * What the child inherits from the host's environment. The isolate has no `process`, so it cannot read any of
 * it; but the host's environment often holds tokens and keys, and a process that runs untrusted code should not
 * hold them at all, in case a future isolated-vm escape (GHSA-864f-rcv7-6rh4 was one) reaches its `process.env`.
 * TZ and the locale stay so the learner's `Date` and `Intl` match the host's.
 */
const INHERITED_ENV = ['PATH', 'TZ', 'LANG', 'LC_ALL', 'LC_TIME', 'SYSTEMROOT'];

function inheritedEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of INHERITED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

/** A failure's message carries what learner code threw: printable before anyone prints it. */
function plain(failure: ChildFailure): ChildFailure {
  return { ...failure, message: neutralise(failure.message) };
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter((l) => l.trim() && !l.startsWith('    at '));
  const line = lines.find((l) => /out of memory|heap limit|Fatal/i.test(l)) ?? lines.at(-1) ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
