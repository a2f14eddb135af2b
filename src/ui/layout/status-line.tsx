// One line of facts: HTTP URL, sandbox state + pid + heap, retained versions, served/failed counters,
// and the file when there is room. See status-segments.ts for what goes first when space is short.
import { Box, Text } from 'ink';
import type { EngineSnapshot } from '../../engine/types.ts';
import { useSettings } from '../shared/settings-context.tsx';
import { fitSegments, SEPARATOR, statusSegments } from './status-segments.ts';

export function StatusLine({ snapshot, quitting, width }: { snapshot: EngineSnapshot; quitting: boolean; width: number }) {
  const { theme, messages, cwd } = useSettings();
  const segments = fitSegments(statusSegments(snapshot, quitting, messages, cwd), width);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        {segments.map((segment, i) => (
          <Text key={i}>
            {i > 0 ? <Text {...theme.tone('muted')}>{SEPARATOR}</Text> : null}
            {segment.pieces.map((piece, j) => (
              <Text key={j} {...(piece.tone ? theme.tone(piece.tone) : {})}>
                {piece.text}
              </Text>
            ))}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
