// Every line a lesson shows, in both languages: the real text the lab's width and segmenting code must get right.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const LESSON_FILES = ['text.en.md', 'text.zh.md', 'go.en.md', 'go.zh.md', 'lesson.json'];

export async function lessonLines(): Promise<string[]> {
  const lines: string[] = [];
  for (const lesson of await readdir('lessons', { withFileTypes: true })) {
    if (!lesson.isDirectory()) continue;
    for (const file of LESSON_FILES) lines.push(...(await readFile(join('lessons', lesson.name, file), 'utf8')).split('\n'));
  }
  return lines;
}
