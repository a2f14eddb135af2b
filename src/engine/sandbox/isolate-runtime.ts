// The learner's code inside isolated-vm. Runs in the sandbox child process only: an isolate can abort the
// whole process (design §6), so the engine never loads this module itself.
import ivm from 'isolated-vm';
import { BOOTSTRAP, bindingTableSource } from './in-isolate.ts';
import { readResponse } from '../read-response.ts';
import { neutralise } from '../plain-text.ts';
import { declarationOf } from './declaration-of.ts';
import type { SourceLocation } from '../types.ts';
import { failureFrom, locate } from './failure-from.ts';
import { staleReferenceProbe } from '../source/stale-references.ts';
import { releaseQuietly, releaseSlot } from './release-slot.ts';
import { handOut, HandOutReceiver, HandOutRefused, type StateName } from './hand-out.ts';
import { HeapBudget, type RetainedInfo } from './heap-budget.ts';
import type {
  ChildFailure,
  Handover,
  LoadableModule,
  LoadResult,
  PatchInstruction,
  PatchResult,
  SandboxStats,
  VerifyResult,
} from './protocol.ts';

/** The learner's script runs strict; this prefix shares line 1, so V8 is told to shift line 1's columns back. */
const STRICT_PREFIX = "'use strict';";

export interface RuntimeLimits {
  /** Isolate heap limit in MB. @default 64 */
  memoryLimitMb: number;
  /** Longest a single call into learner code may run. @default 100 */
  callTimeoutMs: number;
  /** Longest the module's top-level initialisation may run. @default 1000 */
  initTimeoutMs: number;
}

export type LogSink = (level: 'log' | 'info' | 'warn' | 'error' | 'debug', message: string, version: number | null) => void;

/** One evaluated copy of the learner's module: its own context, globals and state. */
interface Slot {
  version: number;
  context: ivm.Context;
  harness: ivm.Reference<(op: string, name?: string, payload?: unknown) => unknown>;
  module: LoadableModule;
  /** Heap growth measured when this slot was loaded: what keeping it costs. */
  heapCost: number;
  /** Where this version's hot.data or snapshot() copies arrive. */
  receiver: HandOutReceiver;
  /** Its state was refused once (see hand-out.ts): it now hands over what it can. */
  handOutRefused: boolean;
  /** Who its console speaks as; quiet while hotlab calls it for its own purposes. */
  owner: { version: number; quiet: boolean };
}

/** One request's result inside a batch: a response or the reason it failed. */
export type BatchOutcome = { version: number; response: string } | { version: number; failure: ChildFailure };

/** A context made ahead of time; `owner` tells its console which version is speaking once it is used. */
interface Spare {
  context: ivm.Context;
  owner: { version: number; quiet: boolean };
  receiver: HandOutReceiver;
  /** Made by BOOTSTRAP before any learner code: turns a table of the learner's bindings into the harness. */
  makeHarness: ivm.Reference<(table: unknown) => Slot['harness']>;
}

export class RuntimeFailure extends Error {
  readonly failure: ChildFailure;
  constructor(failure: ChildFailure) {
    super(failure.message);
    this.failure = failure;
  }
}

export class IsolateRuntime {
  readonly limits: RuntimeLimits;
  readonly #isolate: ivm.Isolate;
  readonly #log: LogSink;
  #current: Slot | null = null;
  /** Older versions kept loaded (plugin-swap keeps every one, like Go's plugin package). */
  #retained: Slot[] = [];
  #spare: Spare | null = null;
  readonly #budget: HeapBudget;
  /** The last word on the heap (see HeapBudget.warning), kept for stats until the heap changes. */
  #heapWarning: string | null = null;
  /** What the last version loaded needed and keeps: the measure of "one more save like the last". */
  #lastHeap: VerifyResult | null = null;

  constructor(limits: RuntimeLimits, log: LogSink) {
    this.limits = limits;
    this.#log = log;
    this.#isolate = new ivm.Isolate({ memoryLimit: limits.memoryLimitMb });
    this.#budget = new HeapBudget(this.#isolate, limits.memoryLimitMb * 1024 * 1024, collectorOf(this.#isolate));
  }

  get disposed(): boolean {
    return this.#isolate.isDisposed;
  }

  get version(): number | null {
    return this.#current?.version ?? null;
  }

