// The REPL: bounded output scrollback above a one-line prompt. Unfocused, it shows the latest output and
// how to get in; focused, it grows (the layout gives it more rows) and shows a cursor. In a program of several
// modules the prompt names the scope lines run in (`greet.js› `, repl-scope.ts).
import { Box, Text } from 'ink';
import { memo } from 'react';
import { keyOf } from '../keys/key-table.ts';
import { cellWidth, wrapRows } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
import type { ReplLine, ReplLineKind, ReplState } from './repl-state.ts';
import { useSettings } from '../shared/settings-context.tsx';
import type { Tone } from '../shared/theme.ts';

const KIND_TONE: Record<ReplLineKind, Tone> = { input: 'muted', result: 'strong', error: 'bad', info: 'accent' };

/** The slice of a long line around the cursor that fits `width` cells (ASCII-width approximation). */
export function promptWindow(line: string, cursor: number, width: number): { before: string; at: string; after: string } {
  const text = Array.from(line);
  const room = Math.max(1, width - 1);
  const start = Math.max(0, Math.min(cursor - room + 1, text.length - room + 1));
  const visible = text.slice(start, start + room);
  const at = cursor - start;
  return { before: visible.slice(0, at).join(''), at: visible[at] ?? ' ', after: visible.slice(at + 1).join('') };
}

function Prompt({ state, label, width, placeholder }: { state: ReplState; label: string; width: number; placeholder: string }) {
  const { theme } = useSettings();
  const { before, at, after } = promptWindow(state.line, state.cursor, width - cellWidth(label));
  return (
    <Text wrap="truncate-end">
      <Text {...theme.tone('accent')}>{label}</Text>
      {before}
      {/* Without colour an inverse cell is an escape code too, so the cursor becomes a visible bar. */}
      {theme.color ? <Text inverse>{at}</Text> : `▏${at === ' ' ? '' : at}`}
      {after}
      {placeholder ? <Text {...theme.tone('muted')}>{placeholder}</Text> : null}
    </Text>
  );
}

function OutputLine({ line }: { line: OutputRow }) {
  const { theme } = useSettings();
  return (
    <Text wrap="truncate-end" {...theme.tone(KIND_TONE[line.kind])}>
      {line.text === '' ? ' ' : line.text}
    </Text>
  );
}

/** One row of output on screen: a line, or a piece of one too long for the width. */
export interface OutputRow {
  key: string;
  kind: ReplLineKind;
  text: string;
}

/** Rows one output line may take; a longer line (a huge object) ends in `…` there, and `:help` et al. stay short. */
export const MAX_ROWS_PER_LINE = 4;

/**
 * The output as rows of `width` cells: a result wider than the REPL (a /stats answer, an object) goes on the
 * next rows rather than being cut at the edge.
 */
export function outputRows(output: readonly ReplLine[], width: number): OutputRow[] {
  const rows: OutputRow[] = [];
  const room = Math.max(1, width);
  for (const line of output) {
    const indent = ' '.repeat(hangingIndent(line.text, room));
    const pieces = wrapRows(line.text, (piece) => (piece === 0 ? room : room - indent.length), MAX_ROWS_PER_LINE);
    pieces.forEach((text, piece) => rows.push({ key: `${line.id}.${piece}`, kind: line.kind, text: piece === 0 ? text : indent + text }));
  }
  return rows;
}

/** A two-column line (`:set NAME VALUE   set a live …`) goes on under its second column; any other, flush. */
function hangingIndent(text: string, width: number): number {
  const column = /^\S.*?\s{2,}(?=\S)/.exec(text)?.[0].length ?? 0;
  return column <= width / 2 ? column : 0;
}

export const ReplPanel = memo(function ReplPanel({
  state,
  focused,
  examples,
  version,
  label = '› ',
  entry = 'service.js',
  starting = false,
  width,
  height,
}: {
  state: ReplState;
  focused: boolean;
  /** Expressions that work in the scope the REPL is in (repl-examples.ts); empty while nothing runs. */
  examples: readonly string[];
  version: number | null;
  /** The prompt (repl-scope.ts promptLabel). */
  label?: string;
  /** The program's entry, named while nothing runs. */
  entry?: string;
  /** The sandbox is still booting the first version: nothing runs yet, but no save is needed either. */
  starting?: boolean;
  width: number;
  height: number;
}) {
  const { theme, messages } = useSettings();
  const rows = outputRows(state.output, width);
  const window = outputWindow(rows.length, state.scroll, height, focused);
  const visible = rows.slice(window.start, window.end);
  const room = width - cellWidth(label);
  return (
    <Box width={width} height={height} flexDirection="column" justifyContent="flex-end" overflow="hidden">
      {window.above > 0 || window.below > 0 ? (
        <Text wrap="truncate-end" {...theme.tone('muted')}>
          {messages.replMore(window.above, window.below, `${keyOf('outputPageUp')} ${keyOf('outputPageDown')}`)}
        </Text>
      ) : null}
      {visible.map((line) => (
        <OutputLine key={line.key} line={line} />
      ))}
      {focused ? (
        <Prompt state={state} label={label} width={width} placeholder={state.line === '' ? idleText(messages, examples, version, room - 1, true, entry, starting) : ''} />
      ) : (
        <Text wrap="truncate-end" {...theme.tone('muted')}>
          {label}
          {idleText(messages, examples, version, room, false, entry, starting)}
        </Text>
      )}
    </Box>
  );
});

/** Rows of output a focused REPL of `height` rows shows under the row that says what is out of view. */
export const replOutputRows = (height: number) => Math.max(1, height - 2);

/**
 * Which lines of the output show: the newest that fit, or, scrolled up (focused only, PgUp), older ones. When lines
 * are out of view and the REPL is focused, a row above them says how many and which keys page.
 */
export function outputWindow(total: number, scroll: number, height: number, focused: boolean): { start: number; end: number; above: number; below: number } {
  const all = Math.max(0, height - 1);
  if (!focused || total <= all) return { start: Math.max(0, total - all), end: total, above: 0, below: 0 };
  const rows = replOutputRows(height);
  const end = total - Math.min(scroll, Math.max(0, total - rows));
  const start = Math.max(0, end - rows);
  return { start, end, above: start, below: total - end };
}

/** The prompt's invitation, with as many of the examples as fit the row (the longest goes first). */
export function idleText(messages: Messages, examples: readonly string[], version: number | null, width: number, focused: boolean, entry = 'service.js', starting = false): string {
  if (version === null && starting) return messages.replStarting;
  if (version === null) return focused ? messages.replNothingRuns : messages.replIdleNothing(keyOf('focusRepl'), entry);
  // Every example first, then without the word on commands, then fewer examples.
  for (let count = examples.length; count >= 0; count--) {
    for (const commands of [true, false]) {
      const text = focused ? messages.replFocused(examples.slice(0, count)) : messages.replIdle(keyOf('focusRepl'), `v${version}`, examples.slice(0, count), commands);
      if (cellWidth(text) <= width) return text;
    }
  }
  return focused ? '' : messages.replIdle(keyOf('focusRepl'), `v${version}`, [], false);
}
