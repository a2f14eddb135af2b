// Runs `engine.compare` and feeds the edit it replays and its rows into the compare reducer as they arrive.
import { useCallback, useReducer, useRef } from 'react';
import { useEngine } from '../shared/engine-context.tsx';
import { compareReducer, initialCompareState, type CompareState } from './compare-state.ts';
import { errorText } from '../repl/repl-exec.ts';

export function useCompare(): { state: CompareState; start: () => void } {
  const engine = useEngine();
  const [state, dispatch] = useReducer(compareReducer, initialCompareState);
  const runs = useRef(0);
  const running = useRef(false);
  const start = useCallback(() => {
    // Re-opening while a comparison runs shows it instead of asking the engine for a second one.
    if (running.current) return;
    const run = ++runs.current;
    const started = engine.compare((row) => dispatch({ type: 'row', run, row }));
    if (!started) {
      dispatch({ type: 'nothing', run });
      return;
    }
    running.current = true;
    dispatch({ type: 'start', run, edit: started.edit });
    started.rows
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
