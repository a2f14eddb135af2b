// The learner's program inside isolated-vm: one isolate, one context per module instance, linked through a
// registry. Runs in the sandbox child process only: an isolate can abort the whole process (design §6), so the
// engine never loads this module itself.
import ivm from 'isolated-vm';
import { BOOTSTRAP, bindingTableSource, LINK_IMPORTS } from './in-isolate.ts';
import { readResponse } from '../read-response.ts';
import { neutralise } from '../plain-text.ts';
import { declarationOf } from './declaration-of.ts';
import type { SourceLocation } from '../types.ts';
import { failureFrom, locate } from './failure-from.ts';
import { HandOutReceiver } from './hand-out.ts';
import { HeapBudget, type RetainedInfo } from './heap-budget.ts';
import { ModuleInstance, RuntimeFailure, type InstanceHost } from './module-instance.ts';
import { loadTargets } from './load-targets.ts';
import { staleReferenceProbe } from '../source/stale-references.ts';
import { releaseQuietly } from './release-slot.ts';
import { WARM_UP_PROGRAM, WARM_UP_REQUEST } from './warm-up.ts';
import type {
  ChildFailure,
  LoadableModule,
  LoadableProgram,
  LoadPlan,
  LoadResult,
  Lookup,
  ModuleChange,
  ModuleHeap,
  PatchInstruction,
  PatchResult,
  SandboxStats,
  TestRunHandover,
  VerifyResult,
} from './protocol.ts';

export { RuntimeFailure } from './module-instance.ts';

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

/** One request's result inside a batch: a response or the reason it failed. */
export type BatchOutcome = { version: number; response: string } | { version: number; failure: ChildFailure };

type Harness = (op: string, arg?: unknown, payload?: unknown) => unknown;

/** A context made ahead of time; `owner` tells its console which version is speaking once it is used. */
interface Spare {
  context: ivm.Context;
  owner: { version: number; quiet: boolean };
  receiver: HandOutReceiver;
  /** Made by BOOTSTRAP before any learner code: turns a table of the learner's bindings into the harness. */
  makeHarness: ivm.Reference<(table: unknown, forwards: unknown) => Harness>;
  /**
   * The heap making it took, when it was made ahead (prepareSpare): a version's context is part of what keeping
   * it costs, but a measurement around its load does not see it. 0 when made on the spot (the measurement did).
   */
  heapCost: number;
}

/** The program serving now: one live instance per module. */
interface Program {
  version: number;
  entry: string;
  instances: Map<string, ModuleInstance>;
}

type Registry = ivm.Reference<Record<string, unknown>>;

export class IsolateRuntime {
  readonly limits: RuntimeLimits;
  readonly #isolate: ivm.Isolate;
  readonly #log: LogSink;
  readonly #host: InstanceHost;
  /** Holds the registry: module id → the live instance's reader. Outlives every module's context. */
  readonly #linkContext: ivm.Context;
  readonly #registry: Registry;
  #program: Program | null = null;
  /** Live instances the registry points at (only modules that some module imports are put there). */
  #registered = new WeakSet<ModuleInstance>();
  /** Module files of a program being loaded or verified, so failures in its new modules are located too. */
  #pendingFiles: readonly string[] = [];
  /** Old instances kept loaded, by module (plugin-swap keeps every one, like Go's plugin package). */
  #retained = new Map<string, ModuleInstance[]>();
  #spare: Spare | null = null;
  /** What one context with the bootstrap installed holds, bytes, once measured (see #makeSpare). */
  #contextCost: number | null = null;
  #contextsMade = 0;
  readonly #budget: HeapBudget;
  /** Said while the heap fills up (see HeapBudget.warning); null while there is room. */
  #heapWarning: string | null = null;
  /** What the last load needed and keeps: the measure of one more save like it. */
  #lastHeap: ModuleHeap | null = null;
  /** A program being stepped through to find where a test-run crashed (locate-crash.ts). */
  #stepping: { registry: Registry; context: ivm.Context | null } | null = null;
  /** The functions the last reflection patch replaced, by the instance they lived in, until the stale scan. */
  #replaced = new Map<ModuleInstance, ivm.Reference<unknown>>();
  /**
   * BOOTSTRAP compiled once for the isolate and run in every new context. Evaluated as source in each context
   * (evalClosure) it was compiled again each time, and its functions again on their first call: ~1 ms more per
   * context, and ~0.4 ms more on a new version's first request, the probe of every test-run included (measured in
   * one process, 300 saves). One compiled script shares its bytecode; each context still gets its own closures,
   * made from its own built-ins.
   */
  #bootstrap: ivm.Script | null = null;

  constructor(limits: RuntimeLimits, log: LogSink) {
    this.limits = limits;
    this.#log = log;
    this.#isolate = new ivm.Isolate({ memoryLimit: limits.memoryLimitMb });
    this.#budget = new HeapBudget(this.#isolate, limits.memoryLimitMb * 1024 * 1024, collectorOf(this.#isolate));
    this.#host = { isolate: this.#isolate, callTimeoutMs: limits.callTimeoutMs, files: () => this.#files() };
    this.#linkContext = this.#isolate.createContextSync();
    this.#registry = this.#newRegistry();
  }

  get disposed(): boolean {
    return this.#isolate.isDisposed;
  }

  get version(): number | null {
    return this.#program?.version ?? null;
  }

