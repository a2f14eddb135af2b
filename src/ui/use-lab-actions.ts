// What the lab's keys ask the engine to do. The outcome of an update shows in the update line under the feed
// (as for a save); the REPL console says when a key changed nothing or failed.
import { useCallback, useMemo } from 'react';
import { STRATEGY_NAMES, type RestartMode, type StrategyName, type UpdateRecord } from '../engine/types.ts';
import { useEngine } from './shared/engine-context.tsx';
import { errorText, type Printed } from './repl/repl-exec.ts';
import type { ReplTopic } from './repl/repl-state.ts';
import { useSettings } from './shared/settings-context.tsx';

export interface LabActions {
  switchStrategy: (index: number) => void;
  toggleRestart: () => void;
  reload: () => void;
  rollback: () => void;
}

export function useLabActions(print: (lines: readonly Printed[]) => void, retract: (topic: ReplTopic) => void = () => {}): LabActions {
  const engine = useEngine();
  const { messages } = useSettings();

  // The update line under the feed describes whatever the command changed; the console only says when it
  // changed nothing (no new version) or could not run.
  const report = useCallback(
    (pending: Promise<UpdateRecord | null>, nothing: string, settled = () => {}) => {
      pending.then(
        (record) => {
          settled();
          if (!record) print([{ kind: 'info', text: nothing }]);
        },
        (error: unknown) => {
          settled();
          print([{ kind: 'error', text: messages.commandFailed(errorText(error)) }]);
        },
      );
    },
    [messages, print],
  );

  return useMemo(() => {
    const setStrategy = (strategy: StrategyName, restart?: RestartMode) => {
      const label = restart ? `${strategy} (${restart})` : strategy;
      // Said while the switch runs; the strategy bar and the update line say where it ended.
      print([{ kind: 'info', text: messages.switching(label), topic: 'switching' }]);
      report(restart ? engine.setStrategy(strategy, restart) : engine.setStrategy(strategy), messages.noChange, () => retract('switching'));
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
      reload: () => report(engine.reload(), messages.noChange),
      rollback: () => report(engine.rollback(), messages.nothingToRollBack),
    };
  }, [engine, messages, print, report, retract]);
}
