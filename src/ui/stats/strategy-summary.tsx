// p50 / p95 of update totals per strategy, each with a sparkline of its totals over time.
import { Text } from 'ink';
import { formatMs, padEnd, padStart } from '../shared/format.ts';
import { useSettings } from '../shared/settings-context.tsx';
import { sparkline, type StrategyRow } from './stats.ts';
import { shortStrategy } from '../layout/strategy-bar.tsx';

export function StrategySummaryRows({ strategies, width, rows }: { strategies: readonly StrategyRow[]; width: number; rows: number }) {
  const { theme } = useSettings();
  const wide = width >= 62;
  const nameWidth = wide ? 17 : 8;
  return (
    <>
      {strategies.slice(0, rows).map(({ strategy, summary, totals }) => {
        const { total } = summary;
        const numbers = `p50 ${padStart(formatMs(total.p50), 7)} p95 ${padStart(formatMs(total.p95), 7)}${wide ? ` max ${padStart(formatMs(total.max), 7)} n=${total.count}` : ''}`;
        const used = nameWidth + numbers.length + 1 + (summary.rejected > 0 ? 4 : 0);
        const spark = sparkline(totals, Math.min(16, Math.max(0, width - used)));
        return (
          <Text key={strategy} wrap="truncate-end">
            <Text {...theme.tone('muted')}>{padEnd(wide ? strategy : shortStrategy(strategy), nameWidth)}</Text>
            {numbers}
            {summary.rejected > 0 ? <Text {...theme.tone('bad')}> ✗{summary.rejected}</Text> : null} <Text {...theme.tone('accent')}>{spark}</Text>
          </Text>
        );
      })}
    </>
  );
}
