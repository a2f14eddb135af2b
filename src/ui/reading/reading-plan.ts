// Pure: the reading view's document, as rows at the full width of the terminal. Everything the panes cut to fit
// is here in full: the lesson's goal, every check step with its whole detail, the latest change (the refusal's
// cause and code frame, every note), the hints (even folded ones), and the lesson text or the Go corner.
import type { LessonSnapshot } from '../../engine/lessons/lesson-session.ts';
import { LIVE_STEP } from '../../engine/lessons/lesson-session.ts';
import { pick, type Language } from '../../engine/lessons/language.ts';
import { checkDetail } from '../lesson/check-detail.ts';
import { keyOf } from '../keys/key-table.ts';
import { fullChangeRows, type ChangeContext, type LatestChange } from '../feed/change-rows.ts';
import { versionLabel } from '../feed/describe-update.ts';
import { requestLine } from '../feed/feed-rows.ts';
import type { FeedEntry } from '../../engine/types.ts';
import { markdownLines, type MarkdownLine, type SpanTone } from '../lesson/markdown-lines.ts';
import type { Messages } from '../shared/messages.ts';
import { wrapPieces, type Row } from '../shared/rows.ts';
import type { Tone } from '../shared/theme.ts';

export interface ReadingInput {
  lesson: LessonSnapshot | null;
  tab: 'text' | 'go';
  lang: Language;
  messages: Messages;
  change: LatestChange;
  changeContext: ChangeContext;
  /** The newest request the feed shows, with its whole reply and headers. */
  newest?: FeedEntry;
  /** The program's modules (program/program-plan.ts), for a program of several; absent for one file. */
  program?: Row[];
  width: number;
}

/** Lines of the newest reply's body shown (a 1 MB body is not a page to read). */
const BODY_LINES = 40;

const SPAN_TONE: Record<SpanTone, Tone | undefined> = { plain: undefined, heading: 'heading', strong: 'heading', code: 'accent', codeBlock: 'accent' };

export function markdownRows(lines: readonly MarkdownLine[]): Row[] {
  return lines.map((line) => line.map((span) => ({ text: span.text, ...(SPAN_TONE[span.tone] ? { tone: SPAN_TONE[span.tone] } : {}) })));
}

export function planReading({ lesson, tab, lang, messages, change, changeContext, newest, program, width }: ReadingInput): Row[] {
  const m = messages.lesson;
  const rows: Row[] = [];
  const blank = () => {
    if (rows.length > 0 && rows[rows.length - 1]!.length > 0) rows.push([]);
  };
  const heading = (text: string) => {
    blank();
    rows.push([{ text, tone: 'heading' }]);
  };
  if (lesson) {
    const l = lesson.lesson;
    rows.push([
      { text: m.heading(l.number, lesson.lessons.length), tone: 'accent' },
      { text: ` ${pick(l.title, lang)}`, tone: 'heading' },
      { text: ` · ${m.lessonStrategy(`${l.strategy}${l.restart ? ` (${l.restart})` : ''}`)}`, tone: 'muted' },
    ]);
    // The label carries its own separator (`Goal: `, `目标：`).
    rows.push(...markdownRows(markdownLines(`**${m.goal.trimEnd()}**${m.goal.endsWith(' ') ? ' ' : ''}${pick(l.goal, lang)}`, width)));
    heading(m.checkTitle);
    const { result } = lesson;
    if (lesson.checking) rows.push([{ text: m.checking, tone: 'muted' }]);
    if (!result) {
      const files = lesson.lesson.starterFiles;
      if (!lesson.checking) rows.push([{ text: lesson.untouched ? m.untouched(keyOf('checkLesson'), files.join(', '), files.length) : m.notChecked(keyOf('checkLesson'), files.join(', ')), tone: 'muted' }]);
    } else {
      rows.push(...wrapPieces([{ text: m.checkRunNote, tone: 'muted' }], width, ''));
      for (const step of result.steps) {
        const live = step.title.en === LIVE_STEP.en;
        rows.push(...wrapPieces([{ text: step.ok ? '✓ ' : '✗ ', tone: step.ok ? 'good' : 'bad' }, { text: pick(step.title, lang) }], width, '  '));
        const seen = step.detail !== undefined ? checkDetail(step.detail, lang, messages.engineNote) : '';
        if (seen) rows.push(...wrapPieces([{ text: live ? m.liveRefused(seen) : m.inCheckRun(seen), tone: 'muted' }], width, '    ', '    '));
      }
      if (result.error) rows.push(...wrapPieces([{ text: `✗ ${m.checkError}: `, tone: 'bad' }, { text: result.error }], width, '  '));
      if (lesson.done && result.passed) rows.push([{ text: lesson.next ? m.done(keyOf('nextLesson'), keyOf('showDiff')) : m.doneLast(keyOf('showDiff')), tone: 'good' }]);
    }
  }
  heading(messages.lastUpdate);
  const changeRows = fullChangeRows(change, changeContext);
  rows.push(...(changeRows.length > 0 ? changeRows : [[{ text: messages.noUpdatesShort, tone: 'muted' as const }]]));
  if (program && program.length > 0) {
    heading(messages.program.title);
    rows.push(...program);
  }
  if (newest) {
    heading(messages.newestRequest);
    rows.push([{ text: `${requestLine(newest)} -> ${newest.status} ${newest.failed ? 'FAIL ' : ''}${versionLabel(newest.version)}`, tone: 'strong' }]);
    for (const [name, value] of Object.entries(newest.headers)) rows.push(...wrapPieces([{ text: `${name}: `, tone: 'muted' }, { text: value }], width, '    ', '  '));
    const body = newest.body.split(/\r?\n/).slice(0, BODY_LINES);
    for (const line of body) rows.push(...wrapPieces([{ text: line }], width, '  ', '  '));
  }
  if (lesson) {
    const l = lesson.lesson;
    if (lesson.hintsShown > 0) {
      heading(m.hintsTitle(lesson.hintsShown, l.hints.length));
      l.hints.slice(0, lesson.hintsShown).forEach((hint, i) => {
        rows.push(...markdownRows(markdownLines(`**${m.hint(i + 1, l.hints.length)}** ${pick(hint, lang)}`, width)));
      });
    }
    heading(tab === 'go' ? m.goTitle : m.textTitle);
    rows.push(...markdownRows(markdownLines(pick(tab === 'go' ? l.go : l.text, lang), width)));
  }
  return rows;
}
