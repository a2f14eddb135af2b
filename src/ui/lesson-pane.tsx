// Where the lesson will go. Until the lesson system lands it tells the learner what to do: edit the file.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { displayPath } from './format.ts';
import { useSettings } from './settings-context.tsx';

export const LessonPane = memo(function LessonPane({ file, width, height }: { file: string; width: number; height: number }) {
  const { theme, messages, cwd } = useSettings();
  return (
    <Box width={width} height={height} flexDirection="column">
      <Text wrap="truncate-end" {...theme.tone('accent')}>
        {messages.lessonPlaceholder(displayPath(file, cwd))}
      </Text>
      {height > 1 ? (
        <Text wrap="truncate-end" {...theme.tone('muted')}>
          {messages.lessonTry}
        </Text>
      ) : null}
    </Box>
  );
});
