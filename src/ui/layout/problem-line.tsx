// `snapshot.problem` (deleted file, crashed sandbox, down after a cold restart), impossible to miss.
import { Box, Text } from 'ink';
import { firstLine } from '../shared/format.ts';
import { useSettings } from '../shared/settings-context.tsx';

export function ProblemLine({ problem, width }: { problem: string; width: number }) {
  const { theme, messages } = useSettings();
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end" {...theme.tone('bad')} {...(theme.color ? { bold: true } : {})}>
        ⚠ {messages.problem}: {firstLine(messages.engineNote(problem))}
      </Text>
    </Box>
  );
}
