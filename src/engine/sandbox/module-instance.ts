// One evaluated copy of one learner module: its own context (globals, state, `hot`), the harness the host calls
// it through, and the reader its importers read its exports with. A program is one instance per module; plugin-swap
// keeps old instances loaded beside the live one.
import type ivm from 'isolated-vm';
import { failureFrom } from './failure-from.ts';
import { handOut, HandOutRefused, type HandedOut, type HandOutReceiver, type HandOutSource, type StateName } from './hand-out.ts';
import type { ChildFailure, LoadableModule } from './protocol.ts';
import { releaseQuietly } from './release-slot.ts';

type Harness = (op: string, arg?: unknown, payload?: unknown) => unknown;

/** What an instance needs from the runtime around it. */
export interface InstanceHost {
  isolate: ivm.Isolate;
  callTimeoutMs: number;
  /** Every module file of the program, so a failure deep in another module is still located. */
  files(): readonly string[];
}

export class RuntimeFailure extends Error {
  readonly failure: ChildFailure;
  constructor(failure: ChildFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

export class ModuleInstance implements HandOutSource {
  readonly module: LoadableModule;
  /** The program version that created this instance (or that last patched it). */
  version: number;
  readonly context: ivm.Context;
  readonly harness: ivm.Reference<Harness>;
  #reader: ivm.Reference<unknown> | null = null;
  /** Tells the context's console which version speaks. */
  readonly owner: { version: number; quiet: boolean };
  /** Where this instance's hot.data or snapshot() copies arrive (see hand-out.ts). */
  readonly receiver: HandOutReceiver;
  /** Its state was refused once: from then on it hands over what it can. */
  handOutRefused = false;
  /** Heap growth measured when this instance was loaded: what keeping it costs, its context included. */
  heapCost = 0;
  /** What its context took when it was made ahead of the load (0 when made during it). */
  contextCost = 0;
  readonly #host: InstanceHost;

  constructor(init: {
    module: LoadableModule;
    version: number;
    context: ivm.Context;
    harness: ivm.Reference<Harness>;
    receiver: HandOutReceiver;
    owner: { version: number; quiet: boolean };
    host: InstanceHost;
  }) {
    this.module = init.module;
    this.version = init.version;
    this.context = init.context;
    this.harness = init.harness;
    this.receiver = init.receiver;
    this.owner = init.owner;
    this.#host = init.host;
  }

  get id(): string {
    return this.module.file;
  }

  /**
   * `{read, namespace}`: what the program's registry holds for this module, for its importers. Asked for only once
   * some module imports this one (a one-file service never needs it: two isolate calls saved on every update).
   */
  reader(): ivm.Reference<unknown> {
    this.#reader ??= this.harness.applySync(undefined, ['reader'], { timeout: this.#host.callTimeoutMs, result: { reference: true } }) as ivm.Reference<unknown>;
    return this.#reader;
  }

  /** A harness op with plain-data arguments, copied in and out, under the per-call time limit. */
  call(op: string, arg: string | undefined, payload: unknown, kind: ChildFailure['kind'], copyPayload: boolean): unknown {
    try {
      // Payloads are plain data; the cast only quiets isolated-vm's transfer typing. Copying them is what keeps
      // every host object (and so every Reference) out of the learner's reach.
      return this.harness.applySync(undefined, [op, arg, payload as string], {
        timeout: this.#host.callTimeoutMs,
        arguments: copyPayload ? { copy: true } : undefined,
        result: { copy: true },
      });
    } catch (error) {
      throw this.failure(error, kind);
    }
  }

  /** `typeof` the export `name` as the module's importers would read it. */
  exportType(name: string): string {
    return this.call('type', name, undefined, 'init', false) as string;
  }

  hasFunction(name: string): boolean {
    return this.exportType(name) === 'function';
  }

  /**
   * These bindings' leaves, `path=value` as the REPL shows each (bounded), or null when they cannot be read (the
   * time limit): what a learner can observe of this instance's state.
   */
  observedState(names: readonly string[]): string[] | null {
    try {
      const leaves = this.call('state', undefined, names, 'handler', true);
      return Array.isArray(leaves) ? leaves.map(String) : null;
    } catch {
      return null;
    }
  }

  /** Did the module call `hot.accept()` while it initialised? */
  accepted(): boolean {
    return this.call('accepted', undefined, undefined, 'init', false) === true;
  }

  /**
   * The module's `hot.data`, or what its `snapshot()` returns, copied out for the next instance; refused once
   * with what cannot be copied and where, then handed over as far as it copies (see hand-out.ts).
   */
  handOut(what: StateName): HandedOut {
    try {
      return handOut(this, what, this.#host.callTimeoutMs, this.#host.isolate, this.#host.files());
    } catch (error) {
      if (error instanceof HandOutRefused) throw new RuntimeFailure(error.failure);
      throw error;
    }
  }

  /** Run a harness op whose payload is a value of this isolate (a Reference's derefInto), not plain data. */
  callWith(op: string, arg: string | undefined, value: ivm.Transferable, kind: ChildFailure['kind'], result: 'copy' | 'reference'): unknown {
    try {
      return this.harness.applySync(undefined, [op, arg, value as unknown as string], {
        timeout: this.#host.callTimeoutMs,
        result: result === 'copy' ? { copy: true } : { reference: true },
      });
    } catch (error) {
      throw this.failure(error, kind);
    }
  }

  failure(error: unknown, kind: ChildFailure['kind']): RuntimeFailure {
    return new RuntimeFailure(failureFrom(error, kind, this.#host.files(), this.#host.isolate));
  }

  /** Give the instance's memory back: its handles and its context (see release-slot.ts for why all three). */
  release(): void {
    if (this.#reader) releaseQuietly(this.#reader);
    releaseQuietly(this.harness);
    releaseQuietly(this.context);
  }
}
