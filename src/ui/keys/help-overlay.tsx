// Help generated from the key table (the same data the input hooks resolve keys with), planned to fit its box.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useSettings } from '../shared/settings-context.tsx';
import { cellText, planHelp } from './help-plan.ts';

export { keysLabel } from './help-plan.ts';

export const HelpOverlay = memo(function HelpOverlay({ width, height, page }: { width: number; height: number; page: number }) {
  const { theme, messages } = useSettings();
  const plan = planHelp(messages, width, height - 1, page);
  const pages = plan.pages > 1 ? ` · ${plan.page + 1}/${plan.pages} PgDn PgUp` : '';
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end">
        <Text {...theme.tone('heading')}>{messages.helpTitle}</Text>
        <Text {...theme.tone('muted')}>
          {pages} · {messages.helpSwitchNote} · {messages.helpClose}
        </Text>
      </Text>
      {plan.rows.map((row, r) => (
        <Text key={r} wrap="truncate-end">
          {row.map((cell, c) => {
            const text = cellText(cell, plan.columnWidth, plan.keyWidth);
            const gap = c > 0 ? '  ' : '';
            if (cell.kind === 'heading') return <Text key={c} {...theme.tone('heading')}>{gap}{text}</Text>;
            if (cell.kind === 'note') return <Text key={c} {...theme.tone('muted')}>{gap}{text}</Text>;
            const keys = cell.keys === '' ? '' : text.slice(0, plan.keyWidth);
            // A continuation row (keys ' ') has blank keys; the slice is spaces.
            return (
              <Text key={c}>
                {gap}
                <Text {...theme.tone('accent')}>{keys}</Text>
                {text.slice(keys.length)}
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
});
