// A LabEngine for UI tests: a mutable snapshot the test publishes, and every command recorded.
import type {
  CompareRow,
  CompareRun,
  EngineSnapshot,
  EvalResult,
  FeedEntry,
  LabEngine,
  LogEntry,
  ReplayedEdit,
  RestartMode,
  StrategyName,
  UpdateRecord,
} from '../../src/engine/types.ts';

export interface RecordedCall {
  method: 'setStrategy' | 'reload' | 'rollback' | 'evaluate' | 'setValue' | 'unloadRetained' | 'compare' | 'stop';
  args: unknown[];
}

export function baseSnapshot(): EngineSnapshot {
  return {
    file: '/work/lab/sandbox/service.js',
    workspace: '/work/lab/sandbox',
    entry: 'service.js',
    modules: [{ module: 'service.js', version: 1, retainedVersions: 0, retainedHeap: 0 }],
    strategy: 'file-watch',
    restart: 'graceful',
    version: 1,
    sandbox: { state: 'ready', pid: 4242, heapUsed: 3_200_000, restarts: 0 },
    retainedVersions: 0,
    httpUrl: 'http://127.0.0.1:5173',
    trafficRate: 100,
    requests: [{ method: 'GET', path: '/ping', query: {}, headers: {}, body: '' }],
    scope: { variables: ['hits'], constants: [], functions: ['handle'], exports: ['handle'] },
    feed: [],
    updates: [],
    logs: [],
    served: 0,
    failed: 0,
    rejection: null,
    reverted: null,
    problem: null,
  };
}

let clock = 1_700_000_000_000;

export function feedEntry(partial: Partial<FeedEntry> = {}): FeedEntry {
  return { at: clock++, method: 'GET', path: '/ping', query: {}, status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'pong', version: 1, failed: false, latencyMs: 0.4, origin: 'driver', ...partial };
}

export function logEntry(partial: Partial<LogEntry> = {}): LogEntry {
  return { at: clock++, level: 'log', source: 'service', message: 'hello', version: 1, ...partial };
}

let nextUpdateId = 1;

export function updateRecord(partial: Partial<UpdateRecord> = {}): UpdateRecord {
  return {
    id: nextUpdateId++,
    version: 2,
    previousVersion: 1,
    strategy: 'file-watch',
    trigger: 'save',
    outcome: 'applied',
    timings: { detect: 0.6, read: 0.1, compile: 0.3, link: 0.2, swap: 0.05, firstResponse: 2.5 },
    total: 3.75,
    downtimeMs: 0,
    failedRequests: 0,
    stateKept: false,
    retainedVersions: 0,
    notes: [],
    startedAt: clock++,
    ...partial,
  };
}

