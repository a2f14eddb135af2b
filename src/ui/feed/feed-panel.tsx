// The live service feed: the newest requests, version coloured so a switch is visible at a glance,
// failures red. A bounded window: never more rows than the panel has. Rows are plain ASCII on purpose
// (`->`, `FAIL`, `...`): Ink measures every row of every frame, and ASCII takes string-width's fast path.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { FeedEntry } from '../../engine/types.ts';
import { versionLabel } from './describe-update.ts';
import { headersLine, planFeedWindow, type RequestCells } from './feed-rows.ts';
import { formatCount } from '../shared/format.ts';
import { useSettings } from '../shared/settings-context.tsx';

export interface FeedPanelProps {
  feed: readonly FeedEntry[];
  /** Show each response's headers on a row under it (x). */
  headers: boolean;
  version: number | null;
  trafficRate: number;
  width: number;
  height: number;
}

function RequestRow({ entry, cells }: { entry: FeedEntry; cells: RequestCells }) {
  if (cells.more.length === 0) return <RequestLine entry={entry} cells={cells} />;
  return (
    <Box flexDirection="column">
      <RequestLine entry={entry} cells={cells} />
      {cells.more.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}

function RequestLine({ entry, cells }: { entry: FeedEntry; cells: RequestCells }) {
  const { theme } = useSettings();
  const arrow = cells.arrow ? ' -> ' : ' ';
  if (entry.failed) {
    return (
      <Text wrap="truncate-end" {...theme.tone('bad')}>
        {cells.request}
        {arrow}
        {cells.status} FAIL {cells.tag} {cells.body}
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end">
      {cells.request}
      <Text {...theme.tone('muted')}>{arrow}</Text>
      <Text {...theme.tone(entry.status >= 400 ? 'warn' : 'good')}>{cells.status}</Text>{' '}
      <Text {...theme.version(entry.version)}>{cells.tag}</Text> {cells.body}
      {cells.latency ? <Text {...theme.tone('muted')}> {cells.latency}</Text> : null}
    </Text>
  );
}

export const FeedPanel = memo(function FeedPanel({ feed, headers, version, trafficRate, width, height }: FeedPanelProps) {
  const { theme, messages } = useSettings();
  const { entries: requests, cells: rows } = planFeedWindow(feed, width, height, headers);
  return (
    <Box width={width} height={height} flexDirection="column">
      <Text wrap="truncate-end">
        <Text {...theme.tone('heading')}>{messages.feedTitle}</Text>
        <Text {...theme.tone('muted')}> · </Text>
        {version === null ? (
          <Text {...theme.tone('bad')}>{messages.noVersion}</Text>
        ) : (
          <Text {...theme.version(version)}>{messages.serving(versionLabel(version))}</Text>
        )}
        <Text {...theme.tone('muted')}>
          {' · '}
          {formatCount(Math.round(trafficRate))} {messages.perSecond}
        </Text>
      </Text>
      {requests.length === 0 ? (
        <Text wrap="truncate-end" {...theme.tone('muted')}>
          {version === null ? messages.noTrafficWithoutVersion : messages.waitingForTraffic}
        </Text>
      ) : (
        // Keyed by row position: the window slides, so each row shows whatever request is now there.
        requests.map((entry, i) =>
          headers ? (
            <Box key={i} flexDirection="column">
              <RequestRow entry={entry} cells={rows[i]!} />
              <Text wrap="truncate-end" {...theme.tone('muted')}>
                {headersLine(entry, width)}
              </Text>
            </Box>
          ) : (
            <RequestRow key={i} entry={entry} cells={rows[i]!} />
          ),
        )
      )}
    </Box>
  );
});
