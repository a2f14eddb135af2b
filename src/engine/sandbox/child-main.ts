// Entry point of a sandbox child process (started by sandbox-process.ts with --no-node-snapshot).
// It owns one isolate and answers the engine's commands in order, one unit of work per event-loop turn.
import { readFileSync } from 'node:fs';
import { Batcher } from './batcher.ts';
import { LOG_LINES_PER_SECOND, LogLimiter } from './log-limiter.ts';
import { IsolateRuntime, RuntimeFailure } from './isolate-runtime.ts';
import { failureFrom } from './failure-from.ts';
import { EXIT_ISOLATE_DISPOSED } from './exit-codes.ts';
import { beat } from './heartbeat.ts';
import type { ChildCommand, ChildEvent, ChildFailure, ChildReply, Envelope, LoadableProgram } from './protocol.ts';

/** What binary-replace builds (strategies/artifact.ts): the whole program, every module. */
interface Artifact {
  version: number;
  program: LoadableProgram;
}

const send = (envelope: Envelope<ChildReply | ChildEvent>): void => {
  if (process.connected) process.send!(envelope);
};
const out = new Batcher<ChildReply | ChildEvent>(send);

// The isolate limits its own lines to LOG_LINES_PER_SECOND (in-isolate.ts) and says how many it dropped; this is a
// backstop at twice that rate, so it never drops the isolate's own drop notice.
const logLimiter = new LogLimiter(LOG_LINES_PER_SECOND * 2);
const limits = JSON.parse(process.env.HOTLAB_LIMITS ?? '{}') as Partial<IsolateRuntime['limits']>;
const runtime = new IsolateRuntime(
  { memoryLimitMb: limits.memoryLimitMb ?? 64, callTimeoutMs: limits.callTimeoutMs ?? 100, initTimeoutMs: limits.initTimeoutMs ?? 1000 },
  (level, message, version) => {
    for (const line of logLimiter.admit(message)) out.push({ event: 'log', level, message: line, version });
  },
);

function run(command: ChildCommand): unknown {
  switch (command.op) {
    case 'load':
      return runtime.load(command.version, command.program, command.plan, command.heap);
    case 'boot':
      return bootFrom(command.artifact);
    case 'state':
      return runtime.stateFor(command.plan, command.program);
    case 'adopt':
      return runtime.adopt(command.states);
    case 'patch':
      return runtime.patch(command.version, command.patches);
    case 'stale':
      return runtime.staleReferences(command.scan);
    case 'verify':
      return runtime.verify(command.program, command.probe, command.lookups, command.handover);
    case 'export-types':
      return runtime.exportTypes(command.modules);
    case 'step-begin':
      return runtime.stepBegin();
    case 'step-module':
      return runtime.stepModule(command.module);
    case 'step-into':
      return runtime.stepInto(command.module);
    case 'step':
      return runtime.step(command.code, command.file, command.line, command.column);
    case 'handle':
      // Requests never come here: work() answers them in slices (answerRequests), one isolate call for many.
      throw new Error('a request reached the single-command path');
    case 'snapshot':
      return runtime.snapshot();
    case 'eval':
      return runtime.evaluate(command.expression, command.module, command.mark);
    case 'set':
      return runtime.set(command.name, command.valueExpression, command.module);
    case 'unload':
      return runtime.unload();
    case 'stats':
      return runtime.stats(command.collect ?? false);
  }
}

function answer(id: number, command: ChildCommand): void {
  try {
    out.push({ id, ok: true, result: run(command) });
  } catch (error) {
    const failure: ChildFailure = error instanceof RuntimeFailure ? error.failure : failureFrom(error, 'internal', '');
    out.push({ id, ok: false, failure });
  }
  exitIfDisposed();
}

let exiting = false;
function exitIfDisposed(): void {
  if (runtime.disposed && !exiting) {
    // V8 disposed the isolate at its memory limit: every context is gone. Report, then let the engine restart us.
    exiting = true;
    out.push({ event: 'disposed' });
    out.flush();
    setImmediate(() => process.exit(EXIT_ISOLATE_DISPOSED));
  }
}

type Incoming = { id: number; command: ChildCommand };

