// Pure: which rows of the lesson pane show what, given its height. The goal, the checklist and the done
// moment come first; the hints (unless folded) and then the lesson text take what is left, and the text scrolls.
// Whatever is cut here is whole in the reading view (`cut` tells the pane to say so).
import type { LessonSnapshot } from '../../engine/lessons/lesson-session.ts';
import { LIVE_STEP } from '../../engine/lessons/lesson-session.ts';
import { pick, type Language } from '../../engine/lessons/language.ts';
import { checkDetail } from './check-detail.ts';
import { cellWidth } from '../shared/format.ts';
import { endLine, inline, markdownLines, wrap, type MarkdownLine } from './markdown-lines.ts';

export interface ChecklistRow {
  ok: boolean;
  title: string;
  /** What was seen, labelled: the check's own run, or the live service for the live step. */
  detail?: string;
}

export interface LessonPlan {
  goal: MarkdownLine[];
  /** null: not checked (see `status`). */
  checklist: ChecklistRow[] | null;
  /** Why there is no checklist: a check is running, the file is the untouched starter, or nothing ran yet. */
  status: 'checking' | 'untouched' | 'notChecked';
  checking: boolean;
  done: boolean;
  hints: MarkdownLine[];
  /** Hints that are open but folded away (H). */
  foldedHints: number;
  body: MarkdownLine[];
  /** Rows of body shown, from `scroll`. */
  bodyRows: number;
  scroll: number;
  bodyTotal: number;
  /** Something (goal, a check step, a hint) did not fit: the reading view has it whole. */
  cut: boolean;
}

export interface LessonPlanOptions {
  lang: Language;
  width: number;
  height: number;
  tab: 'text' | 'go';
  scroll: number;
  hintsFolded?: boolean;
  hintLabel: (index: number, total: number) => string;
  checkError: string;
  /** Labels a check step's detail as the check's own run (its versions are not the live feed's). */
  inCheckRun: (detail: string) => string;
  /** Labels the live step's detail: the live service refused the file. */
  liveRefused: (detail: string) => string;
  /** hotlab's own words in a detail, in the learner's language (`messages.engineNote`). @default as written */
  engineNote?: (text: string) => string;
  /** Cells the goal's label takes (`Goal: `, `目标：`): the goal wraps in the rest of the row. @default 6 */
  goalIndent?: number;
  /** After the `…` of a goal cut short, where to read it whole (`(v: read all)`). @default '' */
  readAll?: string;
}

const MAX_STEPS = 5;

export function planLesson(snapshot: LessonSnapshot, options: LessonPlanOptions): LessonPlan {
  const { lesson, result } = snapshot;
  const { lang, width, height } = options;
  let cut = false;
  // Header and footer take a row each.
  let room = Math.max(0, height - 2);
  const take = <T,>(rows: T[], max: number): T[] => {
    const kept = rows.slice(0, Math.max(0, Math.min(max, room)));
    if (kept.length < rows.length) cut = true;
    room -= kept.length;
    return kept;
  };
  // The goal is the one thing the learner must read, and its end is often the requirement (`…throw if prev.hits
  // is not a number`): it gets every row it needs, from the text below, keeping one for the checklist's line.
  // Only a pane too short for it cuts it, and its last row then says so.
  const goalWidth = width - (options.goalIndent ?? 6);
  const goalRows = wrap(inline(pick(lesson.goal, lang)), goalWidth, '');
  const goal = goalRows.slice(0, Math.min(room, Math.max(1, room - 1)));
  if (goal.length > 0 && goal.length < goalRows.length) {
    goal[goal.length - 1] = endLine(goal.at(-1)!, goalWidth, `…${options.readAll ? ` ${options.readAll}` : ''}`);
    cut = true;
  }
  room -= goal.length;
  let checklist: ChecklistRow[] | null = null;
  if (result) {
    const row = (step: (typeof result.steps)[number], withDetail: boolean): ChecklistRow => {
      const live = step.title.en === LIVE_STEP.en;
      const seen = step.detail !== undefined ? checkDetail(step.detail, lang, options.engineNote ?? ((text) => text)) : '';
      const detail = withDetail && seen ? (live ? options.liveRefused(seen) : options.inCheckRun(seen)) : undefined;
      return { ok: step.ok, title: pick(step.title, lang), ...(detail ? { detail } : {}) };
    };
    const failed = result.steps.filter((s) => !s.ok).map((s) => row(s, true));
    const errorRow: ChecklistRow[] = result.error ? [{ ok: false, title: options.checkError, detail: result.error }] : [];
    // Every step on its own row when there is room; else the passing ones share a row and the failing ones,
    // which say what to fix, keep theirs.
    // A checklist longer than its rows is shown compact too: cut, it hid a step, a failing one as likely as not.
    const passed = result.steps.filter((s) => s.ok).map((s) => pick(s.title, lang));
    const everyStep = [...result.steps.map((s) => row(s, !s.ok)), ...errorRow];
    const full = (height >= 14 || result.steps.length <= 2) && everyStep.length <= Math.min(MAX_STEPS, room);
    const rows: ChecklistRow[] = full ? everyStep : [...(passed.length > 0 ? [{ ok: true, title: passed.join(' · ') }] : []), ...failed, ...errorRow];
    checklist = take(rows, MAX_STEPS);
    if (checklist.some((r) => cellWidth(`✓ ${r.title}${r.detail ? ` — ${r.detail}` : ''}`) > width)) cut = true;
  } else {
    room -= Math.min(1, room);
  }
  const status = snapshot.checking ? 'checking' : snapshot.untouched ? 'untouched' : 'notChecked';
  // The done moment is not shown over a failing check (the live service refusing the file included): the
  // header still says the lesson was passed, but "Lesson complete — press n" would contradict the checklist.
  const done = snapshot.done && result?.passed !== false && room > 0;
  if (done) room -= 1;
  const opened = lesson.hints
    .slice(0, snapshot.hintsShown)
    .map((hint, i) => wrap([{ text: `${options.hintLabel(i + 1, lesson.hints.length)}${lang === 'zh' ? '' : ' '}`, tone: 'strong' }, ...inline(pick(hint, lang))], width, '  '));
  const folded = options.hintsFolded === true;
  // Hints were asked for, so they come before the text.
  const hints = folded ? [] : fitHints(opened, Math.max(0, room));
  if (!folded && hints.length < opened.flat().length) cut = true;
  room -= hints.length;
  const body = markdownLines(pick(options.tab === 'go' ? lesson.go : lesson.text, lang), width);
  const bodyRows = Math.max(0, room);
  const scroll = Math.max(0, Math.min(options.scroll, body.length - bodyRows));
  return {
    goal,
    checklist,
    status,
    checking: snapshot.checking,
    done,
    hints,
    foldedHints: folded ? snapshot.hintsShown : 0,
    body,
    bodyRows,
    scroll,
    bodyTotal: body.length,
    cut,
  };
}

/**
 * The hints that fit `room` rows, whole: when they do not all fit the oldest go first, and when even the newest
 * does not, its beginning (its label and first words) rather than the tail of a sentence under no label.
 */
function fitHints(opened: readonly MarkdownLine[][], room: number): MarkdownLine[] {
  const kept: MarkdownLine[][] = [];
  let used = 0;
  for (const hint of [...opened].reverse()) {
    if (used + hint.length > room) break;
    kept.unshift(hint);
    used += hint.length;
  }
  if (kept.length === 0 && opened.length > 0) return opened.at(-1)!.slice(0, room);
  return kept.flat();
}
