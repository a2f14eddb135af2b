// The reading view: one scrollable page, at the terminal's full width, of everything the panes had to cut.
// Renders only: reading-plan.ts builds the rows, the screen keeps the scroll.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { formatKey, keyOf } from '../keys/key-table.ts';
import type { Row } from '../shared/rows.ts';
import { useSettings } from '../shared/settings-context.tsx';
import { StyledRow } from '../shared/styled-row.tsx';

/** How far the page scrolls: rows below the title. */
export function readingRows(height: number): number {
  return Math.max(1, height - 1);
}

export const ReadingView = memo(function ReadingView({ rows, scroll, width, height }: { rows: readonly Row[]; scroll: number; width: number; height: number }) {
  const { theme, messages } = useSettings();
  const shown = readingRows(height);
  const start = Math.max(0, Math.min(scroll, rows.length - shown));
  const position = rows.length > shown ? `${start + 1}-${Math.min(rows.length, start + shown)}/${rows.length} ↑↓ · ` : '';
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end">
        <Text {...theme.tone('heading')}>{messages.readingTitle}</Text>
        <Text {...theme.tone('muted')}>
          {' · '}
          {position}
          {messages.readingKeys(keyOf('toggleGo'), `${formatKey('escape')}/${keyOf('readAll')}`)}
        </Text>
      </Text>
      {rows.slice(start, start + shown).map((row, i) => (
        <StyledRow key={start + i} row={row} width={width} />
      ))}
    </Box>
  );
});
