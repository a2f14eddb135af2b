// The REPL: bounded output scrollback above a one-line prompt. Unfocused, it shows the latest output and
// how to get in; focused, it grows (the layout gives it more rows) and shows a cursor.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { ReplLine, ReplLineKind, ReplState } from './repl-state.ts';
import { useSettings } from '../shared/settings-context.tsx';
import type { Tone } from '../shared/theme.ts';

const KIND_TONE: Record<ReplLineKind, Tone> = { input: 'muted', result: 'strong', error: 'bad', info: 'accent' };
const PROMPT = '› ';

/** The slice of a long line around the cursor that fits `width` cells (ASCII-width approximation). */
export function promptWindow(line: string, cursor: number, width: number): { before: string; at: string; after: string } {
  const text = Array.from(line);
  const room = Math.max(1, width - 1);
  const start = Math.max(0, Math.min(cursor - room + 1, text.length - room + 1));
  const visible = text.slice(start, start + room);
  const at = cursor - start;
  return { before: visible.slice(0, at).join(''), at: visible[at] ?? ' ', after: visible.slice(at + 1).join('') };
}

function Prompt({ state, width }: { state: ReplState; width: number }) {
  const { theme } = useSettings();
  const { before, at, after } = promptWindow(state.line, state.cursor, width - PROMPT.length);
  return (
    <Text wrap="truncate-end">
      <Text {...theme.tone('accent')}>{PROMPT}</Text>
      {before}
      {/* Without colour an inverse cell is an escape code too, so the cursor becomes a visible bar. */}
      {theme.color ? <Text inverse>{at}</Text> : `▏${at === ' ' ? '' : at}`}
      {after}
    </Text>
  );
}

function OutputLine({ line }: { line: ReplLine }) {
  const { theme } = useSettings();
  return (
    <Text wrap="truncate-end" {...theme.tone(KIND_TONE[line.kind])}>
      {line.text === '' ? ' ' : line.text}
    </Text>
  );
}

export const ReplPanel = memo(function ReplPanel({
  state,
  focused,
  width,
  height,
}: {
  state: ReplState;
  focused: boolean;
  width: number;
  height: number;
}) {
  const { theme, messages } = useSettings();
  const visible = state.output.slice(-Math.max(0, height - 1));
  return (
    <Box width={width} height={height} flexDirection="column" justifyContent="flex-end" overflow="hidden">
      {visible.map((line) => (
        <OutputLine key={line.id} line={line} />
      ))}
      {focused ? (
        <Prompt state={state} width={width} />
      ) : (
        <Text wrap="truncate-end" {...theme.tone('muted')}>
          {PROMPT}
          {messages.replIdle(':')}
        </Text>
      )}
    </Box>
  );
});
