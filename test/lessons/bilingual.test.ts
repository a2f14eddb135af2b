// Every lesson speaks English and Simplified Chinese everywhere a learner reads: title, goal, each hint, the
// text and the Go corner. A lesson that lacks either fails here (the loader refuses it too).
import { describe, expect, it } from 'vitest';
import type { Localized } from '../../src/engine/lessons/language.ts';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';

const set = await loadLessons();
const CJK = /[\u4e00-\u9fff]/u;

/** Both languages present; prose (not a hint, which may be code alone) must really be Chinese in zh. */
function expectBoth(text: Localized | undefined, what: string, prose = true): void {
  expect(text, what).toBeDefined();
  expect(text!.en.trim(), `${what} (en)`).not.toBe('');
  expect(text!.zh.trim(), `${what} (zh)`).not.toBe('');
  if (!prose) return;
  // A zh text that is a copy of the English one is a missing translation.
  expect(text!.zh, `${what} (zh) is in Chinese`).toMatch(CJK);
  expect(text!.zh, `${what} (zh) differs from en`).not.toBe(text!.en);
}

describe.each(set.lessons.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  it('has en and zh for title, goal, every hint, text and Go corner', () => {
    expectBoth(lesson.title, 'title');
    expectBoth(lesson.goal, 'goal');
    expect(lesson.hints.length).toBeGreaterThanOrEqual(2);
    expect(lesson.hints.length).toBeLessThanOrEqual(4);
    lesson.hints.forEach((hint, i) => expectBoth(hint, `hint ${i + 1}`, false));
    expectBoth(lesson.text, 'text');
    expectBoth(lesson.go, 'Go corner');
  });

  it('has a Go snippet in both Go corners', () => {
    for (const lang of ['en', 'zh'] as const) expect(lesson.go[lang], lang).toMatch(/^```go\n[\s\S]*?\S[\s\S]*?^```/m);
  });
});
