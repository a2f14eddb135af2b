// The REPL: bounded output scrollback above a one-line prompt. Unfocused, it shows the latest output and
// how to get in; focused, it grows (the layout gives it more rows) and shows a cursor.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { keyOf } from '../keys/key-table.ts';
import { cellWidth } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
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

function Prompt({ state, width, placeholder }: { state: ReplState; width: number; placeholder: string }) {
  const { theme } = useSettings();
  const { before, at, after } = promptWindow(state.line, state.cursor, width - PROMPT.length);
  return (
    <Text wrap="truncate-end">
      <Text {...theme.tone('accent')}>{PROMPT}</Text>
      {before}
      {/* Without colour an inverse cell is an escape code too, so the cursor becomes a visible bar. */}
      {theme.color ? <Text inverse>{at}</Text> : `▏${at === ' ' ? '' : at}`}
      {after}
      {placeholder ? <Text {...theme.tone('muted')}>{placeholder}</Text> : null}
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
  examples,
  version,
  width,
  height,
}: {
  state: ReplState;
  focused: boolean;
  /** Expressions that work in the running code (repl-examples.ts); empty while nothing runs. */
  examples: readonly string[];
  version: number | null;
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
        <Prompt state={state} width={width} placeholder={state.line === '' ? idleText(messages, examples, version, width - PROMPT.length - 1, true) : ''} />
      ) : (
        <Text wrap="truncate-end" {...theme.tone('muted')}>
          {PROMPT}
          {idleText(messages, examples, version, width - PROMPT.length, false)}
        </Text>
      )}
    </Box>
  );
});

/** The prompt's invitation, with as many of the examples as fit the row (the longest goes first). */
export function idleText(messages: Messages, examples: readonly string[], version: number | null, width: number, focused: boolean): string {
  if (version === null || examples.length === 0) return focused ? messages.replNothingRuns : messages.replIdleNothing(keyOf('focusRepl'));
  // Every example first, then without the word on commands, then fewer examples.
  for (let count = examples.length; count >= 0; count--) {
    for (const commands of [true, false]) {
      const text = focused ? messages.replFocused(examples.slice(0, count)) : messages.replIdle(keyOf('focusRepl'), `v${version}`, examples.slice(0, count), commands);
      if (cellWidth(text) <= width) return text;
    }
  }
  return focused ? '' : messages.replIdle(keyOf('focusRepl'), `v${version}`, [], false);
}
