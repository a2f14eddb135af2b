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

/** The starter of the two-module fixture lesson: the entry counts, `greet.js` words the reply. */
export const TWO_FILE_STARTER = {
  'service.js': `import { greet } from './greet.js';
let hits = 0;
export function handle(req) {
  hits++;
  return greet(hits);
}
`,
  'greet.js': `let greeted = 0;
export function greet(n) {
  greeted++;
  return \`pong \${n}\`;
}
`,
};

/** Its solution: only `greet.js` changes (the learner's edit is in a module that is not the entry). */
export const TWO_FILE_SOLUTION = {
  'service.js': TWO_FILE_STARTER['service.js'],
  'greet.js': TWO_FILE_STARTER['greet.js'].replace('pong', 'hello'),
};

/**
 * A temp lessons root with lesson 01 turned into a program of two modules (`service.js` imports `greet.js`):
 * its texts are lesson 01's, its starter and solution the two above, its check.js the one given.
 */
export async function twoFileLessonRoot(check = TWO_FILE_CHECK): Promise<{ root: string; lessonDir: string }> {
  const made = await copyLessonRoot();
  for (const [folder, files] of [['starter', TWO_FILE_STARTER], ['solution', TWO_FILE_SOLUTION]] as const) {
    for (const [file, text] of Object.entries(files)) await writeFile(join(made.lessonDir, folder, file), text);
  }
  await writeFile(join(made.lessonDir, 'check.js'), check);
  return made;
}

/** Passes when /ping answers hello and the update re-ran greet.js (then the entry, its importer). */
export const TWO_FILE_CHECK = `export async function check(lab) {
  const res = await lab.request('/ping');
  lab.expect(lab.text(res).startsWith('hello'), { en: '/ping says hello', zh: '/ping 说 hello' }, lab.text(res));
  const ran = (lab.update.modules ?? []).map((m) => m.module + ' ' + m.action);
  lab.expect(ran.includes('greet.js re-ran') && ran.includes('service.js re-ran'), { en: 'greet.js and its importer re-ran', zh: 'greet.js 及其导入者重新运行' }, ran.join(', '));
}
`;
