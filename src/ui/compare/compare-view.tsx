// The side-by-side comparison, filling row by row as the engine replays the edit under each strategy.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { describeModules } from '../../engine/describe-modules.ts';
import { STRATEGY_NAMES, type CompareRow } from '../../engine/types.ts';
import type { CompareState } from './compare-state.ts';
import { firstLine, formatBytes, formatMs, padEnd, padStart } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
import { useSettings } from '../shared/settings-context.tsx';
import { shortStrategy } from '../layout/strategy-bar.tsx';
import type { TextStyle, Theme } from '../shared/theme.ts';

type Key = keyof Messages['compareHeaders'];
interface Column {
  key: Key;
  width: number;
  align: 'left' | 'right';
}

const STRATEGY_COLUMN: Column = { key: 'strategy', width: 23, align: 'left' };
const FULL: readonly Column[] = [
  STRATEGY_COLUMN,
  { key: 'outcome', width: 10, align: 'left' },
  { key: 'total', width: 8, align: 'right' },
  { key: 'downtime', width: 8, align: 'right' },
  { key: 'failed', width: 6, align: 'right' },
  { key: 'kept', width: 5, align: 'right' },
  { key: 'retained', width: 12, align: 'right' },
];
const tableWidth = (columns: readonly Column[]) => columns.reduce((sum, c) => sum + c.width + 1, -1);
// Narrow terminals: short strategy names free 10 cells.
const NARROW_STRATEGY: Column = { ...STRATEGY_COLUMN, width: 13 };
const NARROW = FULL.map((c) => (c === STRATEGY_COLUMN ? NARROW_STRATEGY : c));

type CompareCase = Pick<CompareRow, 'strategy' | 'restart'>;

/**
 * The rows a comparison is expected to produce, for the "waiting…" placeholders: every strategy, and
 * binary-replace in both restart modes (as src/engine/compare.ts runs them). Rows the engine sends that are
 * not listed here still show; a listed case the engine skips just stays "waiting…" until the run ends.
 */
const EXPECTED_CASES: readonly CompareCase[] = [
  ...STRATEGY_NAMES.filter((s) => s !== 'binary-replace').map((strategy) => ({ strategy })),
  { strategy: 'binary-replace', restart: 'cold' },
  { strategy: 'binary-replace', restart: 'graceful' },
];

const sameCase = (row: CompareCase, c: CompareCase) => row.strategy === c.strategy && (c.restart === undefined || row.restart === c.restart);

function strategyText(row: Pick<CompareRow, 'strategy' | 'restart'>, full: boolean): string {
  const name = full ? row.strategy : shortStrategy(row.strategy);
  return row.restart && row.strategy === 'binary-replace' ? `${name} ${row.restart}` : name;
}

function cells(row: CompareRow, full: boolean, fastest: number, theme: Theme, messages: Messages): Record<Key, [string, TextStyle]> {
  const applied = row.outcome === 'applied';
  return {
    strategy: [strategyText(row, full), theme.tone('strong')],
    outcome: applied ? [`✓ ${messages.applied}`, theme.tone('good')] : [`✗ ${messages.rejectedShort}`, theme.tone('bad')],
    total: [formatMs(row.total), theme.tone(applied && row.total === fastest ? 'good' : 'strong')],
    downtime: [formatMs(row.downtimeMs), theme.tone(row.downtimeMs > 0 ? 'bad' : 'good')],
    failed: [String(row.failedRequests), theme.tone(row.failedRequests > 0 ? 'bad' : 'good')],
    kept: applied ? (row.stateKept ? ['✓', theme.tone('good')] : ['✗', theme.tone('warn')]) : ['—', theme.tone('muted')],
    retained:
      row.retainedVersions === 0 && row.retainedHeap === 0
        ? ['—', theme.tone('muted')]
        : [`${row.retainedVersions} · ${formatBytes(row.retainedHeap)}`, theme.tone(row.retainedVersions > 1 ? 'warn' : 'muted')],
  };
}

const fit = (text: string, c: Column) => (c.align === 'left' ? padEnd(text, c.width) : padStart(text, c.width));