  heapUsed(): number {
    if (this.#isolate.isDisposed) return 0;
    const h = this.#isolate.getHeapStatisticsSync();
    return h.used_heap_size + h.externally_allocated_size;
  }

  stats(): SandboxStats {
    const heap = this.#isolate.isDisposed ? null : this.#isolate.getHeapStatisticsSync();
    return {
      version: this.version,
      heapUsed: heap ? heap.used_heap_size + heap.externally_allocated_size : 0,
      heapLimit: this.#budget.limit,
      retainedVersions: this.#retained.length,
      retainedHeap: this.#retained.reduce((sum, s) => sum + s.heapCost, 0),
      heapWarning: this.#heapWarning,
    };
  }

  #retainedInfo(): RetainedInfo {
    return { count: this.#retained.length, bytes: this.#retained.reduce((sum, s) => sum + s.heapCost, 0) };
  }

  /**
   * Evaluate a new version in a fresh context next to the current one, hand state over, then switch.
   * All synchronous: no request is served between the hand-over and the switch, so no update is lost.
   */
  load(version: number, module: LoadableModule, handover: Handover, retainPrevious: boolean, heap?: VerifyResult): LoadResult {
    const heapBefore = this.heapUsed();
    let previous = this.#current;
    const notes: string[] = [];
    let handedOver = false;

    let hotData: unknown;
    if (handover === 'hot-data' && previous) {
      const out = this.#handOut(previous, 'hot-data');
      hotData = out.value;
      notes.push(...out.notes);
      handedOver = hotData !== undefined && hotData !== null && (typeof hotData !== 'object' || Object.keys(hotData).length > 0);
    }
    // Old and new share the heap while the new one loads: decide whether that fits before touching anything.
    let makingRoom: Slot | null = null;
    if (heap && previous) {
      const verdict = this.#budget.fits(heap.heapNeed);
      if (!verdict.fits && (retainPrevious || handover !== 'hot-data')) {
        throw new RuntimeFailure({ kind: 'no-room', message: HeapBudget.wouldNotFit(version, heap.heapNeed, verdict, this.#retainedInfo()) });
      }
      if (!verdict.fits) {
        // file-watch drops everything of the old version but hot.data, which is copied out already: release it
        // first and load the new one in its place. Should the new one fail, the old code is evaluated again.
        makingRoom = previous;
        releaseSlot(previous);
        this.#current = null;
        previous = null;
        notes.push(`v${makingRoom.version} was released before v${version} loaded, to make room in the heap (old and new together would not fit)`);
      }
    }
    const t0 = performance.now();
    let slot: Slot;
    try {
      slot = this.#evaluate(version, module, hotData);
    } catch (error) {
      if (makingRoom) this.#restore(makingRoom, hotData, error);
      throw error;
    }
    const t1 = performance.now();
    try {
      this.#requireHandle(slot);
    } catch (error) {
      releaseSlot(slot);
      if (makingRoom) this.#restore(makingRoom, hotData, error);
      throw error;
    }
    const t2 = performance.now();
    let migrateMs: number | undefined;
    if (handover === 'migrate') {
      let prev: unknown;
      const hasSnapshot = previous !== null && this.#exportType(previous, 'snapshot') === 'function';
      if (previous && hasSnapshot) {
        try {
          const out = this.#handOut(previous, 'snapshot');
          prev = out.value;
          notes.push(...out.notes);
        } catch (error) {
          releaseSlot(slot);
          throw error;
        }
      }
      const hasMigrate = this.#exportType(slot, 'migrate') === 'function';
      if (prev !== undefined && hasMigrate) {
        try {
          this.#call(slot, 'call', 'migrate', prev, 'migrate', true);
          handedOver = true;
        } catch (error) {
          releaseSlot(slot);
          throw error;
        }
      } else if (prev !== undefined) {
        notes.push('the old version exported snapshot() but the new one has no migrate(prev): its state was not taken over');
      } else if (hasMigrate && previous && !hasSnapshot) {
        notes.push('migrate(prev) was not called: the old version exports no snapshot()');
      }
      migrateMs = performance.now() - t2;
    }
    const t3 = performance.now();
    this.#current = slot;
    if (previous) {
      if (retainPrevious) this.#retained.push(previous);
      else releaseSlot(previous);
    }
    const swap = performance.now() - t3;
    const heapAfter = this.heapUsed();
    slot.heapCost = heap?.heapKeep ?? Math.max(0, heapAfter - heapBefore);
    this.#lastHeap = heap ?? this.#lastHeap;
    this.#updateHeapWarning();
    if (this.#heapWarning) notes.push(this.#heapWarning);
    const stats = this.stats();
    return {
      version,
      timings: { compile: t1 - t0, link: t2 - t1, migrate: migrateMs, swap },
      heapBefore,
      heapAfter,
      retainedVersions: stats.retainedVersions,
      retainedHeap: stats.retainedHeap,
      handedOver,
      // Notes quote learner keys and error messages (hot.data's parts, a getter that threw).
      notes: notes.map(neutralise),
      heapWarning: this.#heapWarning ?? undefined,
    };
  }

  /**
   * After a load that released the old version to make room failed: evaluate the old code again with the
   * hot.data it had, so something still serves. If even that fails the isolate is disposed, so the child exits
   * and the engine restarts the last good version (and says its state is lost) rather than serve nothing.
   */
  #restore(old: Slot, hotData: unknown, cause: unknown): void {
    try {
      this.#current = this.#evaluate(old.version, old.module, hotData);
      if (cause instanceof RuntimeFailure) {
        cause.failure.message += ` (v${old.version} had been released to make room in the heap: it was evaluated again with its hot.data; its other state was reset)`;
      }
    } catch {
      this.#isolate.dispose();
    }
  }

  /** Recompute the heap warning; collects garbage only when the heap looks half full, so a quiet heap pays nothing. */
  #updateHeapWarning(): void {
    if (this.#budget.used() < this.#budget.limit / 2) {
      this.#heapWarning = null;
      return;
    }
    this.#heapWarning = this.#budget.warning(this.#budget.live(), this.#retainedInfo(), this.#lastHeap);
  }

  /**
   * Test-run a module in a scratch context (init + one probe request), then throw it away. The probe goes the
   * way live requests go (a slice, read as the host reads it), so a version whose answers hotlab could not
   * collect or read is refused here instead of going live and failing every request.
   */
  verify(module: LoadableModule, probe: string | null, handover?: { kind: Handover; state: unknown }): VerifyResult {
    const before = this.#budget.live();
    const slot = this.#evaluate(0, module, handover?.kind === 'hot-data' ? handover.state : undefined, true);
    try {
      this.#requireHandle(slot);
      // The test-run takes over the state the new version will take over, so a migrate(prev) that throws, loops
      // or allocates past the heap fails here, not in the sandbox that serves.
      if (handover?.kind === 'migrate' && handover.state !== undefined && this.#exportType(slot, 'migrate') === 'function') {
        this.#call(slot, 'call', 'migrate', handover.state, 'migrate', true);
      }
      if (probe !== null) this.#probe(slot, probe);
      // Garbage included: what loading it needs at its peak; then, after a collection, what it keeps.
      const heapNeed = Math.max(0, this.#budget.used() - before);
      return { heapNeed, heapKeep: Math.min(heapNeed, Math.max(0, this.#budget.live() - before)) };
    } finally {
      releaseSlot(slot);
    }
  }

  /** Reflection-patch: run the replacement functions in the live context; state is untouched. */
  patch(version: number, patches: PatchInstruction[], bindingNames: string[]): PatchResult {
    const slot = this.#current;
    if (!slot) throw new RuntimeFailure({ kind: 'patch', message: 'there is no running version to patch' });
    const heapBefore = this.heapUsed();
    const t0 = performance.now();
    // Compile everything before running anything: a patch applies completely or not at all.
    const scripts = patches.map((p) => this.#compile(p.code, p.location.file, p.location.line - 1, p.location.column - 1 - p.columnOffset));
    const replaced = patches.filter((p) => p.action === 'replace').map((p) => p.name);
    this.#call(slot, 'capture', undefined, replaced, 'patch', true);
    const t1 = performance.now();
    try {
      for (const script of scripts) {
        try {
          script.runSync(slot.context, { timeout: this.limits.initTimeoutMs });
        } catch (error) {
          throw new RuntimeFailure(failureFrom(error, 'patch', slot.module.file, this.#isolate));
        }
      }
    } finally {
      for (const script of scripts) releaseQuietly(script);
    }
    slot.version = version;
    const swap = performance.now() - t1;
    let staleReferences: string[] = [];
    if (replaced.length > 0 && bindingNames.length > 0) {
      try {
        const found = this.#call(slot, 'stale', undefined, staleReferenceProbe(bindingNames), 'patch', true);
        if (Array.isArray(found)) staleReferences = found.map((place) => neutralise(String(place)));
      } catch {
        // The scan is a teaching aid; a hostile value that breaks it must not fail an applied patch.
        staleReferences = [];
      }
    }
    return { version, timings: { compile: t1 - t0, swap }, heapBefore, heapAfter: this.heapUsed(), staleReferences };
  }

  /** Graceful restart, new process side: hand the old process's snapshot to migrate(prev). */
  adopt(state: unknown): { migrated: boolean; ms: number } {
    const slot = this.#current;
    const t0 = performance.now();
    if (!slot || state === undefined || this.#exportType(slot, 'migrate') !== 'function') return { migrated: false, ms: 0 };
    this.#call(slot, 'call', 'migrate', state, 'migrate', true);
    return { migrated: true, ms: performance.now() - t0 };
  }

  /**
   * Serve a prefix of `requests` (at least one) in one isolate call: a per-call time limit costs ~10 µs in
   * isolated-vm, and a slice pays it once. Each request still gets the full per-call limit: see the
   * 'handle-batch' op in in-isolate.ts. The caller answers these and comes back for the rest, so a backlog of
   * slow requests never holds the process for longer than one call.
   */
  handleSlice(requests: string[]): BatchOutcome[] {
    const slot = this.#current;
    if (!slot) throw new RuntimeFailure({ kind: 'internal', message: 'no version is loaded' });
    return this.#slice(slot, requests);
  }

  #probe(slot: Slot, probe: string): void {
    const [outcome] = this.#slice(slot, [probe]);
    if (!outcome) throw new RuntimeFailure({ kind: 'internal', message: 'the test-run request got no answer' });
    if ('failure' in outcome) throw new RuntimeFailure(outcome.failure);
    if (!readResponse(outcome.response)) {
      throw new RuntimeFailure({ kind: 'handler', message: 'hotlab could not read the answer to the test-run request (a built-in the response relies on was replaced?)' });
    }
  }

  #slice(slot: Slot, requests: string[]): BatchOutcome[] {
    const limit = this.limits.callTimeoutMs;
    let done: unknown;
    let interrupted: ChildFailure | null = null;
    try {
      done = slot.harness.applySync(undefined, ['handle-batch', limit / 2 as unknown as string, requests as unknown as string], {
        timeout: Math.ceil(limit * 1.5),
        arguments: { copy: true },
        result: { copy: true },
      });
    } catch (error) {
      interrupted = failureFrom(error, 'handler', slot.module.file, this.#isolate);
      if (interrupted.kind === 'memory') throw new RuntimeFailure(interrupted);
      done = slot.harness.applySync(undefined, ['batch-recover'], { timeout: limit, result: { copy: true } });
    }
    // The harness runs next to the learner's code and shares its built-ins: a service that replaces
    // Array.prototype.push returns an empty slice. Without this guard the caller would ask again forever (until
    // the engine's watchdog killed the process); instead the request fails and says why.
    const items = (Array.isArray(done) ? done : []).slice(0, requests.length - (interrupted ? 1 : 0));
    if (items.length === 0 && !interrupted) {
      interrupted = {
        kind: 'handler',
        message: 'hotlab could not collect the response: did the service replace a built-in (Array.prototype.push, …) that its request harness relies on?',
      };
    }
    const outcomes = items.map((item) => this.#batchOutcome(slot, item));
    if (interrupted) outcomes.push({ version: slot.version, failure: interrupted });
    return outcomes;
  }

  #batchOutcome(slot: Slot, item: unknown): BatchOutcome {
    if (typeof item === 'string') return { version: slot.version, response: item };
    // Copied out of the isolate, so plain data; still shaped by code the learner can influence.
    const { error, stack } = (typeof item === 'object' && item !== null ? item : {}) as { error?: unknown; stack?: unknown };
    // No frame of the learner's file (handle returned something that is not an answer): point at handle.
    const location = locate(typeof stack === 'string' ? stack : '', slot.module.file) ?? handleDeclaration(slot.module);
    return { version: slot.version, failure: { kind: 'handler', message: String(error ?? 'the handler failed'), location } };
  }

  /** Graceful restart, old process side: the state to hand to the new process, and what was left out. */
  snapshot(): { state: unknown; notes: string[] } {
    const slot = this.#current;
    if (!slot || this.#exportType(slot, 'snapshot') !== 'function') return { state: undefined, notes: [] };
    const out = this.#handOut(slot, 'snapshot');
    return { state: out.value, notes: out.notes };
  }

  evaluate(expression: string): string {
    const slot = this.#current;
    if (!slot) throw new RuntimeFailure({ kind: 'internal', message: 'no version is loaded' });
    return asText(this.#call(slot, 'eval', undefined, expression, 'handler', false));
  }

  set(name: string, valueExpression: string): string {
    const slot = this.#current;
    if (!slot) throw new RuntimeFailure({ kind: 'internal', message: 'no version is loaded' });
    return asText(this.#call(slot, 'set', name, valueExpression, 'handler', false));
  }

  /** A scratch context for stepping through a module's statements (see locate-crash.ts). */
  stepBegin(): void {
    if (this.#stepping) this.#stepping.release();
    const { context, owner } = this.#takeSpare();
    owner.quiet = true;
    this.#stepping = context;
  }

  /** Run one top-level statement in the stepping context, at its place in the learner's file. */
  step(code: string, file: string, line: number, column: number): void {
    if (!this.#stepping) throw new RuntimeFailure({ kind: 'internal', message: 'no stepping context: step-begin first' });
    const script = this.#compile(STRICT_PREFIX + code, file, line - 1, column - 1 - STRICT_PREFIX.length);
    try {
      script.runSync(this.#stepping, { timeout: this.limits.initTimeoutMs });
    } catch (error) {
      throw new RuntimeFailure(failureFrom(error, 'init', file, this.#isolate));
    } finally {
      releaseQuietly(script);
    }
  }

  #stepping: ivm.Context | null = null;

  /** What Go cannot do: drop every retained old version so its memory can be collected. */
  unload(): number {
    const count = this.#retained.length;
    for (const slot of this.#retained) releaseSlot(slot);
    this.#retained = [];
    this.#updateHeapWarning();
    return count;
  }

  /**
   * The state the next version would take over (hot.data, or the snapshot), for its test-run in the verifier.
   * The service's own logs stay quiet: this call is hotlab's, and the real hand-over follows.
   */
  stateFor(handover: Handover): { state: unknown } {
    const slot = this.#current;
    if (!slot || handover === 'none') return { state: undefined };
    if (handover === 'migrate' && this.#exportType(slot, 'snapshot') !== 'function') return { state: undefined };
    slot.owner.quiet = true;
    try {
      return { state: this.#handOut(slot, handover === 'hot-data' ? 'hot-data' : 'snapshot').value };
    } finally {
      slot.owner.quiet = false;
    }
  }

  #evaluate(version: number, module: LoadableModule, hotData: unknown, quiet = false): Slot {
    const { context, owner, receiver, makeHarness } = this.#takeSpare();
    owner.version = version;
    owner.quiet = quiet;
    try {
      if (hotData !== undefined) {
        context.evalClosureSync('globalThis.hot.data = $0;', [new ivm.ExternalCopy(hotData).copyInto({ release: true })], { filename: 'hotlab:hot-data' });
      }
      const script = this.#compile(STRICT_PREFIX + module.code, module.file, 0, -STRICT_PREFIX.length);
      try {
        script.runSync(context, { timeout: this.limits.initTimeoutMs });
      } catch (error) {
        throw new RuntimeFailure(failureFrom(error, 'init', module.file, this.#isolate));
      } finally {
        releaseQuietly(script); // it holds the whole source text; the functions it made live in the context
      }
      // The table of bindings is made after the learner's code (its closures read the bindings by name); the
      // harness around it was made before, so nothing the learner's code replaced can reach it.
      const table = context.evalSync(bindingTableSource(module.exports), { reference: true, filename: 'hotlab:bindings' }) as ivm.Reference<unknown>;
      try {
        const harness = makeHarness.applySync(undefined, [table.derefInto()], { result: { reference: true } }) as unknown as Slot['harness'];
        return { version, context, harness, module, heapCost: 0, receiver, handOutRefused: false, owner };
      } finally {
        releaseQuietly(table);
      }
    } catch (error) {
      context.release();
      throw error;
    } finally {
      releaseQuietly(makeHarness); // used once; holding it would keep a failed version's context alive
    }
  }

  /**
   * A fresh context with console and hot installed. Creating one costs 1–2 ms, so one is made ahead of time,
   * when the process is idle (see prepareSpare), and the next update finds it ready.
   */
  #takeSpare(): Spare {
    const spare = this.#spare ?? this.#makeSpare();
    this.#spare = null;
    return spare;
  }

  /**
   * Make the next update's context now. The child calls this when it has nothing queued: right after a
   * swap it would delay the new version's first response by the cost of a context.
   */
  prepareSpare(): void {
    if (!this.#spare && !this.#isolate.isDisposed) this.#spare = this.#makeSpare();
  }

  #makeSpare(): Spare {
    const context = this.#isolate.createContextSync();
    const owner = { version: 0, quiet: true };
    const log = new ivm.Callback(
      (level: string, message: string) => {
        if (!owner.quiet) this.#log(asLevel(level), String(message), owner.version);
      },
      { ignored: true },
    );
    const receiver = new HandOutReceiver();
    const makeHarness = context.evalClosureSync(BOOTSTRAP, [log, undefined, receiver.callback], {
      filename: 'hotlab:bootstrap',
      result: { reference: true },
    }) as unknown as Spare['makeHarness'];
    return { context, owner, receiver, makeHarness };
  }

  #compile(code: string, file: string, lineOffset: number, columnOffset: number): ivm.Script {
    try {
      return this.#isolate.compileScriptSync(code, { filename: file, lineOffset, columnOffset });
    } catch (error) {
      throw new RuntimeFailure(failureFrom(error, 'syntax', file, this.#isolate));
    }
  }

  #requireHandle(slot: Slot): void {
    if (!('handle' in slot.module.exports)) {
      throw new RuntimeFailure({
        kind: 'missing-export',
        message: `${slot.module.file} does not export handle: add \`export function handle(req) { … }\``,
      });
    }
    const type = this.#exportType(slot, 'handle');
    if (type !== 'function') {
      throw new RuntimeFailure({
        kind: 'missing-export',
        message: `handle is exported but it is ${type === 'undefined' ? 'undefined' : `a ${type}`}, not a function`,
      });
    }
  }

  #exportType(slot: Slot, name: string): string {
    return this.#call(slot, 'type', name, undefined, 'init', false) as string;
  }

  #handOut(slot: Slot, what: StateName): { value: unknown; notes: string[] } {
    try {
      return handOut(slot, what, this.limits.callTimeoutMs, this.#isolate);
    } catch (error) {
      if (error instanceof HandOutRefused) throw new RuntimeFailure(error.failure);
      throw error;
    }
  }

  #call(slot: Slot, op: string, name: string | undefined, payload: unknown, kind: ChildFailure['kind'], copyPayload: boolean): unknown {
    try {
      // Payloads are plain data; the cast only quiets isolated-vm's transfer typing. Copying them is what keeps
      // every host object (and so every Reference) out of the learner's reach.
      return slot.harness.applySync(undefined, [op, name, payload as string], {
        timeout: this.limits.callTimeoutMs,
        arguments: copyPayload ? { copy: true } : undefined,
        result: { copy: true },
      });
    } catch (error) {
      throw new RuntimeFailure(failureFrom(error, kind, slot.module.file, this.#isolate));
    }
  }
}

/**
 * The printed value comes from the in-isolate inspector, which calls methods the learner can replace
 * (`Symbol.prototype.toString = () => ({})` makes it return an object). The REPL renders text only.
 */
function asText(value: unknown): string {
  return neutralise(typeof value === 'string' ? value : String(value));
}

function asLevel(level: string): 'log' | 'info' | 'warn' | 'error' | 'debug' {
  return level === 'info' || level === 'warn' || level === 'error' || level === 'debug' ? level : 'log';
}

/**
 * A full garbage collection of `isolate`, from a context of its own that learner code never sees (the child runs
 * with --expose-gc; BOOTSTRAP removes `gc` from every learner context). Without the flag, nothing.
 */
function collectorOf(isolate: ivm.Isolate): () => void {
  const context = isolate.createContextSync();
  const gc = context.global.getSync('gc', { reference: true }) as ivm.Reference<() => void>;
  if (gc.typeof !== 'function') return () => {};
  return () => {
    if (!isolate.isDisposed) gc.applySync(undefined, []);
  };
}

const handleDeclarations = new WeakMap<LoadableModule, SourceLocation | null>();
/** Where the learner's `handle` is declared, found once per module. */
function handleDeclaration(module: LoadableModule): SourceLocation | undefined {
  let found = handleDeclarations.get(module);
  if (found === undefined) {
    const local = module.exports['handle'];
    found = (local && declarationOf(module.code, module.file, local)) || null;
    handleDeclarations.set(module, found);
  }
  return found ?? undefined;
}
