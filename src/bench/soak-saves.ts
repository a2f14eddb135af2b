// The soak's first part: hundreds of real saves under one strategy while traffic flows, watching what a learner
// would notice go wrong over a long session — a failed request, a counter that starts over, a sandbox that
// restarts, memory that only grows.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../engine/engine.ts';
import { summarize } from '../engine/stats/summarize.ts';
import type { RestartMode, StrategyName, UpdateRecord } from '../engine/types.ts';
import { memoryFigures, type MemoryFigures } from './process-memory.ts';

export interface SaveSoakResult {
  strategy: string;
  saves: number;
  applied: number;
  rejected: number;
  /** Refusals because the heap was full (plugin-swap), each followed by an unload, as a learner would. */
  unloads: number;
  failedRequests: number;
  served: number;
  restarts: number;
  /** Times the counter the service keeps went down: state lost where it should have carried over. */
  stateResets: number;
  /** Applied updates whose record said the state was not kept. */
  notKept: number;
  heapMax: number;
  heapEnd: number;
  heapWarnings: number;
  totalP50: number | undefined;
  totalP95: number | undefined;
  memory: MemoryFigures;
  seconds: number;
}

/** Counts in `hits`, carried by hot.data (file-watch), snapshot/migrate (plugin-swap, graceful) or in place. */
export const service = (edit: number): string => `let hits = hot.data.hits ?? 0;
export function handle(req) {
  hits++;
  hot.data.hits = hits;
  return 'edit-${edit} ' + hits;
}
export function snapshot() { return { hits }; }
export function migrate(prev) { hits = prev.hits; }
`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `saves` saves, each as soon as the last one's update was recorded or 200 ms passed (binary-replace takes
 * longer than that: its saves come as a stream, as an editor's autosave would). At least 60 ms apart, past
 * chokidar's 50 ms throttle.
 */
export async function soakSaves(strategy: StrategyName, restart: RestartMode, saves: number, progress: (text: string) => void): Promise<SaveSoakResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hotlab-soak-'));
  const file = join(dir, 'service.js');
  await writeFile(file, service(0));
  const engine = new Engine({ file, strategy, restart, traffic: { rate: 100 } });
  const records: UpdateRecord[] = [];
  engine.on('update', (record) => records.push(record));
  engine.on('rejected', (record) => records.push(record));
  const started = performance.now();
  const result: SaveSoakResult = {
    strategy: strategy === 'binary-replace' ? `${strategy} (${restart})` : strategy,
    saves,
    applied: 0,
    rejected: 0,
    unloads: 0,
    failedRequests: 0,
    served: 0,
    restarts: 0,
    stateResets: 0,
    notKept: 0,
    heapMax: 0,
    heapEnd: 0,
    heapWarnings: 0,
    totalP50: undefined,
    totalP95: undefined,
    memory: memoryFigures(),
    seconds: 0,
  };
  try {
    await engine.start();
    let lastHits = 0;
    for (let edit = 1; edit <= saves; edit++) {
      const savedAt = performance.now();
      const before = records.length;
      await writeFile(file, service(edit));
      while (records.length === before && performance.now() - savedAt < 200) await sleep(5);
      const record = records.length > before ? records.at(-1) : undefined;
      if (record?.outcome === 'rejected' && record.reason?.includes('would not fit')) {
        await engine.unloadRetained();
        result.unloads++;
      }
      const hits = Number((await engine.request({ method: 'GET', path: '/soak', query: {}, headers: {}, body: '' })).body.split(' ')[1]);
      if (Number.isFinite(hits)) {
        if (hits < lastHits) result.stateResets++;
        lastHits = hits;
      }
      const snapshot = engine.getSnapshot();
      result.heapMax = Math.max(result.heapMax, snapshot.sandbox.heapUsed ?? 0);
      if (snapshot.heapWarning) result.heapWarnings++;
      const spent = performance.now() - savedAt;
      if (spent < 60) await sleep(60 - spent);
      if (edit % 25 === 0) progress(`${result.strategy}: ${edit}/${saves} saves`);
    }
    await engine.idle();
    await sleep(2500); // a stats refresh (every 2 s) after the last update
    const snapshot = engine.getSnapshot();
    result.failedRequests = snapshot.failed;
    result.served = snapshot.served;
    result.restarts = snapshot.sandbox.restarts;
    result.heapEnd = snapshot.sandbox.heapUsed ?? 0;
    result.memory = memoryFigures();
  } finally {
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const applied = records.filter((r) => r.outcome === 'applied');
  result.applied = applied.length;
  result.rejected = records.length - applied.length;
  result.notKept = applied.filter((r) => !r.stateKept).length;
  const totals = summarize(applied.flatMap((r) => (r.total === undefined ? [] : [r.total])));
  result.totalP50 = totals.p50;
  result.totalP95 = totals.p95;
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
