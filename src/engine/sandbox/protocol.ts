// The messages between the engine (host) and a sandbox child process. Both sides import only types from here.
import type { LinkedForward, LinkedImport } from '../graph/program-graph.ts';
import type { ModuleChange, ModuleStatus, SourceLocation } from '../types.ts';

/** A compiled learner module as the child runs it: a strict classic script, its exports and its imports. */
export interface LoadableModule {
  /** The script, with the same lines and columns as the learner's file. */
  code: string;
  /** The module's id in the workspace (`service.js`, `lib/greet.ts`): its name in stack traces and locations. */
  file: string;
  /** Exported name → top-level binding name. */
  exports: Record<string, string>;
  /** Names it reads from other modules of the program (live bindings). */
  imports: LinkedImport[];
  /** Names it exports on behalf of other modules (`export … from`). */
  forwards: LinkedForward[];
  /** It has state a new instance would lose: top-level bindings (stateNames) or what it reads back from hot.data. */
  stateful: boolean;
  /** Those bindings: compared between the old and the new instance to say whether the state was kept. */
  stateNames: string[];
  /** Their declarations' text, by name: one the learner edited is a new starting value, not state lost. */
  stateDeclarations: Record<string, string>;
  /** It reads `hot.data` back: a file-watch re-run that hands it a non-empty hot.data keeps its state. */
  readsHotData: boolean;
}

/** A whole program as the child runs it. */
export interface LoadableProgram {
  /** The module whose `handle` serves requests. */
  entry: string;
  /** Every module, each after the modules it imports (the entry last). */
  modules: LoadableModule[];
}

/**
 * Which modules of the running program a load replaces, and how state crosses over (design §8).
 * - `fresh`: a new program, nothing carries over (first boot, restart, a binary's boot).
 * - `re-run` (file-watch): the changed modules and their importers, up to the entry or a module that called
 *   `hot.accept()`, are evaluated again; each gets its old instance's `hot.data`.
 * - `swap` (plugin-swap): the changed modules alone get a new instance next to the old one, which stays loaded;
 *   each new instance's `migrate(prev)` takes its old instance's `snapshot()`. Importers must still find every
 *   name they import, with the same type (Go's `plugin.Lookup` and type assertion).
 */
export type LoadPlan = { kind: 'fresh' } | { kind: 're-run'; changed: string[] } | { kind: 'swap'; changed: string[] };

export type { ModuleChange } from '../types.ts';

/** An export a running module looks up in another, and the type it has now: what a swap must keep (Go's Lookup). */
export interface Lookup {
  module: string;
  name: string;
  type: string;
  /** The module that keeps running and uses it. */
  importer: string;
}

export interface PatchInstruction {
  /** The module the function lives in. */
  module: string;
  name: string;
  action: 'replace' | 'add';
  code: string;
  location: SourceLocation;
  columnOffset: number;
}

export type ChildCommand =
  /** binary-replace in a standby process: boot the build at `artifact` (read now, after its rename). */
  | { op: 'boot'; artifact: string }
  /** heap: what the verifier measured each module needs (see VerifyResult), to decide whether the load fits next to the old. */
  | { op: 'load'; version: number; program: LoadableProgram; plan: LoadPlan; heap?: VerifyResult }
  /** The state each module the plan replaces would take over, for the test-run. */
  | { op: 'state'; plan: LoadPlan; program: LoadableProgram }
  /** Graceful restart: the new process takes over the old process's snapshots (by module) through migrate(prev). */
  | { op: 'adopt'; states: Record<string, unknown> }
  /** Reflection-patch. */
  | { op: 'patch'; version: number; patches: PatchInstruction[] }
  /** After a patch has answered: where its replaced functions are still held; `scan`: per module, the bindings to walk. */
  | { op: 'stale'; scan: Record<string, string[]> }
  /**
   * `lookups`: exports that modules which keep running need, with the type they have now (plugin-swap).
   * `handover`: the state the new modules will take over, so the test-run takes it over too.
   */
  | { op: 'verify'; program: LoadableProgram; probe: string | null; lookups?: Lookup[]; handover?: TestRunHandover }
  /** `typeof` every export of these live modules. */
  | { op: 'export-types'; modules: string[] }
  | { op: 'handle'; request: string }
  | { op: 'snapshot' }
  /** In the entry's scope, or in `module`'s. `mark`: tag what it prints with `console` (the REPL shows it). */
  | { op: 'eval'; expression: string; module?: string; mark?: string }
  | { op: 'set'; name: string; valueExpression: string; module?: string }
  | { op: 'unload' }
  /**
   * Locating a crash (locate-crash.ts): a scratch context, then the module's top-level statements one command at a
   * time, so the command the process died in names the statement. `code` keeps the learner's positions from
   * (line, column) on.
   */
  /**
   * Locating a crashed test-run (locate-crash.ts), in a process of its own: a fresh program to step through; a whole
   * module of it; a module's context, linked to the ones before, to run its statements in; one statement.
   */
  | { op: 'step-begin' }
  | { op: 'step-module'; module: LoadableModule }
  | { op: 'step-into'; module: LoadableModule }
  | { op: 'step'; code: string; file: string; line: number; column: number }
  /** `collect`: a full collection first, so heapUsed is what live objects hold (the memory soak; never the update path). */
  | { op: 'stats'; collect?: boolean };

