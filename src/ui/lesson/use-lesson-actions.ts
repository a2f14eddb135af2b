// What the lesson keys do: session commands, with their outcome printed to the REPL console, and the questions
// asked before the learner's files are replaced (the session never replaces them unasked; neither does this).
import { isAbsolute, join } from 'node:path';
import { useMemo } from 'react';
import type { EngineSnapshot } from '../../engine/types.ts';
import { useEngine } from '../shared/engine-context.tsx';
import type { LessonSession, SwitchPlan } from '../../engine/lessons/lesson-session.ts';
import { pick } from '../../engine/lessons/language.ts';
import { diffLines } from './diff-view.tsx';
import type { KeyHandlers } from '../keys/use-lab-keys.ts';
import { filterLessons, type LessonUiAction, type LessonUiState } from './lesson-ui-state.ts';
import type { LessonPlan } from './lesson-plan.ts';
import { errorText, type Printed } from '../repl/repl-exec.ts';
import { useSettings } from '../shared/settings-context.tsx';
import { keyOf } from '../keys/key-table.ts';

export interface LessonKeys {
  /** The lesson scope, plus overlay scrolling of the diff. */
  lab: KeyHandlers;
  list: KeyHandlers;
  confirm: KeyHandlers;
  onListText: (text: string) => void;
}

