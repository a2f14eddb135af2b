import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import {
  currentLesson,
  doneCount,
  emptyProgress,
  lessonProgress,
  loadProgress,
  markDone,
  nextLesson,
  progressFile,
  saveProgress,
  setCurrent,
  showHints,
  updateProgress,
} from '../../src/engine/lessons/progress.ts';

let workspace: string;
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'hotlab-progress-'));
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('progress', () => {
  it('starts empty when there is no file, without creating one', async () => {
    const loaded = await loadProgress(workspace);
    expect(loaded).toEqual({ progress: emptyProgress() });
    await expect(readdir(workspace)).resolves.toEqual([]);
  });

  it('round-trips through .hotlab/progress.json', async () => {
    const at = new Date('2025-01-02T03:04:05.000Z');
    let progress = setCurrent(emptyProgress(), '02-watching-files');
    progress = markDone(progress, '01-what-is-a-hot-update', at);
    progress = showHints(progress, '02-watching-files', 2);
    await saveProgress(workspace, progress);
    expect(JSON.parse(await readFile(progressFile(workspace), 'utf8'))).toEqual({
      version: 1,
      current: '02-watching-files',
      lessons: {
        '01-what-is-a-hot-update': { done: true, doneAt: '2025-01-02T03:04:05.000Z', hintsShown: 0 },
        '02-watching-files': { done: false, doneAt: null, hintsShown: 2 },
      },
    });
    expect((await loadProgress(workspace)).progress).toEqual(progress);
    // Atomic write: nothing but the file itself is left in .hotlab.
    expect(await readdir(join(workspace, '.hotlab'))).toEqual(['progress.json']);
  });

  it('keeps the first pass time and never un-shows a hint', () => {
    const first = markDone(emptyProgress(), 'a', new Date('2025-01-01T00:00:00Z'));
    const again = markDone(first, 'a', new Date('2025-06-01T00:00:00Z'));
    expect(lessonProgress(again, 'a').doneAt).toBe('2025-01-01T00:00:00.000Z');
    expect(lessonProgress(showHints(showHints(emptyProgress(), 'a', 3), 'a', 1), 'a').hintsShown).toBe(3);
  });

  it('survives a corrupted file: backs it up, starts fresh, says so', async () => {
    await mkdir(join(workspace, '.hotlab'));
    await writeFile(progressFile(workspace), '{"version": 1, "current": "01-');
    const loaded = await loadProgress(workspace, new Date('2025-03-04T05:06:07.089Z'));
    expect(loaded.progress).toEqual(emptyProgress());
    expect(loaded.problem?.backup).toBe(`${progressFile(workspace)}.bak-2025-03-04T05-06-07-089Z`);
    expect(loaded.problem?.message).toMatch(/could not be read: it is not valid JSON .* kept as .*progress\.json\.bak-2025-03-04T05-06-07-089Z.* starts fresh/);
    expect(await readFile(loaded.problem!.backup, 'utf8')).toBe('{"version": 1, "current": "01-');
    // The bad file is out of the way: the next load is clean, and saving works.
    expect((await loadProgress(workspace)).problem).toBeUndefined();
    await saveProgress(workspace, markDone(loaded.progress, 'x'));
    expect(lessonProgress((await loadProgress(workspace)).progress, 'x').done).toBe(true);
  });

  it('sets aside a file of another version, or of the wrong shape, and never overwrites a backup', async () => {
    await mkdir(join(workspace, '.hotlab'));
    const at = new Date('2025-03-04T05:06:07.089Z');
    await writeFile(progressFile(workspace), JSON.stringify({ version: 2, current: null, lessons: {} }));
    const newer = await loadProgress(workspace, at);
    expect(newer.problem?.message).toContain('version 2');
    await writeFile(progressFile(workspace), JSON.stringify({ version: 1, current: null, lessons: { a: { done: 'yes' } } }));
    const wrong = await loadProgress(workspace, at);
    expect(wrong.problem?.message).toContain('lesson a has no boolean "done"');
    expect(wrong.problem?.backup).toBe(`${newer.problem!.backup}-2`);
    expect((await readdir(join(workspace, '.hotlab'))).sort()).toEqual(['progress.json.bak-2025-03-04T05-06-07-089Z', 'progress.json.bak-2025-03-04T05-06-07-089Z-2']);
  });

  it('knows the current lesson, the next one and the count done', async () => {
    const { lessons } = await loadLessons();
    const [first, second] = lessons;
    let progress = emptyProgress();
    expect(currentLesson(progress, lessons).id).toBe(first!.id);
    progress = markDone(progress, first!.id);
    expect(currentLesson(progress, lessons).id).toBe(second!.id); // no current: the first not done
    expect(currentLesson(setCurrent(progress, 'gone-lesson'), lessons).id).toBe(second!.id);
    expect(currentLesson(setCurrent(progress, first!.id), lessons).id).toBe(first!.id);
    expect(nextLesson(lessons, first!.id)?.id).toBe(second!.id);
    expect(nextLesson(lessons, lessons.at(-1)!.id)).toBeUndefined();
    expect(doneCount(progress, lessons)).toBe(1);
  });

  it('updateProgress loads, changes and saves in one go', async () => {
    const { progress } = await updateProgress(workspace, (p) => setCurrent(p, 'b'));
    expect(progress.current).toBe('b');
    expect((await loadProgress(workspace)).progress.current).toBe('b');
  });
});
