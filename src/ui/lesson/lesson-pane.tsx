// The lesson: title, the goal as a live checklist, the done moment, hints on demand, and the text or the Go
// corner (scrollable), and where to edit: the entry (with how many modules it imports), or the module a
// standing refusal is in. Renders only: `lesson-plan.ts` decides what fits, the session holds the state.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { LessonSnapshot } from '../../engine/lessons/lesson-session.ts';
import { pick } from '../../engine/lessons/language.ts';
import { cellWidth, displayPath, truncate } from '../shared/format.ts';
import { keyOf } from '../keys/key-table.ts';
import type { LessonDialog } from './lesson-ui-state.ts';
import type { LessonPlan } from './lesson-plan.ts';
import type { MarkdownLine, SpanTone } from './markdown-lines.ts';
import { useSettings } from '../shared/settings-context.tsx';
import type { TextStyle, Theme } from '../shared/theme.ts';

function spanStyle(tone: SpanTone, theme: Theme): TextStyle {
  if (tone === 'heading' || tone === 'strong') return theme.tone('heading');
  if (tone === 'code' || tone === 'codeBlock') return theme.tone('accent');
  return {};
}

function Line({ line }: { line: MarkdownLine }) {
  const { theme } = useSettings();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((span, i) => (
        <Text key={i} {...spanStyle(span.tone, theme)}>
          {span.text}
        </Text>
      ))}
    </Text>
  );
}

/** What the footer names: the program's entry, its other modules, and the place of a refusal in another module. */
export interface LessonProgram {
  /** The entry, absolute (terminals make it clickable). */
  file: string;
  others: number;
  /** `/abs/greet.js:3:5`: a standing refusal in a module other than the entry; null otherwise. */
  refusedAt: string | null;
}

/** The lesson's files, as the lesson messages name them: `service.js`, or `service.js, greet.js`. */
export const lessonFiles = (snapshot: LessonSnapshot) => snapshot.lesson.starterFiles.join(', ');

export interface LessonPaneProps {
  snapshot: LessonSnapshot;
  program: LessonProgram;
  /** What fits (lesson-plan.ts); the screen computes it, as it also bounds scrolling. */
  plan: LessonPlan;
  tab: 'text' | 'go';
  dialog: LessonDialog | null;
  width: number;
  height: number;
}

