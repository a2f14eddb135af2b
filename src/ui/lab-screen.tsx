// The lab screen: wires state, keys and engine commands to the panels. Each panel renders only; the
// decisions live in the reducers (view, REPL, compare) and the key table.
import { Box } from 'ink';
import { useCallback, useReducer } from 'react';
import { CompareView } from './compare-view.tsx';
import { useSnapshot } from './engine-context.tsx';
import { FeedPanel } from './feed-panel.tsx';
import { HelpOverlay } from './help-overlay.tsx';
import { HintLine } from './hint-line.tsx';
import type { KeyScope } from './key-table.ts';
import { LessonPane } from './lesson-pane.tsx';
import { ProblemLine } from './problem-line.tsx';
import { ReplPanel } from './repl-panel.tsx';
import { planScreen } from './screen-plan.ts';
import { ServiceMessages } from './service-messages.tsx';
import type { Printed } from './repl-exec.ts';
import { initialReplState, replReducer } from './repl-state.ts';
import { StatsPanel } from './stats-panel.tsx';
import { StatusLine } from './status-line.tsx';
import { StrategyBar } from './strategy-bar.tsx';
import { useCompare } from './use-compare.ts';
import { useLabActions } from './use-lab-actions.ts';
import { useInterruptKey, useLabKeys, type KeyHandlers } from './use-lab-keys.ts';
import { useQuit } from './use-quit.ts';
import { useReplInput } from './use-repl.ts';
import { initialViewState, viewReducer } from './view-state.ts';

// Stable arrays, so the memoised hint line does not re-render on every snapshot.
const KEYS_HINTS: readonly KeyScope[] = ['global'];
const OVERLAY_HINTS: readonly KeyScope[] = ['overlay', 'global'];
const REPL_HINTS: readonly KeyScope[] = ['repl'];

export function LabScreen({ columns, rows }: { columns: number; rows: number }) {
  const snapshot = useSnapshot();
  const [view, dispatchView] = useReducer(viewReducer, initialViewState);
  const [repl, dispatchRepl] = useReducer(replReducer, initialReplState);
  const print = useCallback((lines: readonly Printed[]) => {
    for (const line of lines) dispatchRepl({ type: 'print', kind: line.kind, text: line.text });
  }, []);
  const compare = useCompare();
  const actions = useLabActions(print);
  const quit = useQuit(useCallback(() => dispatchView({ type: 'quitting' }), []));

  const labHandlers: KeyHandlers = {
    strategy1: () => actions.switchStrategy(0),
    strategy2: () => actions.switchStrategy(1),
    strategy3: () => actions.switchStrategy(2),
    strategy4: () => actions.switchStrategy(3),
    toggleRestart: actions.toggleRestart,
    reload: actions.reload,
    rollback: actions.rollback,
    compare: () => {
      dispatchView({ type: 'openCompare' });
      compare.start();
    },
    focusRepl: (input) => {
      dispatchView({ type: 'focusRepl' });
      // `:` both focuses and starts a command, as in vim.
      if (input === ':' && repl.line === '') dispatchRepl({ type: 'setLine', line: ':' });
    },
    help: () => dispatchView({ type: 'toggleHelp' }),
    quit,
    closeOverlay: () => dispatchView({ type: 'closeOverlay' }),
  };
  const replFocused = view.focus === 'repl';
  // While the engine stops, only quit still acts: pressed again, it exits without waiting.
  const handlers = view.quitting ? { quit } : labHandlers;
  useLabKeys({ isActive: !replFocused, overlayOpen: view.overlay !== 'none', handlers });
  useReplInput({
    isActive: replFocused && !view.quitting,
    state: repl,
    dispatch: dispatchRepl,
    print,
    onLeave: () => dispatchView({ type: 'leaveRepl' }),
  });
  useInterruptKey(quit);

  const plan = planScreen({ columns, rows, replFocused, overlayOpen: view.overlay !== 'none', snapshot });
  const { layout } = plan;
  return (
    <Box width={layout.columns} height={layout.rows} flexDirection="column">
      <StrategyBar strategy={snapshot.strategy} restart={snapshot.restart} width={layout.columns} />
      {layout.lessonRows > 0 ? <LessonPane file={snapshot.file} width={layout.columns} height={layout.lessonRows} /> : null}
      {plan.showProblem && snapshot.problem !== null ? <ProblemLine problem={snapshot.problem} width={layout.columns} /> : null}
      {view.overlay === 'help' ? (
        <HelpOverlay width={layout.columns} height={plan.overlayRows} />
      ) : view.overlay === 'compare' ? (
        <CompareView state={compare.state} width={layout.columns} height={plan.overlayRows} />
      ) : (
        <>
          <Box flexDirection={layout.mode === 'split' ? 'row' : 'column'} columnGap={layout.gap}>
            <FeedPanel
              feed={snapshot.feed}
              version={snapshot.version}
              trafficRate={snapshot.trafficRate}
              width={layout.feedWidth}
              height={plan.feedRows}
            />
            {plan.statsRows > 0 ? (
              <StatsPanel updates={snapshot.updates} file={snapshot.file} width={layout.statsWidth} height={plan.statsRows} />
            ) : null}
          </Box>
          <ServiceMessages plan={plan.messages} workspace={snapshot.workspace} width={layout.columns} />
          <ReplPanel state={repl} focused={replFocused} width={layout.columns} height={layout.replRows} />
        </>
      )}
      <StatusLine snapshot={snapshot} quitting={view.quitting} width={layout.columns} />
      <HintLine scopes={replFocused ? REPL_HINTS : view.overlay !== 'none' ? OVERLAY_HINTS : KEYS_HINTS} width={layout.columns} />
    </Box>
  );
}