/** `multiModule`: the program has several modules, so the title names the ones the edit changed. */
export const CompareView = memo(function CompareView({ state, liveRate, multiModule, width, height }: { state: CompareState; liveRate: number; multiModule: boolean; width: number; height: number }) {
  const { theme, messages } = useSettings();
  const edited = multiModule && state.edit && state.edit.changed.length > 0 ? state.edit.changed.join(', ') : null;
  if (state.status === 'nothing') {
    return (
      <Box width={width} height={height} flexDirection="column" overflow="hidden">
        <Text wrap="truncate-end">
          <Text {...theme.tone('heading')}>{messages.compareTitle(null, null)}</Text>
          <Text {...theme.tone('muted')}> · Esc {messages.hint.closeOverlay ?? ''}</Text>
        </Text>
        <Text wrap="wrap">{messages.compareNothing}</Text>
      </Box>
    );
  }
  const full = width >= tableWidth(FULL);
  const columns = full ? FULL : NARROW;
  const totals = state.rows.filter((r) => r.outcome === 'applied' && r.total !== undefined).map((r) => r.total as number);
  const fastest = Math.min(...totals);
  const pending = state.status === 'running' ? EXPECTED_CASES.filter((c) => !state.rows.some((r) => sameCase(r, c))) : [];
  const progress =
    state.status === 'running'
      ? messages.compareProgress(state.rows.length, state.rows.length + pending.length)
      : state.status === 'failed'
        ? messages.compareFailed
        : messages.compareDone;
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end">
        {/* The versions come first: a narrow terminal cuts the end of this line, and they say which edit this is. */}
        <Text {...theme.tone('heading')}>{messages.compareTitle(state.edit, edited)}</Text>
        <Text {...theme.tone(state.status === 'failed' ? 'bad' : state.status === 'running' ? 'warn' : 'good')}> · {progress}</Text>
        <Text {...theme.tone('muted')}> · Esc {messages.hint.closeOverlay ?? ''}</Text>
      </Text>
      {/* Why its failed counts are not the live feed's: the rate they were replayed at. */}
      <Box height={2} overflow="hidden">
        <Text wrap="wrap" {...theme.tone('muted')}>
          {messages.compareRate(state.rows[0]?.trafficRate ?? null, liveRate)}
        </Text>
      </Box>
      <Text wrap="truncate-end" {...theme.tone('muted')}>
        {columns.map((c) => fit(messages.compareHeaders[c.key], c)).join(' ')}
      </Text>
      {state.rows.map((row) => {
        const rowCells = cells(row, full, fastest, theme, messages);
        return (
          <Box key={`${row.strategy}-${row.restart ?? ''}`} flexDirection="column">
            <Text wrap="truncate-end">
              {columns.map((c, i) => (
                <Text key={c.key}>
                  {i > 0 ? ' ' : ''}
                  <Text {...rowCells[c.key][1]}>{fit(rowCells[c.key][0], c)}</Text>
                </Text>
              ))}
            </Text>
            {row.outcome === 'rejected' && row.reason ? (
              <Text wrap="truncate-end" {...theme.tone('bad')}>
                {'  ↳ '}
                {firstLine(row.reason)}
              </Text>
            ) : null}
            {row.outcome === 'applied' && row.modules ? <ModulesLine row={row} messages={messages} theme={theme} /> : null}
          </Box>
        );
      })}
      {pending.map((c) => (
        <Text key={`${c.strategy}-${c.restart ?? ''}`} wrap="truncate-end" {...theme.tone('muted')}>
          {fit(strategyText(c, full), full ? STRATEGY_COLUMN : NARROW_STRATEGY)} {messages.comparePending}
        </Text>
      ))}
      {state.error ? (
        <Text wrap="truncate-end" {...theme.tone('bad')}>
          {state.error}
        </Text>
      ) : null}
    </Box>
  );
});

/** For a program of several modules: what the strategy did to which module (the line a save gets, per row). */
function ModulesLine({ row, messages, theme }: { row: CompareRow; messages: Messages; theme: Theme }) {
  const line = describeModules({ outcome: row.outcome, modules: row.modules ?? [] }, row.programSize ?? 1, messages.modules);
  if (!line) return null;
  return (
    <Text wrap="truncate-end" {...theme.tone('muted')}>
      {'  ↳ '}
      {line}
    </Text>
  );
}
