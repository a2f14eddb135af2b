// Pure: which rows of the lesson pane show what, given its height. The goal, the checklist and the done
// moment come first; the lesson text takes what is left and scrolls.
import type { LessonSnapshot } from '../../engine/lessons/lesson-session.ts';
import { pick, type Language } from '../../engine/lessons/language.ts';
import { markdownLines, wrap, type MarkdownLine } from './markdown-lines.ts';

export interface ChecklistRow {
  ok: boolean;
  title: string;
  detail?: string;
}

export interface LessonPlan {
  goal: MarkdownLine[];
  /** null: not checked yet (or checking, when `checking`). */
  checklist: ChecklistRow[] | null;
  checking: boolean;
  done: boolean;
  hints: MarkdownLine[];
  body: MarkdownLine[];
  /** Rows of body shown, from `scroll`. */
  bodyRows: number;
  scroll: number;
  bodyTotal: number;
}

const MAX_STEPS = 5;

export function planLesson(
  snapshot: LessonSnapshot,
  options: { lang: Language; width: number; height: number; tab: 'text' | 'go'; scroll: number; hintLabel: (index: number, total: number) => string; checkError: string },
): LessonPlan {
  const { lesson, result } = snapshot;
  const { lang, width, height } = options;
  // Header and footer take a row each.
  let room = Math.max(0, height - 2);
  const take = <T,>(rows: T[], max: number): T[] => {
    const kept = rows.slice(0, Math.max(0, Math.min(max, room)));
    room -= kept.length;
    return kept;
  };
  // A short pane keeps the goal to one row (cut), so the checklist and the done moment still show.
  const goal = take(wrap([{ text: pick(lesson.goal, lang), tone: 'plain' }], width - 6, ''), height < 14 ? 1 : 2);
  let checklist: ChecklistRow[] | null = null;
  if (result) {
    const passed = result.steps.filter((s) => s.ok).map((s) => pick(s.title, lang));
    const failed: ChecklistRow[] = result.steps.filter((s) => !s.ok).map((s) => ({ ok: false, title: pick(s.title, lang), ...(s.detail ? { detail: s.detail } : {}) }));
    if (result.error) failed.push({ ok: false, title: options.checkError, detail: result.error });
    // Every step on its own row when there is room; else the passing ones share a row and the failing ones,
    // which say what to fix, keep theirs.
    const full = height >= 14 || result.steps.length <= 2;
    const rows: ChecklistRow[] = full
      ? [...result.steps.map((s) => ({ ok: s.ok, title: pick(s.title, lang), ...(s.detail && !s.ok ? { detail: s.detail } : {}) })), ...failed.slice(result.steps.filter((s) => !s.ok).length)]
      : [...(passed.length > 0 ? [{ ok: true, title: passed.join(' · ') }] : []), ...failed];
    checklist = take(rows, MAX_STEPS);
  } else {
    room -= Math.min(1, room);
  }
  const done = snapshot.done && room > 0;
  if (done) room -= 1;
  const hintLines: MarkdownLine[] = [];
  lesson.hints.slice(0, snapshot.hintsShown).forEach((hint, i) => {
    hintLines.push(...wrap([{ text: `${options.hintLabel(i + 1, lesson.hints.length)}: `, tone: 'strong' }, ...markdownLines(pick(hint, lang), 10_000)[0]!], width, '  '));
  });
  // Hints were asked for, so they come before the text; when they do not all fit, the oldest go first.
  const hintRoom = Math.min(hintLines.length, Math.max(0, room));
  const hints = hintLines.slice(hintLines.length - hintRoom);
  room -= hints.length;
  const body = markdownLines(pick(options.tab === 'go' ? lesson.go : lesson.text, lang), width);
  const bodyRows = Math.max(0, room);
  const scroll = Math.max(0, Math.min(options.scroll, body.length - bodyRows));
  return { goal, checklist, checking: snapshot.checking, done, hints, body, bodyRows, scroll, bodyTotal: body.length };
}
