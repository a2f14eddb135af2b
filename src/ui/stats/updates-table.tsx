// The last updates, newest last: version, strategy, outcome, total, downtime, failed, state kept.
import { Text } from 'ink';
import type { UpdateRecord } from '../../engine/types.ts';
import { versionLabel } from '../feed/describe-update.ts';
import { formatMs, padEnd, padStart } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
import { recordState } from '../shared/record-state.ts';
import { useSettings } from '../shared/settings-context.tsx';
import { shortStrategy } from '../layout/strategy-bar.tsx';
import type { Theme, TextStyle } from '../shared/theme.ts';

interface Column {
  key: keyof Messages['statsHeaders'];
  width: number;
  align: 'left' | 'right';
  /** `programSize`: modules in the program now (undefined when not known). */
  cell: (r: UpdateRecord, wide: boolean, theme: Theme, programSize?: number) => [string, TextStyle];
}

const COLUMNS: readonly Column[] = [
  // A refused attempt made no version: the one it names is the one that kept serving, and two rows "v2" (one ✓,
  // one ✗) read as v2 both applied and refused.
  { key: 'version', width: 3, align: 'left', cell: (r, _w, t) => (r.outcome === 'rejected' ? ['—', t.tone('muted')] : [versionLabel(r.version), t.version(r.version)]) },
  {
    key: 'strategy',
    width: 8,
    align: 'left',
    cell: (r, wide, t) => {
      const name = wide ? r.strategy : shortStrategy(r.strategy);
      const mode = r.strategy === 'binary-replace' && r.restart === 'cold' ? (wide ? ' cold' : '·c') : '';
      return [name + mode, t.tone('muted')];
    },
  },
  { key: 'outcome', width: 2, align: 'left', cell: (r, _w, t) => (r.outcome === 'applied' ? ['✓', t.tone('good')] : ['✗', t.tone('bad')]) },
  { key: 'total', width: 7, align: 'right', cell: (r) => [formatMs(r.total), {}] },
  { key: 'downtime', width: 6, align: 'right', cell: (r, _w, t) => [formatMs(r.downtimeMs), t.tone(r.downtimeMs > 0 ? 'bad' : 'good')] },
  { key: 'failed', width: 4, align: 'right', cell: (r, _w, t) => [String(r.failedRequests), t.tone(r.failedRequests > 0 ? 'bad' : 'good')] },
  {
    key: 'kept',
    width: 4,
    align: 'right',
    cell: (r, _w, t, programSize) => {
      const state = r.outcome === 'rejected' ? 'none' : recordState(r, programSize);
      return state === 'none' ? ['—', t.tone('muted')] : state === 'kept' ? ['✓', t.tone('good')] : ['✗', t.tone('warn')];
    },
  },
];

/** Extra cells per column when the panel is wide enough for full strategy names. */
const WIDE_EXTRA: Partial<Record<Column['key'], number>> = { version: 1, strategy: 11, total: 1, downtime: 2, failed: 1, kept: 1 };
const NARROW_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width + 1, -1);
const WIDE_WIDTH = NARROW_WIDTH + Object.values(WIDE_EXTRA).reduce((a, b) => a + b, 0);

const fit = (text: string, column: Column, extra: number) =>
  column.align === 'left' ? padEnd(text, column.width + extra) : padStart(text, column.width + extra);

export function UpdatesTable({ updates, width, rows, programSize }: { updates: readonly UpdateRecord[]; width: number; rows: number; programSize?: number }) {
  const { theme, messages } = useSettings();
  if (rows < 1) return null;
  const wide = width >= WIDE_WIDTH;
  const extra = (c: Column) => (wide ? (WIDE_EXTRA[c.key] ?? 0) : 0);
  const recent = updates.slice(-(rows - 1));
  return (
    <>
      <Text wrap="truncate-end" {...theme.tone('muted')}>
        {COLUMNS.map((c) => fit(wide && c.key === 'strategy' ? messages.compareHeaders.strategy : messages.statsHeaders[c.key], c, extra(c))).join(' ')}
      </Text>
      {recent.map((record) => (
        <Text key={record.id} wrap="truncate-end">
          {COLUMNS.map((c, i) => {
            const [text, style] = c.cell(record, wide, theme, programSize);
            return (
              <Text key={c.key}>
                {i > 0 ? ' ' : ''}
                <Text {...style}>{fit(text, c, extra(c))}</Text>
              </Text>
            );
          })}
        </Text>
      ))}
    </>
  );
}
