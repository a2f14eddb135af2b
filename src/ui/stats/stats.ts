// The stats panel's view of the engine's pure statistics (src/engine/stats/summarize.ts): one row per
// strategy that has been used, with its totals in order for the sparkline.
import { summarizeByStrategy, type StrategySummary } from '../../engine/stats/summarize.ts';
import { STRATEGY_NAMES, type StrategyName, type UpdateRecord } from '../../engine/types.ts';

export { sparkline } from '../../engine/stats/summarize.ts';

export interface StrategyRow {
  strategy: StrategyName;
  summary: StrategySummary;
  /** Totals of applied updates, oldest first. */
  totals: number[];
}

/** Strategies with at least one update (applied or rejected), in the order of the strategy keys. */
export function strategyRows(records: readonly UpdateRecord[]): StrategyRow[] {
  const summaries = summarizeByStrategy(records);
  return STRATEGY_NAMES.filter((strategy) => summaries[strategy].count + summaries[strategy].rejected > 0).map((strategy) => ({
    strategy,
    summary: summaries[strategy],
    totals: records.flatMap((r) => (r.strategy === strategy && r.outcome === 'applied' && r.total !== undefined ? [r.total] : [])),
  }));
}
