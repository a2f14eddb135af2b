// The reading view: one scrollable page, at the terminal's full width, of everything the panes had to cut.
// Renders only: reading-plan.ts builds the rows, the screen keeps the scroll. The modules page (m) is the same
// kind of page with its own title and keys (program/program-plan.ts builds its rows).
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

export const ReadingView = memo(function ReadingView({
  rows,
  scroll,
  width,
  height,
  title,
  keys,
}: {
  rows: readonly Row[];
  scroll: number;
  width: number;
  height: number;
  /** @default the reading view's title and keys */
  title?: string;
  keys?: string;
}) {
  const { theme, messages } = useSettings();
  const shown = readingRows(height);
  const start = Math.max(0, Math.min(scroll, rows.length - shown));
  const position = rows.length > shown ? `${start + 1}-${Math.min(rows.length, start + shown)}/${rows.length} ↑↓ PgUp PgDn · ` : '';
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end">
        <Text {...theme.tone('heading')}>{title ?? messages.readingTitle}</Text>
        <Text {...theme.tone('muted')}>
          {' · '}
          {position}
          {keys ?? messages.readingKeys(keyOf('toggleGo'), `${formatKey('escape')}/${keyOf('readAll')}`)}
        </Text>
      </Text>
      {rows.slice(start, start + shown).map((row, i) => (
        <StyledRow key={start + i} row={row} width={width} />
      ))}
    </Box>
  );
});