/**
 * Commands wait here and are answered in order, one unit of work per event-loop turn: a command, or one isolate
 * call's worth of consecutive requests (IsolateRuntime.handleSlice). Returning to the event loop in between is
 * what lets the replies (and console.log lines) actually leave: while this process runs JavaScript, libuv writes
 * nothing once the IPC pipe is full, the engine hears nothing, and its watchdog takes the busy process for a stuck
 * one. Measured before this queue: a 30 ms handler (well inside the 100 ms limit) under the default 100 req/s had
 * its sandbox killed every few seconds, as did a handler logging in a loop.
 */
const queue: Incoming[] = [];
let scheduled = false;

function schedule(): void {
  // A disposed isolate means exit is on its way (exitIfDisposed); the engine fails what is still waiting.
  if (scheduled || queue.length === 0 || runtime.disposed) return;
  scheduled = true;
  setImmediate(work);
}

function work(): void {
  beat();
  scheduled = false;
  const first = queue[0];
  if (!first) return;
  if (first.command.op !== 'handle') {
    queue.shift();
    answer(first.id, first.command);
  } else {
    let count = 1;
    while (queue[count]?.command.op === 'handle') count++;
    answerRequests(queue.slice(0, count));
  }
  out.flush();
  schedule();
  if (!first.command.op.startsWith('handle')) prepareSpareWhenIdle();
}

/**
 * After an update, make the next update's context (1–2 ms of work) a few ms later and only if nothing is
 * waiting, so it never sits between a new version and its first response.
 */
const SPARE_DELAY_MS = 5;
let spareTimer: NodeJS.Timeout | null = null;
function prepareSpareWhenIdle(): void {
  if (spareTimer) return;
  spareTimer = setTimeout(() => {
    spareTimer = null;
    if (queue.length > 0) return prepareSpareWhenIdle();
    runtime.prepareSpare();
  }, SPARE_DELAY_MS);
  spareTimer.unref();
}

/** Answers a prefix (at least one) of consecutive requests at the head of the queue, and removes it. */
function answerRequests(items: Incoming[]): void {
  let answered: number;
  try {
    const outcomes = runtime.handleSlice(items.map((i) => (i.command as Extract<ChildCommand, { op: 'handle' }>).request));
    if (outcomes.length === 0) throw new Error('the request harness answered nothing');
    answered = Math.min(outcomes.length, items.length);
    outcomes.slice(0, answered).forEach((outcome, n) => {
      const id = items[n]!.id;
      if ('failure' in outcome) out.push({ id, ok: false, failure: { ...outcome.failure, version: outcome.version } });
      else out.push({ id, ok: true, result: outcome });
    });
  } catch (error) {
    // The isolate itself failed (disposed at its memory limit, or no version loaded): every waiting request fails alike.
    const failure: ChildFailure = error instanceof RuntimeFailure ? error.failure : failureFrom(error, 'internal', '');
    answered = items.length;
    for (const { id } of items) out.push({ id, ok: false, failure });
  }
  queue.splice(0, answered);
  exitIfDisposed();
}

process.on('message', (envelope: Envelope<Incoming>) => {
  for (const item of envelope.batch) queue.push(item);
  schedule();
});
// The engine is gone (it stops a sandbox with SIGKILL). Nothing in this process outlives it, its state included,
// so it skips Node's teardown (disposing the isolate and the environment: 10–20 ms, ~100 ms on a busy machine).
process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));

/** binary-replace boots a process from a built artifact on disk, as a new binary boots from its file. */
function bootFrom(path: string): { version: number } {
  const artifact = JSON.parse(readFileSync(path, 'utf8')) as Artifact;
  runtime.load(artifact.version, artifact.program, { kind: 'fresh' });
  return { version: artifact.version };
}

// Started with an artifact: boot it now. Started without one (a standby): warm up, then wait for a 'boot' or 'load'.
const artifactPath = process.env.HOTLAB_ARTIFACT;
if (artifactPath) {
  try {
    out.push({ event: 'ready', version: bootFrom(artifactPath).version });
  } catch (error) {
    const failure = error instanceof RuntimeFailure ? error.failure : failureFrom(error, 'init', '');
    out.push({ event: 'ready', version: null, failure });
    exitIfDisposed();
  }
} else {
  try {
    runtime.warmUp();
  } catch {
    // Only hotlab's own code ran: the process still works, its first version just loads on cold code paths.
  }
  out.push({ event: 'ready', version: null });
}
prepareSpareWhenIdle();
