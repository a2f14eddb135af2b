import { rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LessonError } from '../../src/engine/lessons/lesson-errors.ts';
import { findLesson, loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import { copyLessonRoot, editJson, LESSON_ID, writeJson } from './lesson-fixture.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

async function fixture() {
  const made = await copyLessonRoot();
  roots.push(made.root);
  return made;
}

/** Loading must fail with a LessonError that names the lesson and the field. */
async function expectLessonError(root: string, lesson: string | null, mentions: string[]): Promise<void> {
  const error = await loadLessons(root).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LessonError);
  const lessonError = error as LessonError;
  expect(lessonError.lesson).toBe(lesson);
  for (const text of mentions) expect(lessonError.message).toContain(text);
}

describe('loadLessons', () => {
  it('loads the shipped manifest: every lesson complete, in order', async () => {
    const set = await loadLessons();
    expect(set.formatVersion).toBe(1);
    expect(set.lessons.length).toBeGreaterThanOrEqual(3);
    expect(set.lessons.slice(0, 3).map((l) => l.id)).toEqual(['01-what-is-a-hot-update', '02-watching-files', '03-swapping-a-route-handler']);
    set.lessons.forEach((lesson, index) => {
      expect(lesson.number).toBe(index + 1);
      expect(lesson.starterFiles).toContain(lesson.entry);
      expect(['service.js', 'service.ts']).toContain(lesson.entry);
      expect(lesson.requests.length).toBeGreaterThan(0);
    });
  });

  it('finds a lesson by id, number or id prefix, and names the choices otherwise', async () => {
    const set = await loadLessons();
    expect(findLesson(set, '02-watching-files').id).toBe('02-watching-files');
    expect(findLesson(set, '2').id).toBe('02-watching-files');
    expect(findLesson(set, '02').id).toBe('02-watching-files');
    expect(findLesson(set, '03-swap').id).toBe('03-swapping-a-route-handler');
    expect(() => findLesson(set, 'nope')).toThrow(/no lesson "nope": choose one of 01-what-is-a-hot-update/);
  });

  it('refuses a manifest of another format version', async () => {
    const { root } = await fixture();
    await writeJson(join(root, 'manifest.json'), { formatVersion: 2, lessons: [LESSON_ID] });
    await expectLessonError(root, null, ['formatVersion', 'must be 1']);
  });

  it('refuses a manifest that is not JSON, lists nothing, or lists a lesson twice', async () => {
    const { root } = await fixture();
    await writeFile(join(root, 'manifest.json'), '{ "formatVersion": 1, ');
    await expectLessonError(root, null, ['manifest.json', 'not valid JSON']);
    await writeJson(join(root, 'manifest.json'), { formatVersion: 1, lessons: [] });
    await expectLessonError(root, null, ['"lessons"', 'non-empty']);
    await writeJson(join(root, 'manifest.json'), { formatVersion: 1, lessons: [LESSON_ID, LESSON_ID] });
    await expectLessonError(root, null, ['twice']);
  });

  it('names a lesson folder the manifest lists but that does not exist', async () => {
    const { root } = await fixture();
    await writeJson(join(root, 'manifest.json'), { formatVersion: 1, lessons: [LESSON_ID, '02-not-there'] });
    await expectLessonError(root, '02-not-there', ['lesson 02-not-there', 'folder', 'is missing']);
  });

  it('names a missing translation of a hint', async () => {
    const { root, lessonDir } = await fixture();
    await editJson(join(lessonDir, 'lesson.json'), (lesson) => {
      (lesson.hints as Array<Record<string, string>>)[1] = { en: 'only English' };
    });
    await expectLessonError(root, LESSON_ID, [`lesson ${LESSON_ID}`, 'hints[1].zh', 'missing']);
  });

  it('names a missing title, an unknown strategy, too few hints, a wrong id', async () => {
    const cases: Array<[(lesson: Record<string, unknown>) => void, string[]]> = [
      [(l) => delete l.title, ['"title"', 'missing']],
      [(l) => (l.goal = { en: 'x', zh: '' }), ['goal.zh', 'missing or empty']],
      [(l) => (l.strategy = 'hot-swap'), ['"strategy"', 'file-watch']],
      [(l) => (l.hints = [{ en: 'a', zh: '甲' }]), ['"hints"', '2–4']],
      [(l) => (l.id = '01-other'), ['"id"', 'folder']],
      [(l) => (l.restart = 'cold'), ['"restart"', 'binary-replace']],
      [(l) => (l.requests = [{ method: 'GET', path: 'ping' }]), ['requests[0].path']],
    ];
    for (const [change, mentions] of cases) {
      const { root, lessonDir } = await fixture();
      await editJson(join(lessonDir, 'lesson.json'), change);
      await expectLessonError(root, LESSON_ID, mentions);
    }
  });

  it('names a missing lesson file: text, Go corner, starter, solution, check', async () => {
    for (const file of ['text.zh.md', 'go.en.md', 'starter/service.js', 'solution/service.js', 'check.js']) {
      const { root, lessonDir } = await fixture();
      await unlink(join(lessonDir, file));
      await expectLessonError(root, LESSON_ID, [file, 'missing']);
    }
  });

  it('refuses a Go corner without a Go snippet', async () => {
    const { root, lessonDir } = await fixture();
    await writeFile(join(lessonDir, 'go.zh.md'), '# Go 角落\n\n没有代码。\n');
    await expectLessonError(root, LESSON_ID, ['go.zh.md', '```go']);
  });
});