  heapUsed(): number {
    if (this.#isolate.isDisposed) return 0;
    const h = this.#isolate.getHeapStatisticsSync();
    return h.used_heap_size + h.externally_allocated_size;
  }

  /**
   * What a retained instance holds: at least its context. The first version's instance was made before the cost
   * of a context was measured (on the second), so its own figure lacks it, and one retained plugin read "0B".
   */
  #keptCost(instance: ModuleInstance): number {
    return Math.max(instance.heapCost, this.#contextCost ?? 0);
  }

  stats(collect = false): SandboxStats {
    if (collect && !this.#isolate.isDisposed) this.#budget.live();
    const heap = this.#isolate.isDisposed ? null : this.#isolate.getHeapStatisticsSync();
    const retained = [...this.#retained.values()].flat();
    const modules = [...(this.#program?.instances.values() ?? [])].map((instance) => {
      const old = this.#retained.get(instance.id) ?? [];
      return { module: instance.id, version: instance.version, retainedVersions: old.length, retainedHeap: old.reduce((sum, i) => sum + this.#keptCost(i), 0) };
    });
    return {
      version: this.version,
      heapUsed: heap ? heap.used_heap_size + heap.externally_allocated_size : 0,
      heapLimit: this.#budget.limit,
      retainedVersions: retained.length,
      retainedHeap: retained.reduce((sum, i) => sum + this.#keptCost(i), 0),
      modules,
      heapWarning: this.#heapWarning,
    };
  }

  #retainedInfo(): RetainedInfo {
    const retained = [...this.#retained.values()].flat();
    return { count: retained.length, bytes: retained.reduce((sum, i) => sum + i.heapCost, 0) };
  }

  /**
   * Load a version of the program: evaluate the modules the plan replaces in fresh contexts next to the live
   * ones (each after what it imports, so it links to the new instances), hand state over, then switch the
   * registry. All synchronous and all or nothing: no request is served in between, and a failure in any module
   * restores the registry and releases every new instance, so half a graph is never live.
   */
  load(version: number, program: LoadableProgram, plan: LoadPlan, heap?: VerifyResult): LoadResult {
    const heapBefore = this.heapUsed();
    const live = this.#program;
    // A fresh program takes nothing over from the live one (which keeps serving until the switch).
    const current = plan.kind === 'fresh' ? null : live;
    this.#pendingFiles = program.modules.map((module) => module.file);
    const targets = loadTargets(program, plan, (id) => current?.instances.get(id)?.accepted() ?? false);
    const modules = new Map(program.modules.map((module) => [module.file, module]));
    const instances = new Map(current?.instances ?? []);
    const created: ModuleInstance[] = [];
    const switched = new Map<string, ModuleInstance | undefined>();
    const changes: ModuleChange[] = [];
    const notes: string[] = [];
    let madeRoom: Released[] = [];
    const t0 = performance.now();
    let migrateMs: number | undefined;
    try {
      // file-watch: every replaced module's hot.data is copied out before anything is evaluated or released.
      const handed = new Map<string, unknown>();
      if (plan.kind === 're-run') {
        for (const [id] of targets) {
          const old = current?.instances.get(id);
          if (!old) continue;
          const out = old.handOut('hot-data');
          handed.set(id, out.value);
          notes.push(...out.notes.map((note) => this.#about(program, id, note)));
        }
      }
      // Old and new share the heap while the new modules load: decide whether that fits before touching anything.
      const need = heap ? sumHeap(heap, targets.keys()) : null;
      if (need && current) {
        const verdict = this.#budget.fits(need.heapNeed);
        if (!verdict.fits && plan.kind !== 're-run') {
          throw new RuntimeFailure({ kind: 'no-room', message: HeapBudget.wouldNotFit(version, need.heapNeed, verdict, this.#retainedInfo()) });
        }
        if (!verdict.fits) {
          // file-watch keeps nothing of a replaced module but hot.data, copied out already: release the old
          // modules first and load the new ones in their place. Should that fail, the old code is evaluated again.
          madeRoom = this.#release(current, [...targets.keys()], handed);
          for (const released of madeRoom) instances.delete(released.module.file);
          notes.push(`${madeRoom.map((r) => r.module.file).join(', ')} ${madeRoom.length === 1 ? 'was' : 'were'} released before the new version loaded, to make room in the heap (old and new together would not fit)`);
        }
      }
      const imported = importedModules(program);
      for (const module of program.modules) {
        const cause = targets.get(module.file);
        if (!cause) {
          // A module that keeps running but is now imported by one (a new importer): its importers need it registered.
          const live = instances.get(module.file);
          if (live && imported.has(module.file)) this.#register(this.#registry, live);
          continue;
        }
        const old = instances.get(module.file);
        const hotData = handed.get(module.file);
        const before = this.heapUsed();
        const instance = this.#evaluate(version, module, hotData, this.#registry, false);
        created.push(instance);
        instance.heapCost = heap?.modules[module.file]?.heapKeep ?? Math.max(0, this.heapUsed() - before) + instance.contextCost;
        if (module.file === program.entry) this.#requireHandle(instance);
        // file-watch keeps a module's state when it was handed a non-empty hot.data and reads it back: handed over
        // but never read, the counter a learner watches starts from its initialiser, and "kept" would be untrue.
        const wasHanded = hotData !== undefined && hotData !== null && (typeof hotData !== 'object' || Object.keys(hotData).length > 0);
        let stateKept = wasHanded && module.readsHotData;
        if (wasHanded && !module.readsHotData && module.stateful) {
          notes.push(this.#about(program, module.file, 'hot.data was handed over, but this version never reads it back: its state starts fresh'));
        }
        if (plan.kind === 'swap' && old) {
          this.#lookUp(old, instance, program, targets);
          const t = performance.now();
          stateKept = this.#migrate(old, instance, program, notes);
          // Timed as a stage only when a migrate(prev) ran: a "migrate 0.1ms" row for a plugin without one misled.
          if (stateKept) migrateMs = (migrateMs ?? 0) + performance.now() - t;
        }
        if (old && stateKept) stateKept = sameObservedState(old, instance, plan.kind === 'swap');
        switched.set(module.file, old);
        if (imported.has(module.file)) this.#register(this.#registry, instance);
        instances.set(module.file, instance);
        changes.push({ module: module.file, action: plan.kind === 'fresh' ? 'loaded' : plan.kind === 're-run' ? 're-ran' : 'swapped', cause, stateKept, stateful: module.stateful });
      }
    } catch (error) {
      for (const [id, previous] of switched) {
        if (previous && this.#registered.has(previous)) this.#registry.setSync(id, previous.reader().derefInto());
        else this.#registry.deleteSync(id);
      }
      for (const instance of created) instance.release();
      if (madeRoom.length > 0) this.#restore(madeRoom, error);
      throw error;
    } finally {
      this.#pendingFiles = [];
    }
    const t1 = performance.now();
    // The switch: from here on the new instances serve. Old ones are released, or kept (plugin-swap).
    const replaced = [...switched.values()].filter((old): old is ModuleInstance => old !== undefined);
    for (const [id, old] of live?.instances ?? []) {
      if (modules.has(id)) continue;
      replaced.push(old);
      instances.delete(id);
      this.#registry.deleteSync(id);
      if (plan.kind !== 'fresh') changes.push({ module: id, action: 'removed', cause: 'changed', stateKept: false, stateful: false });
    }
    if (plan.kind === 'fresh') this.unload();
    for (const old of replaced) {
      if (plan.kind === 'swap') this.#retained.set(old.id, [...(this.#retained.get(old.id) ?? []), old]);
      else old.release();
    }
    this.#program = { version, entry: program.entry, instances };
    const swap = performance.now() - t1;
    if (heap) this.#lastHeap = sumHeap(heap, targets.keys());
    this.#updateHeapWarning();
    if (this.#heapWarning) notes.push(this.#heapWarning);
    const heapAfter = this.heapUsed();
    const stats = this.stats();
    return {
      version,
      timings: { compile: t1 - t0 - (migrateMs ?? 0), link: 0, migrate: migrateMs, swap },
      heapBefore,
      heapAfter,
      retainedVersions: stats.retainedVersions,
      retainedHeap: stats.retainedHeap,
      modules: changes,
      // Notes quote learner keys and error messages (hot.data's parts, a getter that threw).
      notes: notes.map(neutralise),
      ...(this.#heapWarning ? { heapWarning: this.#heapWarning } : {}),
    };
  }

  /** Release the live instances of `ids` (their hot.data is in `handed`), to load new ones in their place. */
  #release(program: Program, ids: readonly string[], handed: ReadonlyMap<string, unknown>): Released[] {
    const released: Released[] = [];
    for (const id of ids) {
      const old = program.instances.get(id);
      if (!old) continue;
      this.#registry.deleteSync(id);
      old.release();
      released.push({ module: old.module, version: old.version, hotData: handed.get(id) });
    }
    return released;
  }

  /**
   * After a load that released the old modules to make room failed: evaluate their old code again with the
   * hot.data they had, so something still serves. If even that fails the isolate is disposed, so the child exits
   * and the engine restarts the last good version (and says its state is lost) rather than serve nothing.
   */
  #restore(released: readonly Released[], cause: unknown): void {
    const program = this.#program;
    try {
      for (const old of released) {
        const instance = this.#evaluate(old.version, old.module, old.hotData, this.#registry, false);
        this.#register(this.#registry, instance);
        program?.instances.set(old.module.file, instance);
      }
      if (cause instanceof RuntimeFailure) {
        cause.failure.message += ` (${released.map((r) => r.module.file).join(', ')} had been released to make room in the heap: evaluated again with their hot.data; their other state was reset)`;
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
   * The state each module a load with `plan` would replace takes over (its old instance's hot.data, or
   * snapshot()), for the test-run: a migrate that throws, loops or allocates past the heap fails there, not here.
   */
  stateFor(plan: LoadPlan, program: LoadableProgram): TestRunHandover | null {
    const live = this.#program;
    if (!live || plan.kind === 'fresh') return null;
    const targets = loadTargets(program, plan, (id) => live.instances.get(id)?.accepted() ?? false);
    const states: Record<string, unknown> = {};
    for (const [id] of targets) {
      const instance = live.instances.get(id);
      if (!instance || (plan.kind === 'swap' && !instance.hasFunction('snapshot'))) continue;
      instance.owner.quiet = true;
      try {
        states[id] = instance.handOut(plan.kind === 'swap' ? 'snapshot' : 'hot-data').value;
      } finally {
        instance.owner.quiet = false;
      }
    }
    return { kind: plan.kind === 'swap' ? 'migrate' : 'hot-data', states };
  }

  /**
   * Test-run a program in scratch contexts (init of every module, the lookups of the modules that keep running,
   * one probe request), then throw it away. The probe goes the way live requests go (a slice, read as the host
   * reads it), so a version whose answers hotlab could not collect or read is refused here instead of going live
   * and failing every request.
   */
  verify(program: LoadableProgram, probe: string | null, lookups: readonly Lookup[] = [], handover?: TestRunHandover): VerifyResult {
    // A full collection costs milliseconds, on the path of every save. Exact figures matter only once the heap
    // holds a good share of the limit (and HeapBudget.fits collects again when a decision is close); below that,
    // what a module needed is the bound used for what it keeps.
    const exact = this.#budget.used() > this.#budget.limit / 4;
    const start = exact ? this.#budget.live() : this.#budget.used();
    const imported = importedModules(program);
    // A program where no module imports another (one file) links nothing: no scratch registry to make.
    const registry = imported.size > 0 ? this.#newRegistry() : null;
    const created: ModuleInstance[] = [];
    const heap: Record<string, ModuleHeap> = {};
    this.#pendingFiles = program.modules.map((module) => module.file);
    try {
      for (const module of program.modules) {
        const before = this.heapUsed();
        const state = handover?.states[module.file];
        const instance = this.#evaluate(0, module, handover?.kind === 'hot-data' ? state : undefined, registry, true);
        created.push(instance);
        if (registry && imported.has(module.file)) registry.setSync(module.file, instance.reader().derefInto());
        for (const lookup of lookups.filter((l) => l.module === module.file)) checkLookup(lookup, instance.exportType(lookup.name));
        // The test-run takes over the state the new module will take over, so a migrate(prev) that throws, loops
        // or allocates past the heap fails here, not in the sandbox that serves.
        if (handover?.kind === 'migrate' && state !== undefined && instance.hasFunction('migrate')) instance.call('call', 'migrate', state, 'migrate', true);
        if (module.file === program.entry) {
          this.#requireHandle(instance);
          if (probe !== null) this.#probe(instance, 0, probe);
        }
        heap[module.file] = { heapNeed: Math.max(0, this.heapUsed() - before) + instance.contextCost, heapKeep: 0 };
      }
      // What the program keeps, after a collection, shared out by what each module needed. Contexts made ahead
      // were already in `start`: their cost is added, as it was to what each module needed.
      const needed = Object.values(heap).reduce((sum, m) => sum + m.heapNeed, 0);
      const contexts = created.reduce((sum, instance) => sum + instance.contextCost, 0);
      const kept = exact ? Math.max(0, this.#budget.live() - start) + contexts : needed;
      for (const m of Object.values(heap)) m.heapKeep = needed > 0 ? Math.min(m.heapNeed, Math.round((kept * m.heapNeed) / needed)) : 0;
      return { modules: heap };
    } finally {
      this.#pendingFiles = [];
      for (const instance of created) instance.release();
      if (registry) releaseQuietly(registry);
    }
  }

  /**
   * Reflection-patch: run the replacement functions in the live contexts of their modules; state is untouched.
   * The replaced functions are kept for `staleReferences()`, which the engine asks for once the new code has
   * answered: the scan walks every module's state, and must not stand between a save and its first answer.
   */
  patch(version: number, patches: PatchInstruction[]): PatchResult {
    const program = this.#program;
    if (!program) throw new RuntimeFailure({ kind: 'patch', message: 'there is no running version to patch' });
    const heapBefore = this.heapUsed();
    const t0 = performance.now();
    const instanceOf = (id: string): ModuleInstance => {
      const instance = program.instances.get(id);
      if (!instance) throw new RuntimeFailure({ kind: 'patch', message: `${id} is not part of the running program` });
      return instance;
    };
    // Compile everything before running anything: a patch applies completely or not at all.
    const scripts = patches.map((p) => ({ instance: instanceOf(p.module), script: this.#compile(p.code, p.location.file, p.location.line - 1, p.location.column - 1 - p.columnOffset) }));
    this.#releaseReplaced();
    const captured = new Map<ModuleInstance, ivm.Reference<unknown>>();
    let applied = false;
    try {
      for (const instance of new Set(scripts.map((s) => s.instance))) {
        const names = patches.filter((p) => p.module === instance.id && p.action === 'replace').map((p) => p.name);
        if (names.length === 0) continue;
        captured.set(instance, instance.callWith('capture', undefined, new ivm.ExternalCopy(names).copyInto({ release: true }), 'patch', 'reference') as ivm.Reference<unknown>);
      }
      const t1 = performance.now();
      for (const { instance, script } of scripts) {
        try {
          script.runSync(instance.context, { timeout: this.limits.initTimeoutMs });
        } catch (error) {
          throw new RuntimeFailure(failureFrom(error, 'patch', this.#files(), this.#isolate));
        }
        instance.version = version;
      }
      program.version = version;
      const swap = performance.now() - t1;
      this.#replaced = captured;
      applied = true;
      return { version, timings: { compile: t1 - t0, swap }, heapBefore, heapAfter: this.heapUsed() };
    } finally {
      for (const { script } of scripts) releaseQuietly(script);
      if (!applied) for (const reference of captured.values()) releaseQuietly(reference);
    }
  }

  /**
   * After a patch: places in every module (`scan`: the top-level bindings to walk, per module) that still hold a
   * function the patch replaced — Go's stale method values. Then the replaced functions are let go.
   */
  staleReferences(scan: Record<string, string[]>): string[] {
    const program = this.#program;
    try {
      // Places quote learner keys: printable before they are shown.
      return program ? this.#findStale(program, this.#replaced, scan).map(neutralise) : [];
    } finally {
      this.#releaseReplaced();
    }
  }

  #releaseReplaced(): void {
    for (const reference of this.#replaced.values()) releaseQuietly(reference);
    this.#replaced = new Map();
  }

  /** Graceful restart, new process side: hand each module's snapshot (from the old process) to its migrate(prev). */
  adopt(states: Record<string, unknown>): { migrated: boolean; modules: string[] } {
    const program = this.#program;
    const modules: string[] = [];
    if (!program) return { migrated: false, modules };
    for (const [id, state] of Object.entries(states)) {
      const instance = program.instances.get(id);
      if (!instance || state === undefined || !instance.hasFunction('migrate')) continue;
      instance.call('call', 'migrate', state, 'migrate', true);
      modules.push(id);
    }
    return { migrated: modules.length > 0, modules };
  }

  /**
   * Serve a prefix of `requests` (at least one) in one isolate call: a per-call time limit costs ~10 µs in
   * isolated-vm, and a slice pays it once. Each request still gets the full per-call limit: see the
   * 'handle-batch' op in in-isolate.ts. The caller answers these and comes back for the rest, so a backlog of
   * slow requests never holds the process for longer than one call.
   */
  handleSlice(requests: string[]): BatchOutcome[] {
    const program = this.#program;
    const entry = program?.instances.get(program.entry);
    if (!program || !entry) throw new RuntimeFailure({ kind: 'internal', message: 'no version is loaded' });
    return this.#slice(entry, program.version, requests);
  }

  #probe(entry: ModuleInstance, version: number, probe: string): void {
    const [outcome] = this.#slice(entry, version, [probe]);
    if (!outcome) throw new RuntimeFailure({ kind: 'internal', message: 'the test-run request got no answer' });
    if ('failure' in outcome) throw new RuntimeFailure(outcome.failure);
    if (!readResponse(outcome.response)) {
      throw new RuntimeFailure({ kind: 'handler', message: 'hotlab could not read the answer to the test-run request (a built-in the response relies on was replaced?)' });
    }
  }

  #slice(entry: ModuleInstance, version: number, requests: string[]): BatchOutcome[] {
    const limit = this.limits.callTimeoutMs;
    let done: unknown;
    let interrupted: ChildFailure | null = null;
    try {
      done = entry.harness.applySync(undefined, ['handle-batch', limit / 2, requests], {
        timeout: Math.ceil(limit * 1.5),
        arguments: { copy: true },
        result: { copy: true },
      });
    } catch (error) {
      interrupted = failureFrom(error, 'handler', this.#files(), this.#isolate);
      if (interrupted.kind === 'memory') throw new RuntimeFailure(interrupted);
      done = entry.harness.applySync(undefined, ['batch-recover'], { timeout: limit, result: { copy: true } });
    }
    // The harness runs next to the learner's code and shares its realm: should a slice come back empty anyway,
    // the caller would ask again forever (until the engine's watchdog killed the process); instead the request
    // fails and says why.
    const items = (Array.isArray(done) ? done : []).slice(0, requests.length - (interrupted ? 1 : 0));
    if (items.length === 0 && !interrupted) {
      interrupted = {
        kind: 'handler',
        message: 'hotlab could not collect the response: did the service replace a built-in (Array.prototype.push, …) that its request harness relies on?',
      };
    }
    const outcomes = items.map((item) => this.#batchOutcome(entry, version, item));
    if (interrupted) outcomes.push({ version, failure: interrupted });
    return outcomes;
  }

  #batchOutcome(entry: ModuleInstance, version: number, item: unknown): BatchOutcome {
    if (typeof item === 'string') return { version, response: item };
    // Copied out of the isolate, so plain data; still shaped by code the learner can influence.
    const { error, stack } = (typeof item === 'object' && item !== null ? item : {}) as { error?: unknown; stack?: unknown };
    // No frame of a learner file (handle returned something that is not an answer): point at the entry's handle.
    const location = locate(typeof stack === 'string' ? stack : '', this.#files()) ?? handleDeclaration(entry.module);
    return { version, failure: { kind: 'handler', message: String(error ?? 'the handler failed'), location } };
  }

  /** Graceful restart, old process side: each module's `snapshot()` (for those that export one), and what was left out. */
  snapshot(): { states: Record<string, unknown>; notes: string[] } {
    const states: Record<string, unknown> = {};
    const notes: string[] = [];
    const program = this.#program;
    for (const instance of program?.instances.values() ?? []) {
      if (!instance.hasFunction('snapshot')) continue;
      const out = instance.handOut('snapshot');
      states[instance.id] = out.value;
      notes.push(...out.notes.map((note) => (program!.instances.size > 1 ? `${instance.id}: ${note}` : note)));
    }
    return { states, notes };
  }

  evaluate(expression: string, module?: string, mark?: string): string {
    return asText(this.#scope(module).call('eval', mark, expression, 'handler', false));
  }

  set(name: string, valueExpression: string, module?: string): string {
    return asText(this.#scope(module).call('set', name, valueExpression, 'handler', false));
  }


  /** What Go cannot do: drop every retained old version so its memory can be collected. */
  unload(): number {
    const retained = [...this.#retained.values()].flat();
    for (const instance of retained) instance.release();
    this.#retained.clear();
    this.#updateHeapWarning();
    return retained.length;
  }

  /**
   * Run hotlab's own small program through what a version does here (load, requests, snapshot, migrate), then
   * forget it: for a process started ahead of need, before it says it is ready, so the learner's first version in
   * it runs on compiled code paths (see warm-up.ts). Nothing of it stays but compiled code and garbage.
   */
  warmUp(): void {
    try {
      this.load(0, WARM_UP_PROGRAM, { kind: 'fresh' });
      this.handleSlice([WARM_UP_REQUEST, WARM_UP_REQUEST]);
      this.adopt(this.snapshot().states);
      this.stats();
    } finally {
      const program = this.#program;
      this.#program = null;
      for (const [id, instance] of program?.instances ?? []) {
        if (this.#registered.has(instance)) this.#registry.deleteSync(id);
        instance.release();
      }
      this.#updateHeapWarning();
    }
  }

  /**
   * Make the next update's context now. The child calls this when it has nothing queued: right after a
   * swap it would delay the new version's first response by the cost of a context.
   */
  prepareSpare(): void {
    if (!this.#spare && !this.#isolate.isDisposed) this.#spare = this.#makeSpare();
  }

  #scope(module: string | undefined): ModuleInstance {
    const program = this.#program;
    if (!program) throw new RuntimeFailure({ kind: 'internal', message: 'no version is loaded' });
    const instance = program.instances.get(module ?? program.entry);
    if (!instance) {
      throw new RuntimeFailure({ kind: 'internal', message: `no module ${module} in the running program (it has ${[...program.instances.keys()].join(', ')})` });
    }
    return instance;
  }

  /** A note about one module: named when the program has several. */
  #about(program: LoadableProgram, module: string, note: string): string {
    return program.modules.length > 1 ? `${module}: ${note}` : note;
  }

  // ── locating a crashed test-run (locate-crash.ts drives these, in a process of its own) ──────────────────

  /** A fresh program to step through: its registry, and no module yet. */
  stepBegin(): void {
    this.#stepping?.registry && releaseQuietly(this.#stepping.registry);
    this.#stepping = { registry: this.#newRegistry(), context: null };
  }

  /** Evaluate one whole module of the program being stepped through, linked to the ones before it. */
  stepModule(module: LoadableModule): void {
    const stepping = this.#requireStepping();
    this.#pendingFiles = [...this.#pendingFiles, module.file];
    const instance = this.#evaluate(0, module, undefined, stepping.registry, true);
    stepping.registry.setSync(module.file, instance.reader().derefInto());
  }

  /** A context for `module`'s statements, its imports linked to the modules stepped so far. */
  stepInto(module: LoadableModule): void {
    const stepping = this.#requireStepping();
    const { context, owner } = this.#takeSpare();
    owner.quiet = true;
    if (module.imports.length > 0) {
      context.evalClosureSync(LINK_IMPORTS, [stepping.registry.derefInto(), new ivm.ExternalCopy(module.imports).copyInto({ release: true })], { filename: 'hotlab:link' });
    }
    stepping.context = context;
    this.#pendingFiles = [...this.#pendingFiles, module.file];
  }

  /** Run one top-level statement in the stepping context, at its place in the learner's file. */
  step(code: string, file: string, line: number, column: number): void {
    const context = this.#requireStepping().context;
    if (!context) throw new RuntimeFailure({ kind: 'internal', message: 'no module to step into: step-into first' });
    const script = this.#compile(STRICT_PREFIX + code, file, line - 1, column - 1 - STRICT_PREFIX.length);
    try {
      script.runSync(context, { timeout: this.limits.initTimeoutMs });
    } catch (error) {
      throw new RuntimeFailure(failureFrom(error, 'init', file, this.#isolate));
    } finally {
      releaseQuietly(script);
    }
  }

  #requireStepping(): { registry: Registry; context: ivm.Context | null } {
    if (!this.#stepping) throw new RuntimeFailure({ kind: 'internal', message: 'nothing to step through: step-begin first' });
    return this.#stepping;
  }

  /** `typeof` each export of the named live modules: what the modules importing them rely on. */
  exportTypes(modules: readonly string[]): Record<string, Record<string, string>> {
    const types: Record<string, Record<string, string>> = {};
    for (const id of modules) {
      const instance = this.#program?.instances.get(id);
      if (!instance) continue;
      const names = [...Object.keys(instance.module.exports), ...instance.module.forwards.map((f) => f.exported)];
      types[id] = Object.fromEntries(names.map((name) => [name, instance.exportType(name)]));
    }
    return types;
  }

  /** plugin-swap: every module that keeps running must still find what it imports from `next`, with its type. */
  #lookUp(old: ModuleInstance, next: ModuleInstance, program: LoadableProgram, targets: ReadonlyMap<string, unknown>): void {
    for (const importer of program.modules) {
      if (targets.has(importer.file)) continue;
      const names = [...importer.imports, ...importer.forwards].filter((link) => link.from === next.id && link.imported !== '*').map((link) => link.imported);
      for (const name of new Set(names)) checkLookup({ module: next.id, name, type: old.exportType(name), importer: importer.file }, next.exportType(name));
    }
  }

  /** plugin-swap: the old instance's snapshot() goes to the new one's migrate(prev). */
  #migrate(old: ModuleInstance, next: ModuleInstance, program: LoadableProgram, notes: string[]): boolean {
    const hasSnapshot = old.hasFunction('snapshot');
    let prev: unknown;
    if (hasSnapshot) {
      const out = old.handOut('snapshot');
      prev = out.value;
      notes.push(...out.notes.map((note) => this.#about(program, next.id, note)));
    }
    const hasMigrate = next.hasFunction('migrate');
    if (prev !== undefined && hasMigrate) {
      next.call('call', 'migrate', prev, 'migrate', true);
      return true;
    }
    if (prev !== undefined) notes.push(this.#about(program, next.id, 'the old version exported snapshot() but the new one has no migrate(prev): its state was not taken over'));
    else if (hasMigrate && !hasSnapshot) notes.push(this.#about(program, next.id, 'migrate(prev) was not called: the old version exports no snapshot()'));
    return false;
  }

  #findStale(program: Program, captured: ReadonlyMap<ModuleInstance, ivm.Reference<unknown>>, scan: Record<string, string[]>): string[] {
    const found: string[] = [];
    const several = program.instances.size > 1;
    for (const [patched, functions] of captured) {
      for (const instance of program.instances.values()) {
        const bindings = scan[instance.id] ?? [];
        if (bindings.length === 0) continue;
        try {
          const places = instance.callWith('stale', staleReferenceProbe(bindings), functions.derefInto(), 'patch', 'copy');
          if (!Array.isArray(places)) continue;
          for (const place of places.map(String)) {
            const where = several ? `${instance.id}: ` : '';
            const from = several && instance !== patched ? ` (from ${patched.id})` : '';
            found.push(`${where}${place}${from}`);
          }
        } catch {
          // The scan is a teaching aid; a hostile value that breaks it must not fail an applied patch.
        }
      }
    }
    return found;
  }

  /** `registry`: where its imports (and forwarded names) are read from; null only for a module with neither. */
  #evaluate(version: number, module: LoadableModule, hotData: unknown, registry: Registry | null, quiet: boolean): ModuleInstance {
    const { context, owner, receiver, makeHarness, heapCost } = this.#takeSpare();
    owner.version = version;
    owner.quiet = quiet;
    let harness: ivm.Reference<Harness> | undefined;
    try {
      if (hotData !== undefined) {
        context.evalClosureSync('globalThis.hot.data = $0;', [new ivm.ExternalCopy(hotData).copyInto({ release: true })], { filename: 'hotlab:hot-data' });
      }
      if (module.imports.length > 0) {
        context.evalClosureSync(LINK_IMPORTS, [registry!.derefInto(), new ivm.ExternalCopy(module.imports).copyInto({ release: true })], { filename: 'hotlab:link' });
      }
      const script = this.#compile(STRICT_PREFIX + module.code, module.file, 0, -STRICT_PREFIX.length);
      try {
        script.runSync(context, { timeout: this.limits.initTimeoutMs });
      } catch (error) {
        throw new RuntimeFailure(failureFrom(error, 'init', this.#files(), this.#isolate));
      } finally {
        releaseQuietly(script); // it holds the whole source text; the functions it made live in the context
      }
      // The table of bindings is made after the learner's code (its closures read the bindings by name); the
      // harness around it was made before, so nothing the learner's code replaced can reach it.
      const table = context.evalSync(bindingTableSource(module.exports), { reference: true, filename: 'hotlab:bindings' }) as ivm.Reference<unknown>;
      try {
        harness = makeHarness.applySync(undefined, [table.derefInto(), new ivm.ExternalCopy(module.forwards).copyInto({ release: true })], {
          result: { reference: true },
        }) as unknown as ivm.Reference<Harness>;
      } finally {
        releaseQuietly(table);
      }
      // Names forwarded from other modules read them through the registry; a module without any does not need it.
      if (module.forwards.length > 0) harness.applySync(undefined, ['link', undefined, registry!.derefInto()], { timeout: this.limits.callTimeoutMs });
      const instance = new ModuleInstance({ module, version, context, harness, receiver, owner, host: this.#host });
      instance.contextCost = heapCost;
      return instance;
    } catch (error) {
      if (harness) releaseQuietly(harness);
      releaseQuietly(context);
      if (error instanceof RuntimeFailure) throw error;
      throw new RuntimeFailure(failureFrom(error, 'init', this.#files(), this.#isolate));
    } finally {
      releaseQuietly(makeHarness); // used once; holding it would keep a failed version's context alive
    }
  }

  /**
   * A fresh context with console and hot installed. Creating one costs 1–2 ms, so one is made ahead of time,
   * when the process is idle (see prepareSpare), and the next update finds it ready.
   */
  #takeSpare(): Spare {
    const spare = this.#spare ?? { ...this.#makeSpare(), heapCost: 0 };
    this.#spare = null;
    return spare;
  }

  #makeSpare(): Spare {
    // Every context is made alike: what one holds is measured once, between two collections, on the second (the
    // heap is nearly empty then, so they cost little; the first also leaves the bootstrap's compiled code, which
    // the others share: 215 KB against 163 KB each for 100 retained versions). Measured on each without the
    // collections, compile garbage would count too.
    const measuring = this.#contextCost === null && this.#contextsMade++ === 1;
    const before = measuring ? this.#budget.live() : 0;
    const context = this.#isolate.createContextSync();
    const owner = { version: 0, quiet: true };
    const log = new ivm.Callback(
      (level: string, message: string) => {
        if (!owner.quiet) this.#log(asLevel(level), String(message), owner.version);
      },
      { ignored: true },
    );
    const receiver = new HandOutReceiver();
    this.#bootstrap ??= this.#isolate.compileScriptSync(`(function ($0, $1, $2) {${BOOTSTRAP}\n})`, { filename: 'hotlab:bootstrap' });
    const factory = this.#bootstrap.runSync(context, { reference: true }) as ivm.Reference<(...args: unknown[]) => unknown>;
    const makeHarness = factory.applySync(undefined, [log, undefined, receiver.callback], { result: { reference: true } }) as unknown as Spare['makeHarness'];
    factory.release();
    if (measuring) this.#contextCost = Math.max(0, this.#budget.live() - before);
    return { context, owner, receiver, makeHarness, heapCost: this.#contextCost ?? 0 };
  }

  /** Put a live instance in the program's registry, where its importers read it. */
  #register(registry: Registry, instance: ModuleInstance): void {
    registry.setSync(instance.id, instance.reader().derefInto());
    this.#registered.add(instance);
  }

  #newRegistry(): Registry {
    return this.#linkContext.evalSync('Object.create(null)', { reference: true }) as Registry;
  }

  #compile(code: string, file: string, lineOffset: number, columnOffset: number): ivm.Script {
    try {
      return this.#isolate.compileScriptSync(code, { filename: file, lineOffset, columnOffset });
    } catch (error) {
      throw new RuntimeFailure(failureFrom(error, 'syntax', file, this.#isolate));
    }
  }

  #requireHandle(instance: ModuleInstance): void {
    const exported = 'handle' in instance.module.exports || instance.module.forwards.some((f) => f.exported === 'handle');
    if (!exported) {
      throw new RuntimeFailure({
        kind: 'missing-export',
        symbol: 'handle',
        message: `${instance.id} does not export handle: add \`export function handle(req) { … }\``,
      });
    }
    const type = instance.exportType('handle');
    if (type !== 'function') {
      throw new RuntimeFailure({
        kind: 'missing-export',
        symbol: 'handle',
        message: `handle is exported but it is ${type === 'undefined' ? 'undefined' : `a ${type}`}, not a function`,
      });
    }
  }

  /** The module files of the running program and of one being loaded, for locating failures. */
  #files(): string[] {
    return [...new Set([...this.#pendingFiles, ...(this.#program?.instances.keys() ?? [])])];
  }
}

/** A swapped module's export must keep the type its running importers use (Go's type assertion on the symbol). */
function checkLookup(lookup: Lookup, now: string): void {
  if (now === lookup.type) return;
  throw new RuntimeFailure({
    kind: 'missing-export',
    symbol: lookup.name,
    message: `${lookup.module}'s ${lookup.name} is now ${article(now)}, and ${lookup.importer}, which keeps running, uses it as ${article(lookup.type)} (in Go, the type assertion on the looked-up symbol fails)`,
  });
}

/** The modules some module of `program` imports from (or forwards): the ones the registry must hold. */
function importedModules(program: LoadableProgram): Set<string> {
  return new Set(program.modules.flatMap((module) => [...module.imports, ...module.forwards].map((link) => link.from)));
}

/** A module released to make room, and what it needs to be evaluated again. */
interface Released {
  module: LoadableModule;
  version: number;
  hotData: unknown;
}

/** What the modules `ids` of a test-run needed and keep, together. */
function sumHeap(heap: VerifyResult, ids: Iterable<string>): ModuleHeap {
  const total = { heapNeed: 0, heapKeep: 0 };
  for (const id of ids) {
    total.heapNeed += heap.modules[id]?.heapNeed ?? 0;
    total.heapKeep += heap.modules[id]?.heapKeep ?? 0;
  }
  return total;
}

/** V8's own gc(), from a context learner code never sees (the child runs with --expose-gc); a no-op without it. */
function collectorOf(isolate: ivm.Isolate): () => void {
  const context = isolate.createContextSync();
  const gc = context.global.getSync('gc', { reference: true }) as ivm.Reference<() => void>;
  if (gc.typeof !== 'function') return () => {};
  return () => {
    if (!isolate.isDisposed) gc.applySync(undefined, []);
  };
}

function article(type: string): string {
  return type === 'undefined' ? 'undefined' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
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

/**
 * "State kept" means the learner sees it kept: every value the old instance's state bindings held at the switch
 * is still there in the new one, at the same place (requests cannot run in between: the load is one synchronous
 * step). The new one may hold more (a migrate that adds `byPath`). hot.data handed over and read back, or
 * migrate called, is not enough: lesson 2's `hits` restarts while hot.data carries its load count on, and a
 * migrate may ignore what it is given. When the values cannot be read, the hand-over is taken as the answer.
 */
function sameObservedState(old: ModuleInstance, next: ModuleInstance, migrated: boolean): boolean {
  // A re-run binding whose declaration the learner edited (`let greeting = 'hello'`) starts from its new value by
  // intent. After a migrate it is the migrate's job to carry every value, whatever the declarations say.
  const shared = next.module.stateNames.filter(
    (name) => old.module.stateNames.includes(name) && (migrated || old.module.stateDeclarations?.[name] === next.module.stateDeclarations?.[name]),
  );
  if (shared.length === 0) return true;
  const before = old.observedState(shared);
  const after = next.observedState(shared);
  if (before === null || after === null) return true;
  // After a migrate the values may have moved (`hits` → `hits.total`): every old value must still be somewhere.
  const valueOf = (leaf: string): string => leaf.slice(leaf.indexOf('=') + 1);
  const now = new Set(migrated ? after.map(valueOf) : after);
  return before.every((leaf) => now.has(migrated ? valueOf(leaf) : leaf));
}
