// The soak's memory part (issue 11): what the lab holds in memory, host and every sandbox process, when it has
// just started, after many saves, and once it has sat idle again. The engine runs as the lab runs it: traffic
// on (the lab's 20 req/s), HTTP on a free port, a verifier test-running each new version, the file watched and
// saved for real, each save waiting for its update record. Growth that stays once idle is what a long session
// would pile up; plugin-swap's retained versions are that by design, and their share is shown next to it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../engine/engine.ts';
import type { RestartMode, StrategyName, UpdateRecord } from '../engine/types.ts';
import { expectRecord } from '../engine/wait-for-record.ts';
import { childPids, processMemory } from './process-memory.ts';
import { service } from './soak-saves.ts';

/** The lab's own traffic (src/commands/lab.ts). */
export const LAB_RATE = 20;

/** The memory of the whole lab at one moment, MB (RSS) unless said. */
export interface MemoryPoint {
  label: string;
  /** Saves made when it was taken. */
  saves: number;
  host: number;
  /** The host's JavaScript heap in use, after a full collection when --expose-gc allows one. */
  hostHeap: number;
  /** Whether hostHeap was read after a collection. */
  collected: boolean;
  serving: number;
  /** The serving sandbox's isolate heap held by live objects (the learner's versions), after a collection, MB. */
  servingHeap: number | null;
  verifier: number;
  /** Every other child: binary-replace's standby, an old process still draining. */
  other: number;
  otherCount: number;
  total: number;
  /** Anonymous memory of all of them (their own heaps, shared code not counted once per process). */
  anon: number;
  retainedVersions: number;
  /** Bytes plugin-swap's retained versions hold in the serving sandbox's heap. */
  retainedHeap: number;
}

export interface MemoryRun {
  strategy: string;
  saves: number;
  applied: number;
  refused: number;
  failedRequests: number;
  points: MemoryPoint[];
  seconds: number;
}

export interface MemoryRunOptions {
  saves: number;
  /** Also take a point every this many saves (a longer run's slope). @default no points in between */
  every?: number;
  /** @default LAB_RATE */
  rate?: number;
  /** How long "idle" is, after start and after the saves, ms. @default 5000 */
  idleMs?: number;
}

const MB = 1024 * 1024;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** chokidar holds back a second change of one file within 50 ms of the last. */
const MIN_SAVE_GAP_MS = 60;

/** A full collection of the host's heap, when node runs with --expose-gc (npm run soak does). */
export function collectHost(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return false;
  gc();
  gc();
  return true;
}

/** RSS of the host and of each of its children, sorted by job. */
export async function measureLab(engine: Engine, label: string, saves: number, retained: { versions: number; heap: number }): Promise<MemoryPoint> {
  const host = processMemory(process.pid);
  const { serving, verifier } = engine.sandboxPids;
  let servingRss = 0;
  let verifierRss = 0;
  let other = 0;
  let otherCount = 0;
  let anon = host?.anon ?? 0;
  for (const pid of childPids()) {
    const memory = processMemory(pid);
    if (!memory) continue;
    anon += memory.anon;
    if (pid === serving) servingRss = memory.rss;
    else if (pid === verifier) verifierRss = memory.rss;
    else {
      other += memory.rss;
      otherCount++;
    }
  }
  // RSS first: a collection changes what it reads.
  const collected = collectHost();
  const servingHeap = await engine.liveHeap().catch(() => null);
  const hostRss = host?.rss ?? process.memoryUsage().rss / MB;
  return {
    label,
    saves,
    host: hostRss,
    hostHeap: process.memoryUsage().heapUsed / MB,
    collected,
    serving: servingRss,
    servingHeap: servingHeap === null ? null : servingHeap / MB,
    verifier: verifierRss,
    other,
    otherCount,
    total: hostRss + servingRss + verifierRss + other,
    anon,
    retainedVersions: retained.versions,
    retainedHeap: retained.heap,
  };
}

/** One strategy: start as the lab does, idle, `saves` saves, idle again; a point at each step. */
export async function memoryAcrossSaves(strategy: StrategyName, restart: RestartMode, options: MemoryRunOptions, progress: (text: string) => void): Promise<MemoryRun> {
  const idleMs = options.idleMs ?? 5000;
  const name = strategy === 'binary-replace' ? `${strategy} (${restart})` : strategy;
  const dir = await mkdtemp(join(tmpdir(), 'hotlab-memory-'));
  const file = join(dir, 'service.js');
  await writeFile(file, service(0));
  const engine = new Engine({ file, strategy, restart, traffic: { rate: options.rate ?? LAB_RATE }, http: { port: 0, host: '127.0.0.1' } });
  const started = performance.now();
  const run: MemoryRun = { strategy: name, saves: options.saves, applied: 0, refused: 0, failedRequests: 0, points: [], seconds: 0 };
  let last: UpdateRecord | undefined;
  const retained = (): { versions: number; heap: number } => {
    const snapshot = engine.getSnapshot();
    return { versions: snapshot.retainedVersions, heap: last?.retainedHeap ?? 0 };
  };
  try {
    await engine.start();
    // The verifier boots beside v1 and the update path warms up behind it: idle means all that is done.
    await sleep(idleMs);
    run.points.push(await measureLab(engine, 'idle after start', 0, retained()));
    for (let edit = 1; edit <= options.saves; edit++) {
      const savedAt = performance.now();
      const next = expectRecord(engine, 30_000);
      await writeFile(file, service(edit));
      const record = await next;
      if (record.outcome === 'applied') {
        run.applied++;
        last = record;
      } else {
        run.refused++;
      }
      const spent = performance.now() - savedAt;
      if (spent < MIN_SAVE_GAP_MS) await sleep(MIN_SAVE_GAP_MS - spent);
      if (edit % 10 === 0) progress(`memory: ${name}, ${edit}/${options.saves} saves`);
      if (options.every && edit % options.every === 0 && edit < options.saves) run.points.push(await measureLab(engine, `after ${edit} saves`, edit, retained()));
    }
    await engine.idle();
    run.points.push(await measureLab(engine, `after ${options.saves} saves`, options.saves, retained()));
    await sleep(idleMs);
    run.points.push(await measureLab(engine, `idle ${(idleMs / 1000).toFixed(0)} s after`, options.saves, retained()));
    if (strategy === 'plugin-swap') {
      // What the retained versions really held: drop them (the lab's :unload) and look again once idle.
      const dropped = await engine.unloadRetained();
      last = undefined;
      await sleep(idleMs);
      run.points.push(await measureLab(engine, `${dropped} unloaded, idle`, options.saves, retained()));
    }
    run.failedRequests = engine.getSnapshot().failed;
  } finally {
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
  }
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

/** Growth per save from the first point to `point`, KB (of RSS totals). */
export function growthPerSave(first: MemoryPoint, point: MemoryPoint): number | undefined {
  return point.saves === 0 ? undefined : ((point.total - first.total) * 1024) / point.saves;
}
