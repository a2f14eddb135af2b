// Shared vocabulary of the engine. The UI, the headless commands and the tests only speak these types.

/** The four update strategies, in the order of the strategy keys 1–4. */
export const STRATEGY_NAMES = ['file-watch', 'plugin-swap', 'reflection-patch', 'binary-replace'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** How binary-replace restarts: stop-then-start (`cold`) or start-ready-switch-drain (`graceful`). @default 'graceful' */
export type RestartMode = 'cold' | 'graceful';

/** A place in the learner's source. Lines and columns are 1-based, as editors show them. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** What the learner's `handle(req)` receives. */
export interface ServiceRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

/** What the engine answers for one request, whoever asked (HTTP, the driver, a lesson check). */
export interface ServiceResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The version that answered; null when no version could serve (503). */
  version: number | null;
  /** True when the engine itself failed the request (no version, time limit, crash, throw). */
  failed: boolean;
  /** Why it failed, for the feed. */
  error?: string;
}

/** Durations in milliseconds of each stage of one update (design §4). Absent stages were not run. */
export interface StageTimings {
  detect?: number;
  debounce?: number;
  read?: number;
  compile?: number;
  link?: number;
  migrate?: number;
  swap?: number;
  firstResponse?: number;
}

export type UpdateTrigger = 'save' | 'reload' | 'strategy' | 'rollback' | 'compare' | 'restart';

/** One update, applied or rejected: the record of design §4. */
export interface UpdateRecord {
  /** Sequence number of the attempt, counting every update the engine tried. */
  id: number;
  /** The version now serving after this update (the new one if applied, the kept one if rejected). */
  version: number | null;
  /** The version that was serving before. */
  previousVersion: number | null;
  strategy: StrategyName;
  restart?: RestartMode;
  trigger: UpdateTrigger;
  outcome: 'applied' | 'rejected';
  reason?: string;
  location?: SourceLocation;
  timings: StageTimings;
  /** File mtime → first response served by the new version. */
  total?: number;
  /** Longest gap with no successful response during the update. */
  downtimeMs: number;
  failedRequests: number;
  /** Did module state (the counter, say) survive into the new version? */
  stateKept: boolean;
  heapBefore?: number;
  heapAfter?: number;
  /** Old code versions still loaded (plugin-swap keeps every one, as Go does). */
  retainedVersions: number;
  /** Heap those old versions added when they were loaded, bytes (approximate: V8 shares one heap). */
  retainedHeap?: number;
  /** Warnings that did not stop the update: stale references, a dropped hand-off, … */
  notes: string[];
  /** Wall-clock time the update started (ms since epoch). */
  startedAt: number;
  /** Wall-clock time the new version served its first response (applied updates). */
  firstResponseAt?: number;
}

export type SandboxState = 'starting' | 'ready' | 'restarting' | 'down' | 'stopped';

/** A line the learner's `console.*` printed, or a message from the engine about the service. */
export interface LogEntry {
  at: number;
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  source: 'service' | 'engine';
  message: string;
  version?: number | null;
}

/** One request the traffic saw, for the live feed. */
export interface FeedEntry {
  at: number;
  method: string;
  path: string;
  status: number;
  body: string;
  version: number | null;
  failed: boolean;
  latencyMs: number;
  origin: 'driver' | 'http' | 'check' | 'repl';
}

/** A read-only picture of the engine for renderers; a new object whenever anything changes. */
export interface EngineSnapshot {
  file: string;
  workspace: string;
  strategy: StrategyName;
  restart: RestartMode;
  version: number | null;
  /** heapLimit: the isolate's heap limit in bytes, once known. */
  sandbox: { state: SandboxState; pid: number | null; heapUsed: number | null; heapLimit?: number | null; restarts: number };
  retainedVersions: number;
  /**
   * Set while the sandbox heap is filling up (plugin-swap's retained versions, or a service holding most of
   * it): what fills it, how many more saves fit, what to do. Null or absent while there is room.
   */
  heapWarning?: string | null;
  httpUrl: string | null;
  trafficRate: number;
  /** Bounded history, newest last. */
  feed: readonly FeedEntry[];
  updates: readonly UpdateRecord[];
  logs: readonly LogEntry[];
  /** Requests answered since start, and how many of them failed. */
  served: number;
  failed: number;
  /** A short problem shown until the next good update (deleted file, crashed sandbox, down after a cold restart). */
  problem: string | null;
}

/** What the REPL gets back from evaluating an expression or a command in the live sandbox. */
export type EvalResult =
  | { ok: true; /** pretty-printed value, as the REPL shows it */ text: string }
  | { ok: false; error: string; location?: SourceLocation };

/** One row of the side-by-side comparison: the learner's last edit replayed under one strategy. */
export interface CompareRow {
  strategy: StrategyName;
  restart?: RestartMode;
  outcome: 'applied' | 'rejected';
  reason?: string;
  total?: number;
  downtimeMs: number;
  failedRequests: number;
  stateKept: boolean;
  /** Heap still held by old code versions after the update, bytes. */
  retainedHeap: number;
  retainedVersions: number;
}

/**
 * What a screen (or a test's fake) needs from the engine: a snapshot to render, a way to hear about changes
 * (shaped for React's useSyncExternalStore), and the commands the keys and the REPL send.
 */
export interface LabEngine {
  getSnapshot(): EngineSnapshot;
  subscribe(listener: () => void): () => void;
  setStrategy(strategy: StrategyName, restart?: RestartMode): Promise<UpdateRecord | null>;
  /** Re-apply the current file with the active strategy (what `:reload` and a strategy switch do). */
  reload(): Promise<UpdateRecord | null>;
  /** Go back to the previous good version. */
  rollback(): Promise<UpdateRecord | null>;
  /** Evaluate a JavaScript expression in the live version, under the call time limit. */
  evaluate(expression: string): Promise<EvalResult>;
  /** Set a live top-level binding by name (Go's FieldByName(...).Set(...)); value is a JS expression. */
  setValue(name: string, valueExpression: string): Promise<EvalResult>;
  /** Replay the last edit under every strategy with traffic flowing; one row each. */
  compare(onRow?: (row: CompareRow) => void): Promise<CompareRow[]>;
  stop(): Promise<void>;
}
