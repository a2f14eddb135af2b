// The last update's stages as a waterfall: each bar starts where the previous stage ended.
import { Text } from 'ink';
import type { StageTimings } from '../../engine/types.ts';
import { formatMs, padEnd, padStart } from '../shared/format.ts';
import { useSettings } from '../shared/settings-context.tsx';
import { planWaterfall, STAGE_LABELS } from './waterfall.ts';

const LABEL = 9;
const NUMBER = 7;

export function WaterfallView({ timings, width, rows }: { timings: StageTimings; width: number; rows: number }) {
  const { theme } = useSettings();
  const barWidth = Math.max(4, width - LABEL - NUMBER - 1);
  const plan = planWaterfall(timings, barWidth);
  // When rows are short, keep the slowest stages: they are the story.
  const shown = rows >= plan.length ? plan : [...plan].sort((a, b) => b.ms - a.ms).slice(0, rows).sort((a, b) => plan.indexOf(a) - plan.indexOf(b));
  return (
    <>
      {shown.map((row) => (
        <Text key={row.stage} wrap="truncate-end">
          <Text {...theme.tone('muted')}>{padEnd(STAGE_LABELS[row.stage], LABEL)}</Text>
          {' '.repeat(row.offset)}
          <Text {...theme.tone('accent')}>{row.length === 0 ? '▏' : '█'.repeat(row.length)}</Text>
          {' '.repeat(Math.max(0, barWidth - row.offset - Math.max(1, row.length)))}
          {/* detect cannot be timed (the moment of the save is not known): it is the machine's write → event
              latency measured at start, shown as the estimate it is. */}
          {padStart(`${row.stage === 'detect' ? '~' : ''}${formatMs(row.ms)}`, NUMBER + 1)}
        </Text>
      ))}
    </>
  );
}
