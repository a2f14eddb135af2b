// Help generated from the key table: the same data the input hooks resolve keys with.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { formatKey, KEY_TABLE, type KeyBinding, type KeyScope } from './key-table.ts';
import { cellWidth, padEnd } from '../shared/format.ts';
import { COMMANDS } from '../repl/repl-commands.ts';
import { useSettings } from '../shared/settings-context.tsx';

const LAB_SCOPES: readonly KeyScope[] = ['global', 'overlay', 'always'];
const REPL_SCOPES: readonly KeyScope[] = ['repl'];
const LESSON_SCOPES: readonly KeyScope[] = ['lesson', 'list', 'confirm'];

export const keysLabel = (binding: KeyBinding) => binding.keys.map(formatKey).join(' ');

function Section({ title, scopes, width }: { title: string; scopes: readonly KeyScope[]; width: number }) {
  const { theme, messages } = useSettings();
  const bindings = KEY_TABLE.filter((b) => scopes.includes(b.scope));
  const keyWidth = Math.max(...bindings.map((b) => cellWidth(keysLabel(b))));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end" {...theme.tone('heading')}>
        {title}
      </Text>
      {bindings.map((binding) => (
        <Text key={binding.action} wrap="truncate-end">
          <Text {...theme.tone('accent')}>{padEnd(keysLabel(binding), keyWidth)}</Text> {messages.describe[binding.action]}
        </Text>
      ))}
    </Box>
  );
}

export const HelpOverlay = memo(function HelpOverlay({ width, height }: { width: number; height: number }) {
  const { theme, messages } = useSettings();
  // Three columns when they fit (lab, lesson, REPL), else two, else one.
  const columns = width >= 120 ? 3 : width >= 72 ? 2 : 1;
  const split = columns > 1;
  const column = Math.floor((width - 2 * (columns - 1)) / columns);
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end">
        <Text {...theme.tone('heading')}>{messages.helpTitle}</Text>
        <Text {...theme.tone('muted')}>
          {' · '}
          {messages.helpSwitchNote} · {messages.helpClose}
        </Text>
      </Text>
      <Box flexDirection={split ? 'row' : 'column'} columnGap={2}>
        {columns === 3 ? (
          <>
            <Section title={messages.helpKeys} scopes={LAB_SCOPES} width={column} />
            <Section title={messages.lesson.helpLessons} scopes={LESSON_SCOPES} width={column} />
          </>
        ) : (
          <Box flexDirection="column" width={column}>
            <Section title={messages.helpKeys} scopes={LAB_SCOPES} width={column} />
            <Section title={messages.lesson.helpLessons} scopes={LESSON_SCOPES} width={column} />
          </Box>
        )}
        <Box flexDirection="column" width={column}>
          <Section title={messages.helpRepl} scopes={REPL_SCOPES} width={column} />
          <Text wrap="truncate-end" {...theme.tone('heading')}>
            {messages.helpCommands}
          </Text>
          <Text>{COMMANDS.map((name) => `:${name}`).join(' ')}</Text>
          <Text wrap="truncate-end" {...theme.tone('muted')}>
            {messages.helpCommandsNote}
          </Text>
          <Text wrap="truncate-end" {...theme.tone('muted')}>
            {messages.helpEditorNote}
          </Text>
        </Box>
      </Box>
    </Box>
  );
});
