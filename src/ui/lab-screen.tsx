// The lab screen: wires state, keys and engine commands to the panels. Each panel renders only; the
// decisions live in the reducers (view, REPL, compare) and the key table.
import { Box } from 'ink';
import { basename } from 'node:path';
import { useCallback, useEffect, useMemo } from 'react';
import { CompareView } from './compare/compare-view.tsx';
import { cellWidth } from './shared/format.ts';
import { useSnapshot } from './shared/engine-context.tsx';
import { FeedPanel } from './feed/feed-panel.tsx';
import { HelpOverlay } from './keys/help-overlay.tsx';
import { planHelp } from './keys/help-plan.ts';
import { HintLine } from './keys/hint-line.tsx';
import { formatKey, keyOf, type KeyScope } from './keys/key-table.ts';
import { DiffView } from './lesson/diff-view.tsx';
import { LessonList } from './lesson/lesson-list.tsx';
import { LessonPane, LessonPlaceholder } from './lesson/lesson-pane.tsx';
import { planLesson } from './lesson/lesson-plan.ts';
import { initialLessonUiState, lessonUiReducer } from './lesson/lesson-ui-state.ts';
import { useLessonSession, useLessonSnapshot } from './shared/lessons-context.tsx';
import { useSettings } from './shared/settings-context.tsx';
import { useLessonActions } from './lesson/use-lesson-actions.ts';
import { ProblemLine } from './layout/problem-line.tsx';
import { heapNoticeRow, isMultiModule, otherModules, planProgram, refusedElsewhere } from './program/program-plan.ts';
import { StyledRow } from './shared/styled-row.tsx';
import { latestChange } from './feed/change-rows.ts';
import { planReading } from './reading/reading-plan.ts';
import { ReadingView } from './reading/reading-view.tsx';
import { outputRows, ReplPanel, replOutputRows } from './repl/repl-panel.tsx';
import { useEndedProblems } from './feed/ended-problems.ts';
import { planScreen } from './layout/screen-plan.ts';
import { ServiceMessages } from './feed/service-messages.tsx';
import type { Printed } from './repl/repl-exec.ts';
import { replExamples } from './repl/repl-examples.ts';
import { promptLabel, scopeNames } from './repl/repl-scope.ts';
import { initialReplState, replReducer, type ReplTopic } from './repl/repl-state.ts';
import { StatsPanel } from './stats/stats-panel.tsx';
import { StatusLine } from './layout/status-line.tsx';
import { StrategyBar } from './layout/strategy-bar.tsx';
import { useCompare } from './compare/use-compare.ts';
import { useLabActions } from './use-lab-actions.ts';
import { labScopes, useKeyRouter, type KeyHandlers } from './keys/use-lab-keys.ts';
import { useQuit } from './use-quit.ts';
import { useReplKeys } from './repl/use-repl.ts';
import { useSyncReducer } from './shared/use-sync-reducer.ts';
import { initialViewState, viewReducer } from './view-state.ts';

// Stable arrays, so the memoised hint line does not re-render on every snapshot.
const REPL_HINTS: readonly KeyScope[] = ['repl'];
const LIST_HINTS: readonly KeyScope[] = ['list'];
const CONFIRM_HINTS: readonly KeyScope[] = ['confirm'];
const LAB_HINTS = new Map<string, readonly KeyScope[]>(
  [true, false].flatMap((overlay) => [true, false].map((lessons) => [`${overlay}${lessons}`, labScopes(overlay, lessons)] as const)),
);

