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

/** The source line a location points into, for a code frame (see source/code-frame.ts). */
export interface CodeFrame extends SourceLocation {
  /** The whole line, as written (tabs included). */
  text: string;
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
  /**
   * The save → watcher event. The moment of the save is not known to hotlab (a file's mtime comes from a coarse
   * clock, several ms behind), so for a save this is the write → event latency measured on this machine at start:
   * an estimate, and `detectEstimated` says so. `total` starts from the event less this estimate.
   */
  detect?: number;
  detectEstimated?: boolean;
  debounce?: number;
  read?: number;
  compile?: number;
  link?: number;
  migrate?: number;
  swap?: number;
  firstResponse?: number;
}

/** What caused an update. `start`: booting the file when the program starts (only a refused one makes a record). */
export type UpdateTrigger = 'save' | 'reload' | 'strategy' | 'rollback' | 'compare' | 'restart' | 'start';

/**
 * What one update did to one module of the program (design §8): re-ran (file-watch), swapped (plugin-swap),
 * patched (reflection-patch), rebuilt (binary-replace), loaded fresh, or removed from the program.
 */
export interface ModuleChange {
  module: string;
  action: 'loaded' | 're-ran' | 'swapped' | 'patched' | 'rebuilt' | 'removed';
  /** It changed, it imports a module that re-ran, or the whole program was (re)built. */
  cause: 'changed' | 'importer' | 'program';
  stateKept: boolean;
  /** It had state to lose (top-level `let`/`var`, or something built with `new`). */
  stateful: boolean;
}

/** One module of the running program. */
export interface ModuleStatus {
  /** Its path in the workspace: `service.js`, `lib/greet.ts`. */
  module: string;
  /** The version that loaded (or last patched) its live instance. */
  version: number;
  /** Old instances still loaded (plugin-swap keeps them, as Go keeps every plugin). */
  retainedVersions: number;
  retainedHeap: number;
}

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
  /** Rejected: the whole sentence (where, what went wrong, what keeps serving), as serve and logs print it. */
  reason?: string;
  /**
   * Rejected: what went wrong alone, without the place or what keeps serving, for screens that say those their
   * own way (the lab shows the place with its code frame and says what keeps serving in the learner's language).
   */
  cause?: string;
  location?: SourceLocation;
  /** The refused line and a caret under `location` (rejections located in the source that was refused). */
  frame?: CodeFrame;
  timings: StageTimings;
  /** The save (estimated: see StageTimings.detect) → first response served by the new version. */
  total?: number;
  /**
   * Longest gap with no successful response during an update that failed requests; for a cold restart, at least
   * the time no process took requests (old one stopped → new one's first answer), even if no request fell in it.
   */
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
  /** The modules whose source the update changed (or that are new), in evaluation order. */
  changed?: string[];
  /** What the update did to each module it touched (applied updates). */
  modules?: ModuleChange[];
  /** Wall-clock time the update started (ms since epoch). */
  startedAt: number;
  /** Wall-clock time the new version served its first response (applied updates). */
  firstResponseAt?: number;
}

/**
 * `waiting`: no version has started yet because the file, as it is, cannot run; the first good save starts v1.
 * `down`: a version ran, and a cold restart stopped it before a good build replaced it.
 */
export type SandboxState = 'starting' | 'waiting' | 'ready' | 'restarting' | 'down' | 'stopped';

/** A line the learner's `console.*` printed, or a message from the engine about the service. */
export interface LogEntry {
  at: number;
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  source: 'service' | 'engine';
  message: string;
  version?: number | null;
  /** The module that printed it (a program of several modules). */
  module?: string;
}

/** One request the traffic saw, for the live feed. */
export interface FeedEntry {
  at: number;
  method: string;
  path: string;
  /** The request's query (`?name=gopher` → `{name: 'gopher'}`). */
  query: Record<string, string>;
  status: number;
  /** The response's headers (`x-build`, `content-type`, …), for the feed's detail view. */
  headers: Record<string, string>;
  body: string;
  version: number | null;
  failed: boolean;
  latencyMs: number;
  origin: 'driver' | 'http' | 'check' | 'repl';
}

