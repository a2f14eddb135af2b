// The messages between the engine (host) and a sandbox child process. Both sides import only types from here.
import type { SourceLocation } from '../types.ts';

/** A compiled learner module as the child runs it: a strict classic script plus its export table. */
export interface LoadableModule {
  /** The script, with the same lines and columns as the learner's file. */
  code: string;
  /** Shown in stack traces and error locations (the learner's file name, relative to the workspace). */
  file: string;
  /** Exported name → top-level binding name. */
  exports: Record<string, string>;
}

/** How a freshly loaded version takes over from the one serving now. */
export type Handover =
  /** Nothing carries over: state starts fresh. */
  | 'none'
  /** The old version's `hot.data` object is copied into the new one (file-watch, like Vite's import.meta.hot.data). */
  | 'hot-data'
  /** The old version's `snapshot()` result is passed to the new version's `migrate(prev)` (plugin-swap, graceful restart). */
  | 'migrate';

export interface PatchInstruction {
  name: string;
  action: 'replace' | 'add';
  code: string;
  location: SourceLocation;
  columnOffset: number;
}

export type ChildCommand =
  /** heap: what the verifier measured the version needs (see VerifyResult), to decide whether it fits next to the old. */
  | { op: 'load'; version: number; module: LoadableModule; handover: Handover; retainPrevious: boolean; heap?: VerifyResult }
  /** The state the next version would take over, for its test-run. */
  | { op: 'state'; handover: Handover }
  /** Graceful restart: the new process takes over the old process's snapshot() through migrate(prev). */
  | { op: 'adopt'; state: unknown }
  | { op: 'patch'; version: number; patches: PatchInstruction[]; exports: Record<string, string>; bindingNames: string[] }
  /** handover: the state the new version will take over, so the test-run takes it over too. */
  | { op: 'verify'; module: LoadableModule; probe: string | null; handover?: { kind: Handover; state: unknown } }
  | { op: 'handle'; request: string }
  | { op: 'snapshot' }
  | { op: 'eval'; expression: string }
  | { op: 'set'; name: string; valueExpression: string }
  | { op: 'unload' }
  /**
   * Locating a crash (locate-crash.ts): a scratch context, then the module's top-level statements one command at a
   * time, so the command the process died in names the statement. `code` keeps the learner's positions from
   * (line, column) on.
   */
  | { op: 'step-begin' }
  | { op: 'step'; code: string; file: string; line: number; column: number }
  | { op: 'stats' };

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
  /** What carried over: keys of hot.data, or whether migrate ran. */
  handedOver: boolean;
  notes: string[];
  /** Set while the heap is filling up (see HeapBudget.warning). */
  heapWarning?: string;
}

export interface VerifyResult {
  /** Heap the version needed to initialise, take over its state and answer the probe (garbage included), bytes. */
  heapNeed: number;
  /** Heap it still held after a full collection: what keeping it loaded costs, bytes. */
  heapKeep: number;
}

export interface PatchResult {
  version: number;
  timings: { compile: number; swap: number };
  heapBefore: number;
  heapAfter: number;
  /** Places in live state that still hold a replaced function (stale references). */
  staleReferences: string[];
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
