// Timing stats: the last update's waterfall, the recent updates table and per-strategy p50/p95, and for a
// program of several modules one row of them (their versions, old instances; m opens the whole page). Memoised
// on the update history and the modules, so traffic (which changes every snapshot) does not re-render it.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { EngineSnapshot, ModuleStatus, UpdateRecord } from '../../engine/types.ts';
import { strategyLabel, versionLabel } from '../feed/describe-update.ts';
import { keyOf } from '../keys/key-table.ts';
import { otherModules, programRow } from '../program/program-plan.ts';
import { cellWidth, displayPath, formatMs } from '../shared/format.ts';
import { StyledRow } from '../shared/styled-row.tsx';
import { useSettings } from '../shared/settings-context.tsx';
import { planStats } from './stats-plan.ts';
import { StrategySummaryRows } from './strategy-summary.tsx';
import { strategyRows } from './stats.ts';
import { UpdatesTable } from './updates-table.tsx';
import { planWaterfall } from './waterfall.ts';
import { WaterfallView } from './waterfall-view.tsx';

interface StatsPanelProps {
  updates: readonly UpdateRecord[];
  /** A save that went back to the running code (snapshot.reverted): a refusal before it no longer stands. */
  reverted?: EngineSnapshot['reverted'];
  file: string;
  /** The running program's modules (snapshot.modules) and the version serving. */
  modules: readonly ModuleStatus[];
  version: number | null;
  width: number;
  height: number;
}

function LastUpdateHeader({ record, reverted, width }: { record: UpdateRecord; reverted: EngineSnapshot['reverted']; width: number }) {
  const { theme, messages } = useSettings();
  // Refused, then the learner saved the running code back: the refusal is over, as the update line says.
  const withdrawn = record.outcome === 'rejected' && reverted !== null && record.startedAt <= reverted.at;
  const applied = record.outcome === 'applied' || withdrawn;
  const outcome = withdrawn ? `✓ ${messages.backTo(versionLabel(reverted.version))}` : applied ? `✓ ${messages.applied}` : `✗ ${messages.rejectedShort}`;
  const total = formatMs(record.total);
  // A refusal made no version (the one it names kept serving, or none did: "v-"), as in the table below.
  const version = applied ? versionLabel(record.version) : null;
  const rest = `${version ? `${version} · ` : ''}${strategyLabel(record)} · ${outcome} · ${total}`;
  return (
    <Text wrap="truncate-end">
      {/* The label goes first when space is short: version, strategy and outcome matter more. */}
      {cellWidth(`${messages.lastUpdate} ${rest}`) <= width ? <Text {...theme.tone('heading')}>{messages.lastUpdate} </Text> : null}
      {version ? (
        <Text {...theme.version(record.version)} {...(theme.color ? { bold: true } : {})}>
          {version}
        </Text>
      ) : null}
      <Text {...theme.tone('muted')}>
        {version ? ' · ' : ''}
        {strategyLabel(record)} ·{' '}
      </Text>
      <Text {...theme.tone(applied ? 'good' : 'bad')}>{outcome}</Text>
      <Text {...theme.tone('muted')}> · </Text>
      {total}
    </Text>
  );
}

function StatsPanelView({ updates, reverted = null, file, modules, version, width, height }: StatsPanelProps) {
  const { theme, messages, cwd } = useSettings();
  const last = updates[updates.length - 1];
  const program = programRow(modules, version, messages);
  const programLine = program && height > 1 ? <StyledRow row={program} width={width} more={`(${keyOf('modules')})`} /> : null;
  if (!last) {
    return (
      <Box width={width} height={height} flexDirection="column">
        <Text wrap="truncate-end" {...theme.tone('muted')}>
          {messages.noUpdates(displayPath(file, cwd), otherModules(modules))}
        </Text>
        {programLine}
      </Box>
    );
  }
  const summaries = strategyRows(updates);
  const stageCount = planWaterfall(last.timings, 1).length;
  const plan = planStats(height - (programLine ? 1 : 0), stageCount, updates.length, summaries.length);
  return (
    <Box width={width} height={height} flexDirection="column">
      <LastUpdateHeader record={last} reverted={reverted} width={width} />
      {programLine}
      <WaterfallView timings={last.timings} width={width} rows={plan.waterfallRows} />
      <UpdatesTable updates={updates} width={width} rows={plan.tableRows} programSize={Math.max(1, modules.length)} />
      <StrategySummaryRows strategies={summaries} width={width} rows={plan.summaryRows} />
    </Box>
  );
}

/**
 * Same history when the same first and newest record objects and the same length: a snapshot that only
 * moved traffic along reuses them. A record rewritten as a new object (its first response measured
 * later, say) is a different object, so it still re-renders.
 */
function sameHistory(a: readonly UpdateRecord[], b: readonly UpdateRecord[]): boolean {
  return a === b || (a.length === b.length && a[0] === b[0] && a[a.length - 1] === b[b.length - 1]);
}

export const StatsPanel = memo(
  StatsPanelView,
  (prev, next) =>
    prev.width === next.width &&
    prev.height === next.height &&
    prev.file === next.file &&
    prev.modules === next.modules &&
    prev.version === next.version &&
    prev.reverted === next.reverted &&
    sameHistory(prev.updates, next.updates),
);
