// Runs `engine.compare` and feeds its rows into the compare reducer as they arrive.
import { useCallback, useReducer, useRef } from 'react';
import { useEngine } from '../shared/engine-context.tsx';
import { compareReducer, initialCompareState, type CompareState } from './compare-state.ts';
import { errorText } from '../repl/repl-exec.ts';

/** `start(edited)`: the modules the edit being replayed changed (the title names them), or null. */
export function useCompare(): { state: CompareState; start: (edited?: string | null) => void } {
  const engine = useEngine();
  const [state, dispatch] = useReducer(compareReducer, initialCompareState);
  const runs = useRef(0);
  const running = useRef(false);
  const start = useCallback((edited: string | null = null) => {
    // Re-opening while a comparison runs shows it instead of asking the engine for a second one.
    if (running.current) return;
    running.current = true;
    const run = ++runs.current;
    dispatch({ type: 'start', run, edited });
    engine
      .compare((row) => dispatch({ type: 'row', run, row }))
      .then(
        (rows) => dispatch({ type: 'done', run, rows }),
        (error: unknown) => dispatch({ type: 'failed', run, error: errorText(error) }),
      )
      .finally(() => {
        running.current = false;
      });
  }, [engine]);
  return { state, start };
}
