// REPL keys and execution. Active only while the REPL has focus; editing keys come from the key table,
// anything else printable is typed into the line.
import { useInput } from 'ink';
import { useCallback, type Dispatch } from 'react';
import { useEngine } from '../shared/engine-context.tsx';
import { resolveKey, type KeyAction } from '../keys/key-table.ts';
import { parseReplLine } from './repl-commands.ts';
import { executeReplCommand, type Printed } from './repl-exec.ts';
import type { ReplAction, ReplState } from './repl-state.ts';
import { useSettings } from '../shared/settings-context.tsx';

const EDITING: Partial<Record<KeyAction, ReplAction>> = {
  historyPrev: { type: 'historyPrev' },
  historyNext: { type: 'historyNext' },
  cursorLeft: { type: 'cursorLeft' },
  cursorRight: { type: 'cursorRight' },
  lineStart: { type: 'lineStart' },
  lineEnd: { type: 'lineEnd' },
  deleteBack: { type: 'deleteBack' },
  deleteForward: { type: 'deleteForward' },
  clearLine: { type: 'clearLine' },
};

export function useReplInput({
  isActive,
  state,
  dispatch,
  print,
  onLeave,
}: {
  isActive: boolean;
  state: ReplState;
  dispatch: Dispatch<ReplAction>;
  print: (lines: readonly Printed[]) => void;
  onLeave: () => void;
}) {
  const run = useRunLine(dispatch, print);
  useInput(
    (input, key) => {
      if (!isActive) return; // see useLabKeys: the listener detaches one effect later than the commit
      const action = resolveKey(['repl'], input, key);
      if (action === 'submit') {
        dispatch({ type: 'submit' });
        run(state.line);
        return;
      }
      if (action === 'leaveRepl') {
        onLeave();
        return;
      }
      const edit = action ? EDITING[action] : undefined;
      if (edit) {
        dispatch(edit);
        return;
      }
      if (key.ctrl || key.meta || input === '') return;
      // Fast typing, a paste or tmux send-keys can deliver `hits\r` as one chunk: run each completed line.
      const lines = input.split(/\r\n|\r|\n/);
      if (lines.length === 1) {
        dispatch({ type: 'insert', text: input });
        return;
      }
      const chars = Array.from(state.line);
      lines.forEach((part, i) => {
        dispatch({ type: 'insert', text: part });
        if (i === lines.length - 1) return;
        const line = i === 0 ? [...chars.slice(0, state.cursor), part, ...chars.slice(state.cursor)].join('') : part;
        dispatch({ type: 'submit' });
        run(line);
      });
    },
    { isActive },
  );
}

/** Echo the line, run it, print what came back. Lines are independent: a slow one does not block the next. */
function useRunLine(dispatch: Dispatch<ReplAction>, print: (lines: readonly Printed[]) => void) {
  const engine = useEngine();
  const { messages, cwd } = useSettings();
  return useCallback(
    (line: string) => {
      const command = parseReplLine(line);
      if (command.kind === 'empty') return;
      print([{ kind: 'input', text: `› ${line.trim()}` }]);
      if (command.kind === 'clear') {
        dispatch({ type: 'clearOutput' });
        return;
      }
      const base = engine.getSnapshot().workspace || cwd;
      void executeReplCommand(command, engine, messages, base).then(print);
    },
    [engine, messages, cwd, dispatch, print],
  );
}