export function compareRow(partial: Partial<CompareRow> = {}): CompareRow {
  return { strategy: 'file-watch', outcome: 'applied', total: 3.2, downtimeMs: 0, failedRequests: 0, stateKept: false, retainedHeap: 0, retainedVersions: 0, trafficRate: 500, ...partial };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export class FakeEngine implements LabEngine {
  snapshot: EngineSnapshot;
  readonly calls: RecordedCall[] = [];
  /** What evaluate/setValue answer; replace per test. `module`: the scope asked for (undefined: the entry's). */
  evaluator: (expression: string, module?: string) => EvalResult = (expression) => ({ ok: true, text: `=> ${expression}` });
  /** What unloadRetained resolves with. */
  unloadCount = 0;
  /** What setStrategy/reload/rollback resolve with. */
  nextUpdate: UpdateRecord | null = null;
  /** The edit compare() says it replays; null: no code change to replay yet. */
  compareEdit: ReplayedEdit | null = { from: 1, to: 2, changed: ['service.js'] };
  /** When set, stop() waits for this before resolving. */
  stopGate: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  private compareRun: { onRow?: (row: CompareRow) => void; rows: CompareRow[]; done: Deferred<CompareRow[]> } | null = null;

  constructor(partial: Partial<EngineSnapshot> = {}) {
    this.snapshot = { ...baseSnapshot(), ...partial };
  }

  // Plain methods (not arrow fields), as a real engine class has: the UI must bind them itself.
  getSnapshot(): EngineSnapshot {
    return this.snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Publish a new snapshot object, as the engine does on every change. */
  publish(patch: Partial<EngineSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  pushRequests(...entries: FeedEntry[]): void {
    const failed = entries.filter((e) => e.failed).length;
    this.publish({
      feed: [...this.snapshot.feed, ...entries].slice(-200),
      served: this.snapshot.served + entries.length,
      failed: this.snapshot.failed + failed,
    });
  }

  pushUpdate(record: UpdateRecord): void {
    this.publish({
      updates: [...this.snapshot.updates, record],
      version: record.version,
      strategy: record.strategy,
      retainedVersions: record.retainedVersions,
    });
  }

  callsTo(method: RecordedCall['method']): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  async setStrategy(strategy: StrategyName, restart?: RestartMode): Promise<UpdateRecord | null> {
    this.calls.push({ method: 'setStrategy', args: restart === undefined ? [strategy] : [strategy, restart] });
    this.publish({ strategy, restart: restart ?? this.snapshot.restart });
    return this.nextUpdate;
  }

  async reload(): Promise<UpdateRecord | null> {
    this.calls.push({ method: 'reload', args: [] });
    return this.nextUpdate;
  }

  async rollback(): Promise<UpdateRecord | null> {
    this.calls.push({ method: 'rollback', args: [] });
    return this.nextUpdate;
  }

  // A module is recorded only when one was passed, as the engine's default scope (the entry's) takes none.
  async evaluate(expression: string, module?: string): Promise<EvalResult> {
    this.calls.push({ method: 'evaluate', args: module === undefined ? [expression] : [expression, module] });
    return this.evaluator(expression, module);
  }

  async setValue(name: string, valueExpression: string, module?: string): Promise<EvalResult> {
    this.calls.push({ method: 'setValue', args: module === undefined ? [name, valueExpression] : [name, valueExpression, module] });
    return { ok: true, text: valueExpression };
  }

  async unloadRetained(): Promise<number> {
    this.calls.push({ method: 'unloadRetained', args: [] });
    const count = this.unloadCount;
    this.unloadCount = 0;
    this.publish({ retainedVersions: 0, modules: this.snapshot.modules.map((m) => ({ ...m, retainedVersions: 0, retainedHeap: 0 })) });
    return count;
  }

  compare(onRow?: (row: CompareRow) => void): CompareRun | null {
    this.calls.push({ method: 'compare', args: [] });
    if (!this.compareEdit) return null;
    // Promise.withResolvers is ES2024; the project's lib is ES2023.
    let resolve: (rows: CompareRow[]) => void = () => {};
    let reject: (error: unknown) => void = () => {};
    const promise = new Promise<CompareRow[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const done = { promise, resolve, reject };
    this.compareRun = { onRow, rows: [], done };
    return { edit: this.compareEdit, rows: done.promise };
  }

  /** Report one compare row, as the engine does when a strategy finishes. */
  emitCompareRow(row: CompareRow): void {
    if (!this.compareRun) throw new Error('emitCompareRow: compare() was not called');
    this.compareRun.rows.push(row);
    this.compareRun.onRow?.(row);
  }

  finishCompare(): void {
    if (!this.compareRun) throw new Error('finishCompare: compare() was not called');
    this.compareRun.done.resolve(this.compareRun.rows);
  }

  async stop(): Promise<void> {
    this.calls.push({ method: 'stop', args: [] });
    if (this.stopGate) await this.stopGate;
    this.publish({ sandbox: { ...this.snapshot.sandbox, state: 'stopped', pid: null } });
  }
}
