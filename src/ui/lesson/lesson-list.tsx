// The lesson list overlay: every lesson with ✓ when done, the current one marked, progress `3/12`, a filter
// typed in place, and the selection Enter opens. Renders only; the list state is in lesson-ui-state.ts.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { LessonSnapshot } from '../../engine/lessons/lesson-session.ts';
import { pick } from '../../engine/lessons/language.ts';
import { lessonProgress } from '../../engine/lessons/progress.ts';
import { filterLessons } from './lesson-ui-state.ts';
import { useSettings } from '../shared/settings-context.tsx';

/** A text progress bar: `[#####.....] 3/12`. ASCII, so it reads the same without colour. */
export function progressBar(done: number, total: number, cells = 12): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * cells);
  return `[${'#'.repeat(filled)}${'.'.repeat(cells - filled)}] ${done}/${total}`;
}

export const LessonList = memo(function LessonList({
  snapshot,
  filter,
  selected,
  width,
  height,
}: {
  snapshot: LessonSnapshot;
  filter: string;
  selected: number;
  width: number;
  height: number;
}) {
  const { theme, messages, lang } = useSettings();
  const m = messages.lesson;
  const shown = filterLessons(snapshot.lessons, filter);
  const rows = Math.max(1, height - 3);
  // Keep the selection in view.
  const start = Math.max(0, Math.min(selected - rows + 1, shown.length - rows));
  return (
    <Box width={width} height={height} flexDirection="column" overflow="hidden">
      <Text wrap="truncate-end">
        <Text {...theme.tone('heading')}>{m.listTitle}</Text> <Text {...theme.tone('good')}>{progressBar(snapshot.doneCount, snapshot.lessons.length)}</Text>
        <Text {...theme.tone('muted')}> · {m.listFilter}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text {...theme.tone('accent')}>/ </Text>
        {filter}
        <Text inverse> </Text>
      </Text>
      {shown.length === 0 ? (
        <Text {...theme.tone('muted')}>{m.listEmpty}</Text>
      ) : (
        shown.slice(Math.max(0, start), Math.max(0, start) + rows).map((lesson) => {
          const index = shown.indexOf(lesson);
          const done = lessonProgress(snapshot.progress, lesson.id).done;
          const here = lesson.id === snapshot.lesson.id;
          const chosen = index === selected;
          return (
            <Text key={lesson.id} wrap="truncate-end" {...(chosen ? theme.tone('active') : {})}>
              {chosen ? '▸ ' : '  '}
              <Text {...(chosen ? {} : theme.tone(done ? 'good' : 'muted'))}>{done ? '✓' : '·'}</Text> {String(lesson.number).padStart(2, '0')}{' '}
              {pick(lesson.title, lang)}
              <Text {...(chosen ? {} : theme.tone('muted'))}> {lesson.strategy}</Text>
              {here ? <Text {...(chosen ? {} : theme.tone('accent'))}> {m.listCurrent}</Text> : null}
            </Text>
          );
        })
      )}
    </Box>
  );
});
