// The solution diff, shown once the lesson's check has passed: the learner's file against the reference,
// coloured by line (+ green, - red), scrolled with ↑↓ (a line) and PgUp PgDn (a page).
import { Box, Text } from 'ink';
import { memo } from 'react';
import { truncate } from '../shared/format.ts';
import { useSettings } from '../shared/settings-context.tsx';

export function diffLines(text: string): string[] {
  return text.replace(/\n$/, '').split('\n');
}

export const DiffView = memo(function DiffView({ text, file, scroll, width, height }: { text: string; /** The files diffed (`service.js`; a lesson of several modules: `reply.js, service.js, words.js`). */ file: string; scroll: number; width: number; height: number }) {
  const { theme, messages } = useSettings();
  const lines = text === '' ? [] : diffLines(text);
  const rows = Math.max(1, height - 1);
  const start = Math.max(0, Math.min(scroll, lines.length - rows));
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end">
        <Text {...theme.tone('heading')}>{messages.lesson.diffTitle(file)}</Text>
        <Text {...theme.tone('muted')}>
          {' · '}
          {lines.length > rows ? `${start + 1}-${Math.min(lines.length, start + rows)}/${lines.length} ↑↓ PgUp PgDn · ` : ''}
          Esc
        </Text>
      </Text>
      {lines.length === 0 ? <Text {...theme.tone('good')}>{messages.lesson.diffSame}</Text> : null}
      {lines.slice(start, start + rows).map((line, i) => (
        <Text
          key={start + i}
          {...theme.tone(line.startsWith('+') && !line.startsWith('+++') ? 'good' : line.startsWith('-') && !line.startsWith('---') ? 'bad' : line.startsWith('@@') ? 'accent' : 'muted')}
        >
          {truncate(line.replace(/\t/g, '  '), width) || ' '}
        </Text>
      ))}
    </Box>
  );
});
