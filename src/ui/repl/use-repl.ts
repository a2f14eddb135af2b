// REPL keys and execution, while the REPL has focus (the key router decides); editing keys come from the key
// table, anything else printable is typed into the line. Lines run in the scope the REPL is in (the entry's, or
// a module's after `:module`); Tab on a `:module` line completes the module's name instead of leaving.
import type { Key } from 'ink';
import { useCallback } from 'react';
import { useEngine } from '../shared/engine-context.tsx';
import { resolveKey, type KeyAction } from '../keys/key-table.ts';
import { parseReplLine } from './repl-commands.ts';
import { executeReplCommand, type Printed } from './repl-exec.ts';
import { completeModule, isModuleCommand, promptLabel } from './repl-scope.ts';
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

/**
 * The REPL's key handler (the key router calls it while the REPL has focus). It reads the line from `state`, the
 * newest REPL state (a ref), so keys typed faster than the screen renders still edit and run the right line.
 */
export function useReplKeys({
  state,
  dispatch,
  print,
  onLeave,
  page,
  rows,
}: {
  state: { readonly current: ReplState };
  dispatch: (action: ReplAction) => void;
  print: (lines: readonly Printed[]) => void;
  onLeave: () => void;
  /** How many output lines PgUp/PgDn move: the rows the output shows. */
  page: number;
  /** The rows the output takes on screen now (a long line takes several). */
  rows: () => number;
}): (input: string, key: Key) => void {
  const engine = useEngine();
  const run = useRunLine(dispatch, print);
  return (input, key) => {
    const action = resolveKey(['repl'], input, key);
    if (action === 'leaveRepl' && key.tab && isModuleCommand(state.current.line)) {
      const completion = completeModule(state.current.line, engine.getSnapshot());
      if (completion && completion.line !== state.current.line) dispatch({ type: 'setLine', line: completion.line });
      else if (completion && completion.candidates.length !== 1) print([{ kind: 'info', text: completion.candidates.join('  ') || '—' }]);
      return;
    }
    if (action === 'submit') {
      const line = state.current.line;
      dispatch({ type: 'submit' });
      run(line, state.current.module);
      return;
    }
    if (action === 'outputPageUp' || action === 'outputPageDown') {
      dispatch({ type: 'scrollOutput', by: (action === 'outputPageUp' ? 1 : -1) * Math.max(1, page), rows: rows() });
      return;
    }
    if (action === 'leaveRepl') {
      dispatch({ type: 'followOutput' });
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
    lines.forEach((part, i) => {
      dispatch({ type: 'insert', text: part });
      if (i === lines.length - 1) return;
      const line = state.current.line;
      dispatch({ type: 'submit' });
      run(line, state.current.module);
    });
  };
}

/** Echo the line, run it, print what came back. Lines are independent: a slow one does not block the next. */
function useRunLine(dispatch: (action: ReplAction) => void, print: (lines: readonly Printed[]) => void) {
  const engine = useEngine();
  const { messages, cwd } = useSettings();
  return useCallback(
    (line: string, module: string | null) => {
      const command = parseReplLine(line);
      if (command.kind === 'empty') return;
      const snapshot = engine.getSnapshot();
      // Echoed with the scope it ran in, as the prompt showed it.
      print([{ kind: 'input', text: `${promptLabel(snapshot, module)}${line.trim()}` }]);
      if (command.kind === 'clear') {
        dispatch({ type: 'clearOutput' });
        return;
      }
      const base = snapshot.workspace || cwd;
      const scope = { module, choose: (chosen: string | null) => dispatch({ type: 'setModule', module: chosen }) };
      void executeReplCommand(command, engine, messages, base, scope).then(print);
    },
    [engine, messages, cwd, dispatch, print],
  );
}