/** What the running version declares at the top level: the names the REPL can read, call and `:set`. */
export interface RunningScope {
  /** `let` and `var` bindings: module state, what `:set` can change. */
  variables: string[];
  /** `const` and `class` bindings. */
  constants: string[];
  /** Top-level function declarations. */
  functions: string[];
  /** Exported names (`handle`, `snapshot`, …). */
  exports: string[];
}

/** A read-only picture of the engine for renderers; a new object whenever anything changes. */
export interface EngineSnapshot {
  /** The entry module's path. */
  file: string;
  workspace: string;
  /** The entry module's id in the workspace (`service.js`). */
  entry: string;
  /** The running program's modules, in evaluation order (the entry last); empty while nothing runs. */
  modules: readonly ModuleStatus[];
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
  /** What the traffic sends, in turn; the first is the probe every new version is test-run with. */
  requests: readonly ServiceRequest[];
  /** The running version's top-level names in the entry's scope; null while no version runs. */
  scope: RunningScope | null;
  /**
   * The same for every module of the running program, by module id (the entry included), for a REPL pointed
   * at another module's scope. Null (or absent) while no version runs.
   */
  scopes?: Readonly<Record<string, RunningScope>> | null;
  /** Bounded history, newest last. */
  feed: readonly FeedEntry[];
  updates: readonly UpdateRecord[];
  logs: readonly LogEntry[];
  /** Requests answered since start, and how many of them failed. */
  served: number;
  failed: number;
  /**
   * The refusal that stands now: the newest update was rejected and nothing has replaced it since (an applied
   * update, a save that brings back the running version's code, a new program). Null while all is well.
   */
  rejection: UpdateRecord | null;
  /**
   * A save brought back the running version's code while an update was rejected: that rejection no longer
   * stands ("back to v7's code"). Not a new version. Null again once the next update (or program) comes.
   */
  reverted: { version: number; at: number } | null;
  /** A problem that is not a refused update (deleted file, crashed sandbox), shown until it is resolved. */
  problem: string | null;
}

/** A line the evaluated code printed with `console.*`: shown in the REPL, not in the service's logs. */
export interface PrintedLine {
  level: LogEntry['level'];
  text: string;
}

/** What the REPL gets back from evaluating an expression or a command in the live sandbox. */
export type EvalResult =
  | { ok: true; /** pretty-printed value, as the REPL shows it */ text: string; printed?: PrintedLine[] }
  | { ok: false; error: string; location?: SourceLocation; printed?: PrintedLine[] };

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
  /**
   * Requests per second on the scratch service the row was replayed on. Failed requests scale with it: the
   * same downtime fails more requests at compare's rate than at the live lab's.
   */
  trafficRate: number;
  /** What the replayed edit did to each module, and how many modules the program has (for describeModules). */
  modules?: ModuleChange[];
  programSize?: number;
}

/** The code change compare replays: from one applied version to the next, and the modules it changed. */
export interface ReplayedEdit {
  from: number;
  to: number;
  /** Module ids (`greet.js`) whose source differs: changed, added or removed. */
  changed: string[];
}

/** A comparison under way: which edit it replays (fixed when it starts, whatever is saved later) and its rows. */
export interface CompareRun {
  edit: ReplayedEdit;
  rows: Promise<CompareRow[]>;
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
  /**
   * Evaluate a JavaScript expression in the live version, under the call time limit: in the entry's scope, or in
   * `module`'s (`greet.js`; an unknown module is an error naming the modules there are).
   */
  evaluate(expression: string, module?: string): Promise<EvalResult>;
  /** Set a live top-level binding by name (Go's FieldByName(...).Set(...)); value is a JS expression. */
  setValue(name: string, valueExpression: string, module?: string): Promise<EvalResult>;
  /** Drop the old instances plugin-swap keeps loaded (what Go cannot do); resolves with how many were dropped. */
  unloadRetained(): Promise<number>;
  /**
   * Replay the learner's last code change under every strategy with traffic flowing; one row each. Null when no
   * applied version changed the code yet (a strategy switch or a reload re-applies the same code: not an edit).
   */
  compare(onRow?: (row: CompareRow) => void): CompareRun | null;
  stop(): Promise<void>;
}
