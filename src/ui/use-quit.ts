// Quitting: stop the engine (its sandbox processes and HTTP server), then let Ink restore the terminal.
// A second q or Ctrl+C exits at once, so a stuck engine never traps the learner.
import { useApp } from 'ink';
import { useCallback, useRef } from 'react';
import { useStopEngine } from './shared/engine-context.tsx';
import { LabStopError } from './lab-stop-error.ts';

export function useQuit(onQuitting: () => void): () => void {
  const { exit } = useApp();
  const stop = useStopEngine();
  const started = useRef(false);
  return useCallback(() => {
    if (started.current) {
      exit();
      return;
    }
    started.current = true;
    onQuitting();
    stop().then(
      () => exit(),
      (error: unknown) => exit(new LabStopError('the engine did not stop cleanly', { cause: error })),
    );
  }, [exit, stop, onQuitting]);
}
