// What the lab's keys ask the engine to do, with the outcome printed to the REPL console so a learner
// sees "v3 → v4 applied · 4.1ms · state kept" right after pressing the key.
import { useCallback, useMemo } from 'react';
import { STRATEGY_NAMES, type RestartMode, type StrategyName, type UpdateRecord } from '../engine/types.ts';
import { describeUpdate } from './feed/describe-update.ts';
import { useEngine } from './shared/engine-context.tsx';
import { errorText, type Printed } from './repl/repl-exec.ts';
import { useSettings } from './shared/settings-context.tsx';

export interface LabActions {
  switchStrategy: (index: number) => void;
  toggleRestart: () => void;
  reload: () => void;
  rollback: () => void;
}

export function useLabActions(print: (lines: readonly Printed[]) => void): LabActions {
  const engine = useEngine();
  const { messages, cwd } = useSettings();

  const report = useCallback(
    (pending: Promise<UpdateRecord | null>) => {
      const base = engine.getSnapshot().workspace || cwd;
      pending.then(
        (record) => print([describeUpdate(record, messages, base)]),
        (error: unknown) => print([{ kind: 'error', text: messages.commandFailed(errorText(error)) }]),
      );
    },
    [engine, messages, cwd, print],
  );

  return useMemo(() => {
    const setStrategy = (strategy: StrategyName, restart?: RestartMode) => {
      const label = restart ? `${strategy} (${restart})` : strategy;
      print([{ kind: 'info', text: messages.switching(label) }]);
      report(restart ? engine.setStrategy(strategy, restart) : engine.setStrategy(strategy));
    };
    return {
      switchStrategy: (index) => {
        const strategy = STRATEGY_NAMES[index];
        if (strategy) setStrategy(strategy);
      },
      // The interface has no separate "set restart mode", so the toggle re-selects the active strategy
      // with the other mode; it takes effect on binary-replace's next restart.
      toggleRestart: () => {
        const { strategy, restart } = engine.getSnapshot();
        setStrategy(strategy, restart === 'graceful' ? 'cold' : 'graceful');
      },
      reload: () => report(engine.reload()),
      rollback: () => report(engine.rollback()),
    };
  }, [engine, messages, print, report]);
}