export function LabScreen({ columns, rows }: { columns: number; rows: number }) {
  const snapshot = useSnapshot();
  const { lang, messages, cwd } = useSettings();
  // Synchronous reducers: the key router decides each key's mode from their newest state (see use-lab-keys.ts).
  const [view, dispatchView, viewRef] = useSyncReducer(viewReducer, initialViewState);
  const [repl, dispatchRepl, replRef] = useSyncReducer(replReducer, initialReplState);
  const print = useCallback((lines: readonly Printed[]) => {
    for (const line of lines) dispatchRepl({ type: 'print', kind: line.kind, text: line.text, topic: line.topic });
  }, [dispatchRepl]);
  const retract = useCallback((topic: ReplTopic) => dispatchRepl({ type: 'retract', topic }), [dispatchRepl]);
  // The learner saved (a new version, a refusal, or back to the running code): "your files are the starter
  // again" no longer holds.
  const newest = snapshot.updates[snapshot.updates.length - 1];
  const savedAt = newest?.trigger === 'save' ? newest.id : null;
  const revertedAt = snapshot.reverted?.at ?? null;
  useEffect(() => {
    if (savedAt !== null || revertedAt !== null) retract('starter');
  }, [savedAt, revertedAt, retract]);
  const compare = useCompare();
  const replModule = repl.module;
  const examples = useMemo(() => replExamples(scopeNames(snapshot, replModule), snapshot.requests), [snapshot.scope, snapshot.scopes, replModule, snapshot.requests]);
  // The module the REPL was pointed at left the program (an edit stopped importing it, another lesson): back
  // to the entry, and say so. While nothing runs there are no modules to judge by.
  const modules = snapshot.modules;
  useEffect(() => {
    if (replModule === null || modules.length === 0 || modules.some((m) => m.module === replModule)) return;
    dispatchRepl({ type: 'setModule', module: null });
    print([{ kind: 'info', text: messages.moduleGone(replModule, snapshot.entry) }]);
  }, [replModule, modules, snapshot.entry, dispatchRepl, print, messages]);
  const actions = useLabActions(print, retract);
  const quit = useQuit(useCallback(() => dispatchView({ type: 'quitting' }), [dispatchView]));
  const session = useLessonSession();
  const lessonSnapshot = useLessonSnapshot();
  const [lessonUi, dispatchLessonUi, lessonUiRef] = useSyncReducer(lessonUiReducer, initialLessonUiState);
  const lessonId = lessonSnapshot?.lesson.id;
  useEffect(() => dispatchLessonUi({ type: 'lessonChanged' }), [lessonId, dispatchLessonUi]);
  // A progress file that could not be read: said once, in the console, then forgotten.
  const problem = lessonSnapshot?.problem ?? null;
  useEffect(() => {
    if (problem === null || !session) return;
    print([{ kind: 'error', text: problem }]);
    session.dismissProblem();
  }, [problem, session, print]);
  // The lab opened the lesson on files that are not its starter: said once, as the n key's question would.
  const keptFiles = lessonSnapshot?.keptFiles ?? null;
  const lessonNumber = (lessonSnapshot?.index ?? 0) + 1;
  useEffect(() => {
    if (keptFiles === null || !session) return;
    print([{ kind: 'info', text: messages.lesson.keptFiles(lessonNumber, keptFiles.join(', '), keptFiles.length, keyOf('resetLesson')) }]);
    session.dismissKeptFiles();
  }, [keptFiles, lessonNumber, session, print, messages]);

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
      if (input === ':' && replRef.current.line === '') dispatchRepl({ type: 'setLine', line: ':' });
    },
    help: () => dispatchView({ type: 'toggleHelp' }),
    readAll: () => dispatchView({ type: 'toggleRead' }),
    modules: () => dispatchView({ type: 'toggleModules' }),
    toggleHeaders: () => dispatchView({ type: 'toggleHeaders' }),
    toggleGo: () => dispatchLessonUi({ type: 'toggleTab' }),
    quit,
    closeOverlay: () => (lessonUiRef.current.diff ? dispatchLessonUi({ type: 'closeDiff' }) : dispatchView({ type: 'closeOverlay' })),
  };
  const replFocused = view.focus === 'repl';
  const listOpen = lessonUi.list !== null && lessonSnapshot !== null;
  const asking = lessonUi.dialog !== null && lessonSnapshot !== null;
  const overlayOpen = view.overlay !== 'none' || lessonUi.diff !== null || listOpen;

  const base = snapshot.workspace || cwd;
  const endedProblems = useEndedProblems(snapshot.problem);
  const plan = planScreen({ columns, rows, replFocused, overlayOpen, lessonPane: lessonSnapshot !== null, snapshot, messages, base, endedProblems });
  const { layout } = plan;
  // An overlay covers the lesson pane too: help and the lesson list need the rows more than the text does.
  const overlayRows = plan.overlayRows + layout.lessonRows;
  const { tab, scroll, hintsFolded } = lessonUi;
  const lessonPlan = useMemo(
    () =>
      lessonSnapshot
        ? planLesson(lessonSnapshot, {
            lang,
            width: layout.columns,
            height: layout.lessonRows,
            tab,
            scroll,
            hintsFolded,
            hintLabel: messages.lesson.hint,
            checkError: messages.lesson.checkError,
            inCheckRun: messages.lesson.inCheckRun,
            liveRefused: messages.lesson.liveRefused,
            engineNote: messages.engineNote,
            goalIndent: cellWidth(messages.lesson.goal),
            readAll: `(${messages.readAll(keyOf('readAll'))})`,
          })
        : null,
    [lessonSnapshot, lang, layout.columns, layout.lessonRows, tab, scroll, hintsFolded, messages],
  );
  const reading = view.overlay === 'read';
  const modulesOpen = view.overlay === 'modules';
  // The program's page: the modules overlay (m), and a section of the reading view for a program of several.
  const programRows = useMemo(
    () => (modulesOpen || (reading && isMultiModule(snapshot.modules)) ? planProgram({ snapshot, messages, width: layout.columns, replScope: replModule }) : []),
    // It changes with the modules, the updates and the heap, not with every request the traffic makes.
    [modulesOpen, reading, snapshot.modules, snapshot.updates, snapshot.version, snapshot.sandbox, snapshot.heapWarning, snapshot.entry, messages, layout.columns, replModule],
  );
  const readingRows = useMemo(
    () =>
      reading
        ? planReading({
            lesson: lessonSnapshot,
            tab,
            lang,
            messages,
            change: latestChange(snapshot),
            changeContext: { messages, base, width: layout.columns, waiting: snapshot.sandbox.state === 'waiting', programSize: snapshot.modules.length },
            newest: snapshot.feed[snapshot.feed.length - 1],
            program: programRows,
            width: layout.columns,
          })
        : modulesOpen
          ? programRows
          : [],
    // The document changes with what it shows, not with every request the traffic makes.
    [reading, modulesOpen, programRows, lessonSnapshot, tab, lang, messages, snapshot.updates, snapshot.reverted, snapshot.sandbox.state, snapshot.modules, base, layout.columns],
  );
  const readMax = Math.max(0, readingRows.length - (overlayRows - 1));
  const lessonKeys = useLessonActions({ session, ui: lessonUiRef, dispatch: dispatchLessonUi, plan: lessonPlan, diffRows: overlayRows - 1, print });
  const scrollRead = (lines: number) => dispatchView({ type: 'scrollRead', by: lines, max: readMax });
  const readPage = Math.max(1, overlayRows - 2);

  // While the engine stops, only quit still acts: pressed again, it exits without waiting.
  const helpOpen = view.overlay === 'help';
  const helpPage = helpOpen ? planHelp(messages, layout.columns, overlayRows - 1, view.helpPage).page : 0;
  const handlers: KeyHandlers = view.quitting
    ? { quit }
    : reading || modulesOpen
      ? {
          ...labHandlers,
          ...lessonKeys.lab,
          scrollDown: () => scrollRead(readPage),
          scrollUp: () => scrollRead(-readPage),
          lineDown: () => scrollRead(1),
          lineUp: () => scrollRead(-1),
        }
      : helpOpen
        ? {
            ...labHandlers,
            ...lessonKeys.lab,
            scrollDown: () => dispatchView({ type: 'pageHelp', by: helpPage + 1 - view.helpPage }),
            scrollUp: () => dispatchView({ type: 'pageHelp', by: helpPage - 1 - view.helpPage }),
            lineDown: () => dispatchView({ type: 'pageHelp', by: helpPage + 1 - view.helpPage }),
            lineUp: () => dispatchView({ type: 'pageHelp', by: helpPage - 1 - view.helpPage }),
          }
        : { ...labHandlers, ...lessonKeys.lab };
  const replKeys = useReplKeys({
    state: replRef,
    dispatch: dispatchRepl,
    print,
    onLeave: () => dispatchView({ type: 'leaveRepl' }),
    page: replOutputRows(layout.replRows),
    rows: () => outputRows(replRef.current.output, layout.columns).length,
  });
  const lessons = lessonSnapshot !== null;
  useKeyRouter({
    mode: () => {
      const v = viewRef.current;
      const ui = lessonUiRef.current;
      if (v.quitting) return { kind: 'quitting' };
      if (v.focus === 'repl') return { kind: 'repl' };
      if (lessons && ui.list !== null) return { kind: 'modal', scope: 'list' };
      if (lessons && ui.dialog !== null) return { kind: 'modal', scope: 'confirm' };
      return { kind: 'lab', overlayOpen: v.overlay !== 'none' || ui.diff !== null, lessons };
    },
    lab: handlers,
    list: lessonKeys.list,
    confirm: {
      ...lessonKeys.confirm,
      quit: () => {
        dispatchLessonUi({ type: 'answered' });
        quit();
      },
    },
    onListText: lessonKeys.onListText,
    repl: replKeys,
    quit,
  });

  const heapRow = plan.notice === 'heap' ? heapNoticeRow(snapshot, messages, { unload: ':unload', modules: keyOf('modules') }) : null;
  const lessonProgram = useMemo(
    () => ({ file: snapshot.file, others: otherModules(snapshot.modules), refusedAt: refusedElsewhere(snapshot) }),
    [snapshot.file, snapshot.modules, snapshot.workspace, snapshot.rejection],
  );
  const hintScopes = replFocused ? REPL_HINTS : listOpen ? LIST_HINTS : asking ? CONFIRM_HINTS : LAB_HINTS.get(`${overlayOpen}${lessonSnapshot !== null}`)!;
  return (
    <Box width={layout.columns} height={layout.rows} flexDirection="column">
      <StrategyBar strategy={snapshot.strategy} restart={snapshot.restart} width={layout.columns} />
      {layout.lessonRows > 0 && !overlayOpen ? (
        lessonSnapshot && lessonPlan ? (
          <LessonPane snapshot={lessonSnapshot} program={lessonProgram} plan={lessonPlan} tab={tab} dialog={lessonUi.dialog} width={layout.columns} height={layout.lessonRows} />
        ) : (
          <LessonPlaceholder file={snapshot.file} width={layout.columns} height={layout.lessonRows} />
        )
      ) : null}
      {plan.notice === 'problem' && snapshot.problem !== null ? <ProblemLine problem={snapshot.problem} width={layout.columns} /> : null}
      {heapRow ? (
        <Box width={layout.columns} height={1}>
          <StyledRow row={heapRow} width={layout.columns} />
        </Box>
      ) : null}
      {view.overlay === 'help' ? (
        <HelpOverlay width={layout.columns} height={overlayRows} page={helpPage} />
      ) : reading ? (
        <ReadingView rows={readingRows} scroll={view.readScroll} width={layout.columns} height={overlayRows} />
      ) : modulesOpen ? (
        <ReadingView
          rows={readingRows}
          scroll={view.readScroll}
          width={layout.columns}
          height={overlayRows}
          title={messages.program.title}
          keys={messages.program.keys(`${formatKey('escape')}/${keyOf('modules')}`)}
        />
      ) : view.overlay === 'compare' ? (
        <CompareView state={compare.state} liveRate={snapshot.trafficRate} multiModule={isMultiModule(snapshot.modules)} width={layout.columns} height={overlayRows} />
      ) : listOpen && lessonUi.list ? (
        <LessonList snapshot={lessonSnapshot} filter={lessonUi.list.filter} selected={lessonUi.list.selected} width={layout.columns} height={overlayRows} />
      ) : lessonUi.diff ? (
        <DiffView text={lessonUi.diff.text} file={lessonSnapshot?.lesson.starterFiles.join(', ') ?? basename(snapshot.file)} scroll={lessonUi.diff.scroll} width={layout.columns} height={overlayRows} />
      ) : (
        <>
          <Box flexDirection={layout.mode === 'split' ? 'row' : 'column'} columnGap={layout.gap}>
            <FeedPanel
              feed={snapshot.feed}
              headers={view.headers}
              version={snapshot.version}
              trafficRate={snapshot.trafficRate}
              width={layout.feedWidth}
              height={plan.feedRows}
            />
            {plan.statsRows > 0 ? (
              <StatsPanel
                updates={snapshot.updates}
                reverted={snapshot.reverted}
                file={snapshot.file}
                modules={snapshot.modules}
                version={snapshot.version}
                width={layout.statsWidth}
                height={plan.statsRows}
              />
            ) : null}
          </Box>
          <ServiceMessages plan={plan.messages} width={layout.columns} />
          <ReplPanel
            state={repl}
            focused={replFocused}
            examples={examples}
            version={snapshot.version}
            label={promptLabel(snapshot, repl.module)}
            entry={snapshot.entry}
            starting={snapshot.sandbox.state === 'starting' || snapshot.sandbox.state === 'restarting'}
            width={layout.columns}
            height={layout.replRows}
          />
        </>
      )}
      <StatusLine snapshot={snapshot} quitting={view.quitting} width={layout.columns} />
      <HintLine scopes={hintScopes} width={layout.columns} />
    </Box>
  );
}