export function useLessonActions({
  session,
  ui,
  dispatch,
  plan,
  diffRows,
  print,
  env = process.env,
}: {
  session: LessonSession | null;
  /** The newest lesson UI state (a ref: handlers read it when a key arrives). */
  ui: { readonly current: LessonUiState };
  dispatch: (action: LessonUiAction) => void;
  /** The lesson pane's plan, for how far the text scrolls. */
  plan: LessonPlan | null;
  /** Rows the diff overlay shows. */
  diffRows: number;
  print: (lines: readonly Printed[]) => void;
  env?: Record<string, string | undefined>;
}): LessonKeys {
  const { messages, lang } = useSettings();
  const engine = useEngine();
  const m = messages.lesson;
  return useMemo(() => {
    if (!session) return { lab: {}, list: {}, confirm: {}, onListText: () => {} };
    const fail = (error: unknown) => print([{ kind: 'error', text: m.failed(errorText(error)) }]);
    const info = (text: string, topic?: 'starter') => print([{ kind: 'info', text, ...(topic ? { topic } : {}) }]);
    const opened = (plan: SwitchPlan) => {
      if (plan.kind === 'confirm') dispatch({ type: 'ask', dialog: { kind: 'replace', lessonId: plan.lesson.id, number: plan.lesson.number, files: plan.edited } });
      else if (plan.kind === 'switched') info(m.opened(plan.lesson.number, pick(plan.lesson.title, lang)));
    };
    const move = (pending: Promise<SwitchPlan>, edge: string) =>
      pending.then((plan) => (plan.kind === 'none' ? info(edge) : opened(plan)), fail);
    const resetSaid = (written: readonly string[], backupDir: string | null) =>
      backupDir ? m.resetDone(backupDir, written.join(', '), written.length) : m.resetNothing(written.join(', '), written.length);
    const switchTo = (id: string, replace: boolean) =>
      session.switchTo(id, { replace }).then(({ lesson, reset }) => {
        if (reset) info(resetSaid(reset.written, reset.backupDir), 'starter');
        info(m.opened(lesson.number, pick(lesson.title, lang)));
        // Kept (k): the files were edited, or another lesson's; the checklist to come judges them as they are.
        // Said last, so it is the line the console shows whole.
        if (!reset) info(m.keptFiles(lesson.number, lesson.starterFiles.join(', '), lesson.starterFiles.length, keyOf('resetLesson')));
      }, fail);
    const page = plan ? Math.max(1, plan.bodyRows - 1) : 1;
    const textMax = plan ? Math.max(0, plan.bodyTotal - plan.bodyRows) : 0;
    const scroll = (sign: number, byLine = false) => {
      const { diff } = ui.current;
      if (diff) dispatch({ type: 'scrollDiff', by: sign * (byLine ? 1 : Math.max(1, diffRows - 1)), max: Math.max(0, diffLines(diff.text).length - diffRows) });
      else if (!byLine) dispatch({ type: 'scroll', by: sign * page, max: textMax });
    };
    const lab: KeyHandlers = {
      nextHint: () => {
        const { hintsShown, lesson } = session.getSnapshot();
        const folded = ui.current.hintsFolded;
        dispatch({ type: 'foldHints', folded: false });
        // Folded hints come back first; the next one opens on the next press.
        if (folded && hintsShown > 0) return;
        if (hintsShown >= lesson.hints.length) info(m.allHints);
        else session.showHint().catch(fail);
      },
      foldHints: () => dispatch({ type: 'foldHints', folded: !ui.current.hintsFolded }),
      toggleGo: () => dispatch({ type: 'toggleTab' }),
      nextLesson: () => void move(session.next(), m.lastLesson),
      previousLesson: () => void move(session.previous(), m.firstLesson),
      lessonList: () => dispatch({ type: 'openList', selected: session.getSnapshot().index }),
      checkLesson: () => void session.check(),
      showDiff: () =>
        void session.diff().then((text) => (text === null ? info(m.diffLocked) : dispatch({ type: 'showDiff', text })), fail),
      resetLesson: () => dispatch({ type: 'ask', dialog: { kind: 'reset' } }),
      openEditor: () => {
        // The lab owns the terminal; a terminal editor cannot share it, so the learner opens one beside it.
        const editor = env['VISUAL'] || env['EDITOR'];
        const files = programFiles(engine.getSnapshot()).join(' ') || session.getSnapshot().file;
        info(editor ? m.editorCommand(`${editor} ${files}`) : m.noEditor(files));
      },
      scrollDown: () => scroll(1),
      scrollUp: () => scroll(-1),
      // ↑↓ in the diff overlay.
      lineDown: () => scroll(1, true),
      lineUp: () => scroll(-1, true),
    };
    const shown = () => filterLessons(session.getSnapshot().lessons, ui.current.list?.filter ?? '');
    const list: KeyHandlers = {
      listUp: () => dispatch({ type: 'listMove', by: -1, count: shown().length }),
      listDown: () => dispatch({ type: 'listMove', by: 1, count: shown().length }),
      listClose: () => dispatch({ type: 'closeList' }),
      listErase: () => dispatch({ type: 'listErase' }),
      listJump: () => {
        const lesson = shown()[ui.current.list?.selected ?? 0];
        if (!lesson) return;
        dispatch({ type: 'closeList' });
        if (lesson.id !== session.getSnapshot().lesson.id) void move(session.jump(lesson.id), '');
      },
    };
    const confirm: KeyHandlers = {
      confirmYes: () => {
        const dialog = ui.current.dialog;
        dispatch({ type: 'answered' });
        if (dialog?.kind === 'replace') void switchTo(dialog.lessonId, true);
        else if (dialog?.kind === 'reset')
          session.reset().then((r) => info(resetSaid(r.written, r.backupDir), 'starter'), fail);
      },
      confirmKeep: () => {
        const dialog = ui.current.dialog;
        dispatch({ type: 'answered' });
        // "Keep my file" still opens the lesson; Esc is the way to stay.
        if (dialog?.kind === 'replace') void switchTo(dialog.lessonId, false);
      },
      confirmCancel: () => dispatch({ type: 'answered' }),
    };
    return { lab, list, confirm, onListText: (text) => dispatch({ type: 'listType', text }) };
  }, [session, ui, dispatch, plan, diffRows, print, env, m, lang, engine]);
}

/**
 * The files to open, absolute: the module a standing refusal is in first, then the entry, then the modules it
 * imports (an editor opens them all; one file for a one-file program).
 */
export function programFiles(snapshot: Pick<EngineSnapshot, 'file' | 'workspace' | 'entry' | 'modules' | 'rejection'>): string[] {
  const absolute = (file: string) => (isAbsolute(file) ? file : join(snapshot.workspace, file));
  const refused = snapshot.rejection?.location ? absolute(snapshot.rejection.location.file) : null;
  const modules = snapshot.modules.map((m) => absolute(m.module)).filter((file) => file !== snapshot.file);
  return [...new Set([...(refused ? [refused] : []), snapshot.file, ...modules.reverse()])];
}
