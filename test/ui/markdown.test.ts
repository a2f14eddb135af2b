// Lesson Markdown to rows: pure, so wrapping rules are checked with plain data.
import { describe, expect, test } from 'vitest';
import { cellWidth } from '../../src/ui/shared/format.ts';
import { filterLessons, initialLessonUiState, lessonUiReducer } from '../../src/ui/lesson/lesson-ui-state.ts';
import { markdownLines } from '../../src/ui/lesson/markdown-lines.ts';

const text = (line: { text: string }[]) => line.map((s) => s.text).join('');

describe('markdown lines', () => {
  test('headings, lists with a hanging indent, `code` and fenced code', () => {
    const lines = markdownLines('# Title\n\n- one `two` three four five six\n\n```go\nfunc main() {}\n```', 20);
    expect(lines[0]).toEqual([{ text: 'Title', tone: 'heading' }]);
    expect(text(lines[2]!)).toBe('• one `two` three');
    expect(text(lines[3]!)).toBe('  four five six');
    expect(lines[2]!.some((s) => s.tone === 'code' && s.text === '`two`')).toBe(true);
    expect(lines.at(-1)).toEqual([{ text: '  func main() {}', tone: 'codeBlock' }]);
  });

  test('inline code keeps its backquotes verbatim, double-backquote spans too, and is never split over rows', () => {
    const hint = markdownLines('For example: return `hello ${hits}`; — then watch the feed.', 80);
    expect(text(hint[0]!)).toBe('For example: return `hello ${hits}`; — then watch the feed.');
    expect(hint[0]!.find((s) => s.tone === 'code')?.text).toBe('`hello ${hits}`');
    const double = markdownLines('Type ``return `pong ${hits}`;`` and save.', 80);
    expect(text(double[0]!)).toBe('Type ``return `pong ${hits}`;`` and save.');
    expect(double[0]!.find((s) => s.tone === 'code')?.text).toBe('``return `pong ${hits}`;``');
    // Narrow: the span moves to the next row whole instead of breaking at its space.
    const narrow = markdownLines('the answer is `hello ${hits}` here', 22);
    expect(narrow.map(text)).toEqual(['the answer is', '`hello ${hits}` here']);
    // A lone backquote is text.
    expect(text(markdownLines('a ` b', 20)[0]!)).toBe('a ` b');
  });

  test('*emphasis* is bold without its asterisks, and not taken from a*b*c or 2 * 3 * 4', () => {
    const [line] = markdownLines('a watch placed on the *file* goes silent, a*b*c stays, 2 * 3 * 4 too', 120);
    expect(text(line!)).toBe('a watch placed on the file goes silent, a*b*c stays, 2 * 3 * 4 too');
    expect(line!.find((s) => s.tone === 'strong')?.text).toBe('file');
    expect(line!.filter((s) => s.tone === 'strong')).toHaveLength(1);
  });

  test('no space after full-width punctuation when the source has one (after a **strong** span)', () => {
    const [line] = markdownLines('- **没有空档。** 重启会断掉正在处理的连接。 English after, then: a space', 120);
    expect(text(line!)).toBe('• 没有空档。重启会断掉正在处理的连接。English after, then: a space');
  });

  test('Chinese wraps between characters and no row is wider than asked', () => {
    const lines = markdownLines('热更新在不停止程序的情况下替换正在运行的代码。', 10);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(cellWidth(text(line))).toBeLessThanOrEqual(10);
  });
});

describe('lesson ui state', () => {
  test('the list filters by number or title, and the selection wraps around', () => {
    const lessons = [1, 2, 3].map((n) => ({ id: `0${n}-x`, number: n, title: { en: `Lesson ${n === 2 ? 'watch' : 'other'}`, zh: '课' } }));
    expect(filterLessons(lessons, 'WATCH').map((l) => l.number)).toEqual([2]);
    let state = lessonUiReducer(initialLessonUiState, { type: 'openList', selected: 0 });
    state = lessonUiReducer(state, { type: 'listMove', by: -1, count: 3 });
    expect(state.list?.selected).toBe(2);
    state = lessonUiReducer(state, { type: 'listType', text: 'w' });
    expect(state.list).toEqual({ filter: 'w', selected: 0 });
  });

  test('the filter prefers lessons where it starts a word: gra finds Graceful hand-over before Migrating state', () => {
    const lessons = [
      { id: '06-migrating-state', number: 6, title: { en: 'Migrating state', zh: '迁移状态' } },
      { id: '10-graceful-handover', number: 10, title: { en: 'Graceful hand-over', zh: '平滑交接' } },
      { id: '11-compatibility-and-risk', number: 11, title: { en: 'Compatibility and risk', zh: '兼容性与风险' } },
    ];
    expect(filterLessons(lessons, 'gra').map((l) => l.number)).toEqual([10, 6]);
    expect(filterLessons(lessons, 'at').map((l) => l.number)).toEqual([6, 11]);
    expect(filterLessons(lessons, '交接').map((l) => l.number)).toEqual([10]);
    expect(filterLessons(lessons, '1').map((l) => l.number)).toEqual([10, 11]);
  });

  test('scrolling stays within the text', () => {
    let state = lessonUiReducer(initialLessonUiState, { type: 'scroll', by: 50, max: 12 });
    expect(state.scroll).toBe(12);
    state = lessonUiReducer(state, { type: 'scroll', by: -50, max: 12 });
    expect(state.scroll).toBe(0);
  });
});
