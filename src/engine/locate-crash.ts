// Where a version that crashed its test-run crashed. A long built-in call at the top level (`new Array(1.5e8)
// .fill(0)`) cannot be interrupted by the time limit, so the watchdog kills the process; a memory bomb disposes
// the isolate. Either way there is no stack, and the refusal named no place (issue 12, point 9). A process of its
// own then evaluates the program one module at a time, and the module it dies in one top-level statement at a
// time: the command it dies in (or fails in) is the statement to name.
import { CommandFailed, type SandboxProcess } from './sandbox/sandbox-process.ts';
import type { LoadableModule, LoadableProgram } from './sandbox/protocol.ts';
import type { ProgramGraph } from './graph/program-graph.ts';
import type { ServiceHost } from './service-host.ts';
import type { ModuleShape } from './source/module-shape.ts';
import type { SourceLocation } from './types.ts';

/** The top-level statement the program fails or dies in when run one step at a time; undefined if none does. */
export async function locateCrash(host: ServiceHost, program: LoadableProgram, graph: ProgramGraph): Promise<SourceLocation | undefined> {
  // Which module: evaluate them one after another, each after what it imports.
  let culprit: { module: LoadableModule; index: number } | null = null;
  const found = await inProbe(host, async (probe) => {
    await probe.send({ op: 'step-begin' });
    for (const [index, module] of program.modules.entries()) {
      const failure = await attempt(() => probe.send({ op: 'step-module', module }));
      if (failure === 'ok') continue;
      culprit = { module, index };
      return failure;
    }
    return undefined;
  });
  if (!culprit) return undefined;
  const { module, index } = culprit as { module: LoadableModule; index: number };
  // A plain failure (it threw) had its own stack: that place is better than a statement's.
  if (found && typeof found === 'object') return found;
  // Which statement of that module: a new process, the modules before it, then its statements one at a time.
  const shape = graph.modules.get(module.file)?.shape;
  const statements = shape ? statementsOf(shape) : [];
  if (statements.length === 0) return undefined;
  return inProbe(host, async (probe) => {
    await probe.send({ op: 'step-begin' });
    for (const before of program.modules.slice(0, index)) await probe.send({ op: 'step-module', module: before });
    await probe.send({ op: 'step-into', module });
    for (const statement of statements) {
      const { line, column } = statement.location;
      const failure = await attempt(() => probe.send({ op: 'step', code: statement.code, file: module.file, line, column }));
      if (failure === 'ok') continue;
      return failure === 'crashed' ? statement.location : failure;
    }
    return undefined;
  });
}

type Attempt = 'ok' | 'crashed' | SourceLocation | undefined;

/** A step's outcome: ok, the process died or ran out of memory in it, or it failed (at its own place, if any). */
async function attempt(step: () => Promise<unknown>): Promise<Attempt> {
  try {
    await step();
    return 'ok';
  } catch (error) {
    if (!(error instanceof CommandFailed)) throw error;
    return error.failure.kind === 'crash' || error.failure.kind === 'memory' ? 'crashed' : error.failure.location;
  }
}

async function inProbe<T>(host: ServiceHost, run: (probe: SandboxProcess) => Promise<T>): Promise<T> {
  const probe = host.spawn();
  try {
    await probe.ready;
    return await run(probe);
  } finally {
    probe.kill();
  }
}

/**
 * A module's top-level statements as the steps run them: function declarations first (in the module they are
 * hoisted, so statements above them may call them), each with its place in the learner's file.
 */
function statementsOf(shape: ModuleShape): Array<{ code: string; location: SourceLocation }> {
  const items = [...shape.topLevel.filter((item) => item.kind === 'function'), ...shape.topLevel.filter((item) => item.kind !== 'function')];
  return items.map((item) => ({ code: shape.code.slice(item.start, item.end), location: item.location }));
}
