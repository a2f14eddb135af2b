// Turns whatever isolated-vm threw into a ChildFailure the learner can act on: what happened and where.
import type ivm from 'isolated-vm';
import type { SourceLocation } from '../types.ts';
import type { ChildFailure, FailureKind } from './protocol.ts';
import { describeError } from '../errors.ts';

const TIMEOUT = /Script execution timed out/;
const DISPOSED = /Isolate was disposed|isolate is disposed|memory limit/i;

/** `files`: the learner's module files; the failure is located at the first stack frame in any of them. */
export function failureFrom(error: unknown, kind: FailureKind, files: string | readonly string[], isolate?: ivm.Isolate): ChildFailure {
  const message = describeError(error);
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const location = locate(stack, files) ?? locate(message, files);
  if (isolate?.isDisposed || DISPOSED.test(message)) {
    return { kind: 'memory', message: 'the isolate ran out of memory (over its heap limit) and was disposed', location };
  }
  if (TIMEOUT.test(message)) {
    return { kind: 'timeout', message: timeoutMessage(kind), location };
  }
  const name = error instanceof Error && error.name && error.name !== 'Error' ? `${error.name}: ` : '';
  const cleaned = message.startsWith(name) ? message : name + message;
  return { kind, message: cleaned, location };
}

function timeoutMessage(kind: FailureKind): string {
  switch (kind) {
    case 'init':
      return 'the top-level code did not finish within the initialisation time limit (an endless loop?)';
    case 'migrate':
      return 'migrate(prev) did not finish within the time limit';
    case 'snapshot':
      return 'snapshot() did not finish within the time limit';
    default:
      return 'the call did not finish within the time limit (an endless loop?)';
  }
}

/**
 * The first stack frame in one of the learner's files, e.g. `at handle (service.js:3:5)`. Without a file name there
 * is nothing to look for: any `:line:column` then would be a frame of hotlab's own code (issue 12, point 3).
 */
export function locate(text: string, files: string | readonly string[]): SourceLocation | undefined {
  const names = (typeof files === 'string' ? [files] : files).filter((file) => file !== '');
  if (names.length === 0) return undefined;
  const alternatives = names.map((file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // A frame names the file after `(`, `[` or `at `; the look-behind keeps `service.js` from matching `lib/service.js`.
  const match = new RegExp(`(?<=^|[\\s([])(${alternatives}):(\\d+):(\\d+)`).exec(text);
  if (!match) return undefined;
  return { file: match[1]!, line: Number(match[2]), column: Number(match[3]) };
}
