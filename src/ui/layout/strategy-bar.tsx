// `1 file-watch  2 plugin-swap  3 reflection-patch  4 binary-replace (graceful)` with the active one
// bracketed (and highlighted when there is colour).
import { Box, Text } from 'ink';
import { memo } from 'react';
import { STRATEGY_NAMES, type RestartMode, type StrategyName } from '../../engine/types.ts';
import { cellWidth } from '../shared/format.ts';
import { useSettings } from '../shared/settings-context.tsx';

// Used when the full names do not fit (under ~80 columns, or with a wide restart label).
const SHORT: Record<StrategyName, string> = {
  'file-watch': 'watch',
  'plugin-swap': 'plugin',
  'reflection-patch': 'reflect',
  'binary-replace': 'binary',
};

export function shortStrategy(strategy: StrategyName): string {
  return SHORT[strategy];
}

function labels(restart: RestartMode, short: boolean): string[] {
  return STRATEGY_NAMES.map((name, i) => {
    const text = `${i + 1} ${short ? SHORT[name] : name}`;
    return name === 'binary-replace' ? `${text} (${restart})` : text;
  });
}

export const StrategyBar = memo(function StrategyBar({
  strategy,
  restart,
  width,
}: {
  strategy: StrategyName;
  restart: RestartMode;
  width: number;
}) {
  const { theme } = useSettings();
  const full = labels(restart, false);
  // Two cells between items, plus the active item's brackets: 78 cells with full names, so 80 columns fit.
  const fits = full.reduce((sum, label) => sum + cellWidth(label), 0) + 2 + 2 * (full.length - 1) <= width;
  const items = fits ? full : labels(restart, true);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        {items.map((label, i) => {
          const active = STRATEGY_NAMES[i] === strategy;
          return (
            <Text key={label}>
              {i > 0 ? '  ' : ''}
              <Text {...(active ? theme.tone('active') : theme.tone('muted'))}>{active ? `[${label}]` : label}</Text>
            </Text>
          );
        })}
      </Text>
    </Box>
  );
});
