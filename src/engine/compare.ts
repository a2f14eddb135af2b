// Compare: replay the learner's last code change under every strategy, each on a scratch service of its own with
// traffic flowing, so the live service is left alone and every row starts from the same state of affairs.
import { join } from 'node:path';
import { Engine } from './engine.ts';
import type { ProgramSources } from './graph/program-graph.ts';
import { STRATEGY_NAMES, type CompareRow, type RestartMode, type StrategyName, type UpdateRecord } from './types.ts';

/** Traffic on each scratch service, and how long it runs before the edit so there is state to keep. */
const COMPARE_RATE = 500;
const WARM_UP_MS = 150;

export interface CompareCase {
  strategy: StrategyName;
  restart?: RestartMode;
}

/** Every strategy, and binary-replace in both restart modes: the contrast is the lesson. */
export const COMPARE_CASES: CompareCase[] = [
  ...STRATEGY_NAMES.filter((s) => s !== 'binary-replace').map((strategy) => ({ strategy })),
  { strategy: 'binary-replace', restart: 'cold' },
  { strategy: 'binary-replace', restart: 'graceful' },
];

/** Replay the edit from `before` to `after` (the engine picks them: last-code-change.ts) under every case. */
export async function compareStrategies(live: Engine, before: ProgramSources, after: ProgramSources, onRow?: (row: CompareRow) => void): Promise<CompareRow[]> {
  const rows: CompareRow[] = [];
  for (const [index, c] of COMPARE_CASES.entries()) {
    const row = await replayEdit(live, before, after, c, join(live.stateDir, 'compare', String(index)));
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}

/** One row: boot `before` under the strategy, let traffic build state, apply `after` (every module of it), measure. */
export async function replayEdit(live: Engine, before: ProgramSources, after: ProgramSources, c: CompareCase, stateDir: string): Promise<CompareRow> {
  const options = live.options;
  const scratch = new Engine({
    file: live.file,
    sources: Object.fromEntries(before),
    stateDir,
    strategy: c.strategy,
    restart: c.restart,
    limits: options.limits,
    traffic: { rate: COMPARE_RATE, requests: options.traffic?.requests },
    watch: false,
    http: false,
  });
  try {
    await scratch.start();
    await new Promise((r) => setTimeout(r, WARM_UP_MS));
    const record = await scratch.applySources(after, 'compare');
    return rowFrom(c, record, after.size);
  } finally {
    await scratch.stop();
  }
}

function rowFrom(c: CompareCase, record: UpdateRecord | null, programSize: number): CompareRow {
  if (!record) {
    return { strategy: c.strategy, restart: c.restart, outcome: 'rejected', reason: 'the edit was not applied', downtimeMs: 0, failedRequests: 0, stateKept: false, retainedHeap: 0, retainedVersions: 0, trafficRate: COMPARE_RATE };
  }
  return {
    strategy: c.strategy,
    restart: c.restart,
    outcome: record.outcome,
    reason: record.reason,
    total: record.total,
    downtimeMs: record.downtimeMs,
    failedRequests: record.failedRequests,
    stateKept: record.outcome === 'applied' && record.stateKept,
    retainedHeap: record.retainedHeap ?? 0,
    retainedVersions: record.retainedVersions,
    trafficRate: COMPARE_RATE,
    ...(record.modules ? { modules: record.modules, programSize } : {}),
  };
}
