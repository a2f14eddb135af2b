// Handing a version's state (`hot.data`, or what `snapshot()` returns) to the next version, host side.
//
// The state belongs to the version serving now, and a save cannot change that version: if its state cannot be
// copied (a function, a Proxy, a Symbol, a getter that throws) or its snapshot() throws or loops, every later
// save would fail the same way and the learner would be stuck until a restart (issue 12, point 6). So a
// serving version's state is refused once, with what cannot be copied and where; after that, updates from
// that version hand over what can be copied and say in a note what was left out.
import ivm from 'isolated-vm';
import { failureFrom, locate } from './failure-from.ts';
import type { ChildFailure, LoadableModule } from './protocol.ts';
import type { SourceLocation } from '../types.ts';
import { declarationOf, locationOfOffset } from './declaration-of.ts';

/** Receives the copies `handOut` makes inside the isolate (see in-isolate-hand-out.ts). */
export class HandOutReceiver {
  readonly callback: ivm.Callback;
  #value: unknown;

  constructor() {
    // Sync: the copy must be here when the harness call returns. Arguments arrive already copied, as plain data.
    this.callback = new ivm.Callback((purpose: unknown, value: unknown, key: unknown) => {
      if (purpose === 'hand-out') this.#value = value;
      else if (purpose === 'hand-out-key' && typeof key === 'string' && typeof this.#value === 'object' && this.#value !== null) {
        (this.#value as Record<string, unknown>)[key] = value;
      }
      // 'probe': only whether it copies mattered, and the caller saw that.
    });
  }

  /** The copy received since the last take, then forgets it (a large state must not stay in the host). */
  take(): unknown {
    const value = this.#value;
    this.#value = undefined;
    return value;
  }
}

export type StateName = 'hot-data' | 'snapshot';

/** What one version needs to hand its state out. */
export interface HandOutSource {
  harness: ivm.Reference<(op: string, name?: string, payload?: unknown) => unknown>;
  receiver: HandOutReceiver;
  /** The learner's module, for its name and for places to point at. */
  module: Pick<LoadableModule, 'file' | 'code' | 'exports'>;
  /** Set once this version's state was refused: from then on it hands over what it can. */
  handOutRefused: boolean;
}

export interface HandedOut {
  value: unknown;
  /** What was left out and why, as the update's notes. */
  notes: string[];
}

/** Thrown when the state is refused; the runtime turns it into the update's failure. */
export class HandOutRefused extends Error {
  readonly failure: ChildFailure;
  constructor(failure: ChildFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

const LABEL: Record<StateName, string> = { 'hot-data': 'hot.data', snapshot: 'snapshot()' };
const THEN: Record<StateName, string> = {
  'hot-data': 'The next update from this version applies without it',
  snapshot: 'The next update from this version applies without handing its state over',
};

/**
 * Copy `what` out of `source`'s context. The first failure is refused (HandOutRefused) with what and where;
 * once refused, it hands over what copies, and the notes say what did not.
 */
export function handOut(source: HandOutSource, what: StateName, timeoutMs: number, isolate: ivm.Isolate, files: readonly string[] = [source.module.file]): HandedOut {
  const lenient = source.handOutRefused;
  const kind = what === 'snapshot' ? 'snapshot' : 'migrate';
  let result: unknown;
  source.receiver.take();
  try {
    result = source.harness.applySync(undefined, ['hand-out', what, lenient as unknown as string], {
      timeout: timeoutMs,
      arguments: { copy: true },
      result: { copy: true },
    });
  } catch (error) {
    // snapshot() threw or ran out of time (or hot was replaced by something that throws when read).
    const failure = failureFrom(error, kind, files, isolate);
    if (failure.kind === 'memory') throw new HandOutRefused(failure);
    const said = failure.kind === 'timeout' ? `${LABEL[what]} did not finish within the time limit (an endless loop?)` : `${LABEL[what]} threw: ${failure.message}`;
    if (lenient) return { value: undefined, notes: [`${said}; no state was handed over`] };
    source.handOutRefused = true;
    throw new HandOutRefused({ ...failure, message: `${said}. ${THEN[what]}` });
  }
  const answer = (typeof result === 'object' && result !== null ? result : {}) as { ok?: unknown; leftOut?: unknown; message?: unknown; stack?: unknown };
  if (answer.ok === true) {
    const leftOut = Array.isArray(answer.leftOut) ? answer.leftOut.map(String) : [];
    return {
      value: source.receiver.take(),
      notes: leftOut,
    };
  }
  source.handOutRefused = true;
  const message = typeof answer.message === 'string' ? answer.message : `${LABEL[what]} cannot be copied to the new version`;
  const hint = message.includes('cannot be copied') ? ' (hand over plain data: numbers, strings, arrays, objects, Map, Set, Date)' : '';
  throw new HandOutRefused({
    kind,
    message: `${message}${hint}. ${THEN[what]}`,
    location: locate(typeof answer.stack === 'string' ? answer.stack : '', files) ?? whereStateIsMade(source.module, what, message),
  });
}

/**
 * A place for a refusal whose value has no stack to point at: snapshot() itself, or the first line of the code
 * that writes the part of hot.data named in the message (`hot.data.cache…` → the first `hot.data.cache`).
 */
function whereStateIsMade(module: HandOutSource['module'], what: StateName, message: string): SourceLocation | undefined {
  if (what === 'snapshot') {
    const local = module.exports['snapshot'];
    return local ? declarationOf(module.code, module.file, local) : undefined;
  }
  const key = /^hot\.data\.([A-Za-z_$][\w$]*)/.exec(message)?.[1];
  if (!key) return undefined;
  const match = new RegExp(`\\bhot\\.data\\.${key.replace(/\$/g, '\\$')}(?![\\w$])`).exec(module.code);
  return match ? locationOfOffset(module.code, module.file, match.index) : undefined;
}