/** Where a failure came from, so the engine can word what kept running. */
export type FailureKind =
  | 'syntax'
  | 'init'
  | 'missing-export'
  | 'handler'
  | 'timeout'
  | 'memory'
  /** Refused before anything was touched: the version would not fit in the heap next to what is held. */
  | 'no-room'
  | 'migrate'
  | 'snapshot'
  | 'patch'
  | 'crash'
  | 'internal';

export interface ChildFailure {
  kind: FailureKind;
  /** A missing or mistyped export: the name an importer (or the engine, for `handle`) looks up. */
  symbol?: string;
  message: string;
  location?: SourceLocation;
  /** The version that failed, when one was running the call. */
  version?: number;
}

export interface LoadResult {
  version: number;
  timings: { compile: number; link: number; migrate?: number; swap: number };
  heapBefore: number;
  heapAfter: number;
  retainedVersions: number;
  /** Bytes the retained (not serving) versions added to the heap when they were loaded. */
  retainedHeap: number;
  /** Every module the load touched, in evaluation order. */
  modules: ModuleChange[];
  notes: string[];
  /** Set while the heap is filling up (see HeapBudget.warning). */
  heapWarning?: string;
}

/** Heap one module needed in a test-run, and keeps. */
export interface ModuleHeap {
  /** Needed to initialise and take over its state (and, for the entry, answer the probe), garbage included, bytes. */
  heapNeed: number;
  /** Still held after a full collection: what keeping it loaded costs, bytes. */
  heapKeep: number;
}

/** What a test-run measured, per module: the serving sandbox adds up the modules a load replaces. */
export interface VerifyResult {
  modules: Record<string, ModuleHeap>;
}

/** The state the modules of a new version take over, handed to its test-run: hot.data or snapshot() per module. */
export interface TestRunHandover {
  kind: 'hot-data' | 'migrate';
  states: Record<string, unknown>;
}

export interface PatchResult {
  version: number;
  timings: { compile: number; swap: number };
  heapBefore: number;
  heapAfter: number;
}

export interface HandleResult {
  version: number;
  /** JSON of {status, headers, body}, produced inside the isolate. */
  response: string;
}


export interface SandboxStats {
  version: number | null;
  heapUsed: number;
  heapLimit: number;
  retainedVersions: number;
  retainedHeap: number;
  modules: ModuleStatus[];
  heapWarning: string | null;
}

export type ChildReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; failure: ChildFailure };

export type ChildEvent =
  | { event: 'log'; level: 'log' | 'info' | 'warn' | 'error' | 'debug'; message: string; version: number | null }
  | { event: 'ready'; version: number | null; failure?: ChildFailure }
  /** The isolate was disposed (out of memory): the child exits next; send it nothing more. */
  | { event: 'disposed' };

/** A batch of messages in one IPC send: coalescing per tick is what makes 100k calls/s possible. */
export interface Envelope<T> {
  batch: T[];
}
