// The bottom line: the keys of the current mode, read from the key table like the help overlay.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { cellWidth } from '../shared/format.ts';
import { bindingsIn, formatKey, type KeyAction, type KeyBinding, type KeyScope } from './key-table.ts';
import type { Messages } from '../shared/messages.ts';
import { useSettings } from '../shared/settings-context.tsx';

function hintItems(scopes: readonly KeyScope[], messages: Messages): Array<[keys: string, label: string, action: KeyAction]> {
  const items: Array<[string, string, KeyAction]> = [];
  const bindings: KeyBinding[] = scopes.flatMap((scope) => bindingsIn(scope));
  for (const binding of bindings) {
    const label = messages.hint[binding.action];
    if (!label) continue;
    // The four strategy keys read as one hint: `1-4 strategy`.
    const keys = binding.action === 'strategy1' ? '1-4' : binding.keys.slice(0, 1).map(formatKey).join('');
    items.push([keys, label, binding.action]);
  }
  return items;
}

// Which hints survive on a narrow line: help and quit first, the rest are in the help overlay anyway.
const HINT_PRIORITY: readonly KeyAction[] = [
  'closeOverlay',
  'submit',
  'leaveRepl',
  'confirmYes',
  'confirmKeep',
  'confirmCancel',
  'listJump',
  'listClose',
  'help',
  'quit',
  'nextHint',
  'lessonList',
  'nextLesson',
  'strategy1',
  'focusRepl',
  // The check line names k too; the footer keeps it over v and o, which the lesson pane's footer names.
  'checkLesson',
  'readAll',
  'toggleGo',
  'compare',
  'reload',
  'rollback',
  'toggleRestart',
  'toggleHeaders',
];

/** Drop the least important hints until the line fits with two spaces between hints; order is kept. */
export function fitHints(items: Array<[string, string, KeyAction]>, width: number): Array<[string, string, KeyAction]> {
  const size = (list: typeof items) =>
    list.reduce((sum, [keys, label]) => sum + cellWidth(keys) + 1 + cellWidth(label), 0) + 2 * Math.max(0, list.length - 1);
  const rank = (action: KeyAction) => {
    const index = HINT_PRIORITY.indexOf(action);
    return index === -1 ? HINT_PRIORITY.length : index;
  };
  const kept = [...items];
  while (kept.length > 1 && size(kept) > width) {
    const worst = kept.reduce((a, b) => (rank(b[2]) > rank(a[2]) ? b : a));
    kept.splice(kept.indexOf(worst), 1);
  }
  return kept;
}

export const HintLine = memo(function HintLine({ scopes, width }: { scopes: readonly KeyScope[]; width: number }) {
  const { theme, messages } = useSettings();
  const items = fitHints(hintItems(scopes, messages), width);
  return (
    <Box width={width} height={1}>
      <Text wrap="truncate-end">
        {items.map(([keys, label], i) => (
          <Text key={keys}>
            {i > 0 ? '  ' : ''}
            <Text {...theme.tone('accent')}>{keys}</Text> <Text {...theme.tone('muted')}>{label}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
});