export const LessonPane = memo(function LessonPane({ snapshot, program, plan, tab, dialog, width, height }: LessonPaneProps) {
  const { theme, messages, lang } = useSettings();
  const m = messages.lesson;
  const { lesson } = snapshot;
  const hintsLeft = lesson.hints.length - snapshot.hintsShown;
  // Where the text is, when it is on screen and longer than its rows (open hints may leave it none).
  const shownTo = plan.scroll + plan.bodyRows;
  const textPlace =
    plan.bodyRows === 0 || plan.bodyTotal <= plan.bodyRows
      ? null
      : shownTo >= plan.bodyTotal
        ? m.moreAbove(keyOf('scrollUp'), plan.bodyTotal)
        : m.more(keyOf('scrollDown'), shownTo, plan.bodyTotal);
  const footer = [
    plan.cut ? messages.readAll(keyOf('readAll')) : null,
    plan.foldedHints > 0 ? m.unfoldHints(keyOf('foldHints'), plan.foldedHints) : null,
    hintsLeft > 0 ? m.hintsLeft(keyOf('nextHint'), hintsLeft) : plan.hints.length > 0 ? m.foldHints(keyOf('foldHints')) : null,
    tab === 'text' ? m.goCorner(keyOf('toggleGo')) : m.textTab(keyOf('toggleGo')),
    textPlace,
  ].filter((part) => part !== null);
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      {dialog ? (
        <Text wrap="truncate-end" {...theme.tone('warn')} bold>
          {dialog.kind === 'reset'
            ? m.confirmReset(lessonFiles(snapshot))
            : m.confirmReplace(dialog.number, dialog.files.join(', '))}
        </Text>
      ) : (
        <Text wrap="truncate-end">
          <Text {...theme.tone('accent')}>{m.heading(lesson.number, snapshot.lessons.length)}</Text>
          <Text {...theme.tone('heading')}> {pick(lesson.title, lang)}</Text>
          {snapshot.done ? <Text {...theme.tone('good')}> {m.doneMark}</Text> : null}
          <Text {...theme.tone('muted')}>
            {' '}
            · {snapshot.doneCount}/{snapshot.lessons.length}
          </Text>
          {/* Named as the lesson's: 1-4 switch the live strategy (the bar shows that one); last, as a cut loses it. */}
          <Text {...theme.tone('muted')}> · {m.lessonStrategy(lesson.strategy)}</Text>
        </Text>
      )}
      {plan.goal.map((line, i) => (
        <Text key={`goal${i}`} wrap="truncate-end">
          <Text {...theme.tone('heading')}>{i === 0 ? m.goal : ' '.repeat(cellWidth(m.goal))}</Text>
          {line.map((span, j) => (
            <Text key={j} {...spanStyle(span.tone, theme)}>
              {span.text}
            </Text>
          ))}
        </Text>
      ))}
      {plan.checklist === null ? (
        <Text wrap="truncate-end" {...theme.tone('muted')}>
          {plan.status === 'checking'
            ? m.checking
            : plan.status === 'untouched'
              ? (snapshot.done ? m.untouchedDone : m.untouched)(keyOf('checkLesson'), lessonFiles(snapshot), snapshot.lesson.starterFiles.length)
              : m.notChecked(keyOf('checkLesson'), lessonFiles(snapshot))}
        </Text>
      ) : (
        plan.checklist.map((row, i) => (
          <Text key={`step${i}`} wrap="truncate-end">
            <Text {...theme.tone(row.ok ? 'good' : 'bad')}>{row.ok ? '✓' : '✗'}</Text> {row.title}
            {row.detail ? <Text {...theme.tone('muted')}> — {truncate(row.detail.replace(/\s+/g, ' '), 400)}</Text> : null}
            {i === 0 && plan.checking ? <Text {...theme.tone('muted')}> ({m.checking})</Text> : null}
          </Text>
        ))
      )}
      {plan.done ? (
        <Text wrap="truncate-end" {...theme.tone('good')} bold>
          {snapshot.next ? m.done(keyOf('nextLesson'), keyOf('showDiff')) : m.doneLast(keyOf('showDiff'))}
        </Text>
      ) : null}
      {plan.hints.map((line, i) => (
        <Line key={`hint${i}`} line={line} />
      ))}
      {plan.body.slice(plan.scroll, plan.scroll + plan.bodyRows).map((line, i) => (
        <Line key={`body${plan.scroll + i}`} line={line} />
      ))}
      <Box flexGrow={1} />
      {/* A question takes the footer row for its answers, so it never pushes the pane past its height. */}
      {dialog ? (
        <Text wrap="truncate-end" {...theme.tone('accent')} bold>
          {(dialog.kind === 'reset' ? m.confirmResetKeys : m.confirmReplaceKeys)(keyOf('confirmYes'), keyOf('confirmKeep'), keyOf('confirmCancel'))}
        </Text>
      ) : (
        <Text wrap="truncate-end">
          <Text {...theme.tone('muted')}>{footer.join(' · ')} · </Text>
          {/* Absolute, so terminals make it clickable whatever folder the lab was started from. */}
          {program.refusedAt ? (
            <>
              <Text {...theme.tone('bad')}>{m.fix} </Text>
              {program.refusedAt}
            </>
          ) : (
            <>
              <Text {...theme.tone('muted')}>{m.edit} </Text>
              {program.file}
              {program.others > 0 ? <Text {...theme.tone('muted')}> {messages.plusModules(program.others)}</Text> : null}
            </>
          )}
        </Text>
      )}
    </Box>
  );
});

/** Without a lesson session: what to do, and where the file is. */
export const LessonPlaceholder = memo(function LessonPlaceholder({ file, width, height }: { file: string; width: number; height: number }) {
  const { theme, messages, cwd } = useSettings();
  return (
    <Box width={width} height={height} flexDirection="column">
      <Text wrap="truncate-end" {...theme.tone('accent')}>
        {messages.lessonPlaceholder(displayPath(file, cwd))}
      </Text>
      {height > 1 ? (
        <Text wrap="truncate-end" {...theme.tone('muted')}>
          {messages.lessonTry}
        </Text>
      ) : null}
    </Box>
  );
});
