// Entry point of a sandbox child process (started by sandbox-process.ts with --no-node-snapshot).
// It owns one isolate and answers the engine's commands in order, synchronously, one batch at a time.
import { readFileSync } from 'node:fs';
import { Batcher } from './batcher.ts';
import { IsolateRuntime, RuntimeFailure } from './isolate-runtime.ts';
import { failureFrom } from './failure-from.ts';
import { EXIT_ISOLATE_DISPOSED } from './exit-codes.ts';
import type { ChildCommand, ChildEvent, ChildFailure, ChildReply, Envelope, LoadableModule } from './protocol.ts';


interface Artifact {
  version: number;
  module: LoadableModule;
}

const send = (envelope: Envelope<ChildReply | ChildEvent>): void => {
  if (process.connected) process.send!(envelope);
};
const out = new Batcher<ChildReply | ChildEvent>(send);

const limits = JSON.parse(process.env.HOTLAB_LIMITS ?? '{}') as Partial<IsolateRuntime['limits']>;
const runtime = new IsolateRuntime(
  { memoryLimitMb: limits.memoryLimitMb ?? 64, callTimeoutMs: limits.callTimeoutMs ?? 100, initTimeoutMs: limits.initTimeoutMs ?? 1000 },
  (level, message, version) => out.push({ event: 'log', level, message, version }),
);

function run(command: ChildCommand): unknown {
  switch (command.op) {
    case 'load':
      return runtime.load(command.version, command.module, command.handover, command.retainPrevious);
    case 'adopt':
      return runtime.adopt(command.state);
    case 'patch':
      return runtime.patch(command.version, command.patches, command.bindingNames);
    case 'verify':
      return runtime.verify(command.module, command.probe);
    case 'handle':
      return runtime.handle(command.request);
    case 'snapshot':
      return runtime.snapshot();
    case 'eval':
      return runtime.evaluate(command.expression);
    case 'set':
      return runtime.set(command.name, command.valueExpression);
    case 'unload':
      return runtime.unload();
    case 'stats':
      return runtime.stats();
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

function exitIfDisposed(): void {
  if (runtime.disposed) {
    // V8 disposed the isolate at its memory limit: every context is gone. Report, then let the engine restart us.
    out.flush();
    setImmediate(() => process.exit(EXIT_ISOLATE_DISPOSED));
  }
}

type Incoming = { id: number; command: ChildCommand };

/** Consecutive requests in one envelope are served in one isolate call (see IsolateRuntime.handleBatch). */
function answerRequests(items: Incoming[]): void {
  try {
    const outcomes = runtime.handleBatch(items.map((i) => (i.command as Extract<ChildCommand, { op: 'handle' }>).request));
    outcomes.forEach((outcome, n) => {
      const id = items[n]!.id;
      if ('failure' in outcome) out.push({ id, ok: false, failure: { ...outcome.failure, version: outcome.version } });
      else out.push({ id, ok: true, result: outcome });
    });
  } catch (error) {
    const failure: ChildFailure = error instanceof RuntimeFailure ? error.failure : failureFrom(error, 'internal', '');
    for (const { id } of items) out.push({ id, ok: false, failure });
  }
  exitIfDisposed();
}

process.on('message', (envelope: Envelope<Incoming>) => {
  let requests: Incoming[] = [];
  for (const item of envelope.batch) {
    if (item.command.op === 'handle') {
      requests.push(item);
      continue;
    }
    if (requests.length > 0) answerRequests(requests);
    requests = [];
    answer(item.id, item.command);
  }
  if (requests.length > 0) answerRequests(requests);
});
process.on('disconnect', () => process.exit(0));

// binary-replace boots a process from a built artifact on disk, as a new binary boots from its file.
const artifactPath = process.env.HOTLAB_ARTIFACT;
if (artifactPath) {
  try {
    const artifact = JSON.parse(readFileSync(artifactPath, 'utf8')) as Artifact;
    runtime.load(artifact.version, artifact.module, 'none', false);
    out.push({ event: 'ready', version: artifact.version });
  } catch (error) {
    const failure = error instanceof RuntimeFailure ? error.failure : failureFrom(error, 'init', '');
    out.push({ event: 'ready', version: null, failure });
    exitIfDisposed();
  }
} else {
  out.push({ event: 'ready', version: null });
}
