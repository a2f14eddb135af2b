// A throwaway lessons folder holding a copy of lesson 01, for tests that break a lesson on purpose.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lessonsRoot } from '../../src/engine/lessons/load-lessons.ts';

export const LESSON_ID = '01-what-is-a-hot-update';

/** A temp lessons root with lesson 01 and a manifest listing it. */
export async function copyLessonRoot(): Promise<{ root: string; lessonDir: string }> {
  const root = await mkdtemp(join(tmpdir(), 'hotlab-lessons-'));
  const lessonDir = join(root, LESSON_ID);
  await cp(join(lessonsRoot(), LESSON_ID), lessonDir, { recursive: true });
  await writeJson(join(root, 'manifest.json'), { formatVersion: 1, lessons: [LESSON_ID] });
  return { root, lessonDir };
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

export async function editJson(file: string, change: (value: Record<string, unknown>) => void): Promise<void> {
  const value = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  change(value);
  await writeJson(file, value);
}
