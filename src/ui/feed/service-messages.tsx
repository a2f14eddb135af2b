// Under the feed, full width: the latest rejected update (file:line:column, reason, what kept serving)
// and the newest service logs. Only first lines: a stack trace never spills over the layout.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { LogEntry, UpdateRecord } from '../../engine/types.ts';
import { strategyLabel, versionLabel } from './describe-update.ts';
import { logText, REJECTION_ROWS, rejectionLines, type MessagesPlan } from './feed-rows.ts';
import { truncate } from '../shared/format.ts';
import { useSettings } from '../shared/settings-context.tsx';
import type { Tone } from '../shared/theme.ts';

const LEVEL_TONE: Record<LogEntry['level'], Tone> = { log: 'strong', info: 'accent', warn: 'warn', error: 'bad', debug: 'muted' };

function LogRow({ entry, width }: { entry: LogEntry; width: number }) {
  const { theme } = useSettings();
  // `log` is the common case; only other levels are named.
  const level = entry.level === 'log' ? '' : `${entry.level} `;
  const prefix = entry.source === 'engine' ? `engine ${level}` : `${versionLabel(entry.version)} ${level}`;
  return (
    <Text wrap="truncate-end">
      <Text {...(entry.source === 'engine' ? theme.tone('muted') : theme.version(entry.version ?? null))}>{prefix}</Text>
      <Text {...theme.tone(LEVEL_TONE[entry.level])}>{logText(entry, Math.max(1, width - prefix.length))}</Text>
    </Text>
  );
}

function Rejection({ record, workspace, width }: { record: UpdateRecord; workspace: string; width: number }) {
  const { theme, messages } = useSettings();
  const kept = record.version === null ? messages.nothingServing : messages.keepsServing(versionLabel(record.version));
  const { where, reason } = rejectionLines(record, workspace, kept);
  return (
    <>
      <Text wrap="truncate-end" {...theme.tone('bad')}>
        ✗ {messages.rejected} · {strategyLabel(record)}
        {where ? ' · ' : ''}
        <Text {...theme.tone('strong')}>{where}</Text>
      </Text>
      {/* Two rows, wrapped: a long reason stays readable and still cannot push the layout. */}
      <Box paddingLeft={2} height={REJECTION_ROWS - 1} overflow="hidden">
        <Text wrap="wrap">{truncate(reason, 2 * (width - 2))}</Text>
      </Box>
    </>
  );
}

export const ServiceMessages = memo(function ServiceMessages({
  plan,
  workspace,
  width,
}: {
  plan: MessagesPlan;
  workspace: string;
  width: number;
}) {
  if (plan.rows === 0) return null;
  return (
    <Box width={width} height={plan.rows} flexDirection="column">
      {plan.logs.map((entry, i) => (
        <LogRow key={i} entry={entry} width={width} />
      ))}
      {plan.rejection ? <Rejection record={plan.rejection} workspace={workspace} width={width} /> : null}
    </Box>
  );
});
