// Where a version that crashed its test-run crashed. A long built-in call at the top level (`new Array(1.5e8)
// .fill(0)`) cannot be interrupted by the time limit, so the watchdog kills the process; a memory bomb disposes
// the isolate. Either way there is no stack, and the refusal named no place (issue 12, point 9). A process of its
// own then runs the module's top-level statements one command at a time: the command it dies in (or fails in)
// is the statement to name.
import { CommandFailed } from './sandbox/sandbox-process.ts';
import type { ServiceHost } from './service-host.ts';
import type { ModuleShape } from './source/module-shape.ts';
import type { SourceLocation } from './types.ts';

/** The top-level statement the module fails or dies in when run one statement at a time; undefined if none does. */
export async function locateCrash(host: ServiceHost, shape: ModuleShape): Promise<SourceLocation | undefined> {
  // Function declarations first: in the module they are hoisted, so statements above them may call them.
  const items = [...shape.topLevel.filter((item) => item.kind === 'function'), ...shape.topLevel.filter((item) => item.kind !== 'function')];
  if (items.length === 0) return undefined;
  const probe = host.spawn();
  try {
    await probe.ready;
    await probe.send({ op: 'step-begin' });
    for (const item of items) {
      try {
        await probe.send({ op: 'step', code: shape.code.slice(item.start, item.end), file: shape.file, line: item.location.line, column: item.location.column });
      } catch (error) {
        if (!(error instanceof CommandFailed)) throw error;
        // A crash or a kill has no stack: the statement is the place. A plain failure may have a better one.
        return error.failure.kind === 'crash' || error.failure.kind === 'memory' ? item.location : (error.failure.location ?? item.location);
      }
    }
    return undefined;
  } finally {
    probe.kill();
  }
}
