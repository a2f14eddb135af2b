// Pure statistics over update records, for the stats panel, `:stats`, `hotlab bench` and the JSON output.
import { STRATEGY_NAMES, type StrategyName, type UpdateRecord } from '../types.ts';

/**
 * Count and spread of a set of durations in ms. On empty input `count` is 0 and the rest are undefined rather
 * than 0, so a strategy that never ran cannot pass for one that updates in no time; renderers show "—".
 */
export interface Summary {
  count: number;
  p50: number | undefined;
  p95: number | undefined;
  max: number | undefined;
}

/** How one strategy has done so far. */
export interface StrategySummary {
  /** Applied updates; every figure below except `rejected` is over these. */
  count: number;
  rejected: number;
  /** File mtime → first response from the new version, over the applied updates that measured it. */
  total: Summary;
  /** The longest downtime of any applied update, ms; undefined with no applied update. */
  downtimeMax: number | undefined;
  failedRequests: number;
  /** Share of applied updates that kept module state, 0–1; undefined with no applied update. */
  stateKeptRatio: number | undefined;
}

/**
 * The `p`th percentile (0–100) by the nearest-rank method: the smallest value with at least p% of the values at
 * or below it. Always a value that was observed, which reads better than an interpolation when a learner has
 * made five updates. NaN values are ignored; undefined when nothing is left.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile wants p between 0 and 100, got ${p}`);
  return nearestRank(sortedNumbers(values), p);
}

/** Count, p50, p95 and max of `values` (see {@link Summary} for empty input). */
export function summarize(values: readonly number[]): Summary {
  const sorted = sortedNumbers(values);
  return { count: sorted.length, p50: nearestRank(sorted, 50), p95: nearestRank(sorted, 95), max: sorted.at(-1) };
}

/** One summary per strategy, each of the four present even without records, in STRATEGY_NAMES order. */
export function summarizeByStrategy(records: readonly UpdateRecord[]): Record<StrategyName, StrategySummary> {
  const byStrategy = Object.fromEntries(STRATEGY_NAMES.map((name) => [name, [] as UpdateRecord[]])) as Record<
    StrategyName,
    UpdateRecord[]
  >;
  for (const record of records) byStrategy[record.strategy].push(record);
  return Object.fromEntries(STRATEGY_NAMES.map((name) => [name, summarizeStrategy(byStrategy[name])])) as Record<
    StrategyName,
    StrategySummary
  >;
}

function summarizeStrategy(records: readonly UpdateRecord[]): StrategySummary {
  const applied = records.filter((record) => record.outcome === 'applied');
  const totals = applied.flatMap((record) => (record.total === undefined ? [] : [record.total]));
  const count = applied.length;
  return {
    count,
    rejected: records.length - count,
    total: summarize(totals),
    downtimeMax: count === 0 ? undefined : applied.reduce((max, record) => Math.max(max, record.downtimeMs), 0),
    failedRequests: applied.reduce((sum, record) => sum + record.failedRequests, 0),
    stateKeptRatio: count === 0 ? undefined : applied.filter((record) => record.stateKept).length / count,
  };
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * The last `width` values as block characters, newest on the right; shorter than `width` when there are fewer
 * values. Bars are scaled from 0 to the largest value (from the smallest when any is negative), so 1.0 ms next to
 * 1.1 ms looks alike instead of ▁ next to █. A NaN is a space.
 */
export function sparkline(values: readonly number[], width: number): string {
  if (!(width >= 1)) return '';
  const shown = values.slice(-Math.floor(width));
  const finite = shown.filter((value) => !Number.isNaN(value));
  if (finite.length === 0) return ' '.repeat(shown.length);
  const high = Math.max(...finite);
  const low = Math.min(0, ...finite);
  const range = high - low;
  return shown
    .map((value) => {
      if (Number.isNaN(value)) return ' ';
      const level = range === 0 ? 0 : Math.round(((value - low) / range) * (BLOCKS.length - 1));
      return BLOCKS[level];
    })
    .join('');
}

function sortedNumbers(values: readonly number[]): number[] {
  return values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
}

function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
