// Under the feed, full width: the latest change (an update with its notes, a refusal with its place, cause
// and code frame, or a revert), then the newest logs. Rows come pre-cut from feed-rows.ts / change-rows.ts.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { LogEntry } from '../../engine/types.ts';
import { useSettings } from '../shared/settings-context.tsx';
import type { Tone } from '../shared/theme.ts';
import { StyledRow } from '../shared/styled-row.tsx';
import { versionLabel } from './describe-update.ts';
import { logText, type MessagesPlan } from './feed-rows.ts';

const LEVEL_TONE: Record<LogEntry['level'], Tone> = { log: 'strong', info: 'accent', warn: 'warn', error: 'bad', debug: 'muted' };

function LogRow({ entry, width }: { entry: LogEntry; width: number }) {
  const { theme, messages } = useSettings();
  // `log` is the common case; only other levels are named.
  const level = entry.level === 'log' ? '' : `${entry.level} `;
  const prefix = entry.source === 'engine' ? `hotlab ${level}` : `${versionLabel(entry.version)} ${level}`;
  return (
    <Text wrap="truncate-end">
      <Text {...(entry.source === 'engine' ? theme.tone('muted') : theme.version(entry.version ?? null))}>{prefix}</Text>
      <Text {...theme.tone(LEVEL_TONE[entry.level])}>{logText(entry.source === 'engine' ? { ...entry, message: messages.engineNote(entry.message) } : entry, Math.max(1, width - prefix.length))}</Text>
    </Text>
  );
}

export const ServiceMessages = memo(function ServiceMessages({ plan, width }: { plan: MessagesPlan; width: number }) {
  if (plan.rows === 0) return null;
  const { rows } = plan.change;
  return (
    <Box width={width} height={plan.rows} flexDirection="column">
      {rows.map((row, i) => (
        // The headline ends with the reading view's key when something did not fit (change-rows.ts).
        <StyledRow key={`c${i}`} row={row} width={width} />
      ))}
      {plan.logs.map((entry, i) => (
        <LogRow key={`l${i}`} entry={entry} width={width} />
      ))}
    </Box>
  );
});
