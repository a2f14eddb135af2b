// Checks are judged by learners who write differently from the reference (issue 8). For every lesson, answers
// that are right in another way than the solution must pass, and plausible wrong attempts must fail — at the
// step that names their mistake, not at some other. The variants of a one-file lesson are plain service.js files
// under variants/<lesson>/, each opening with `// expect: pass` or `// expect: fail: <the failing step's title,
// or its beginning>`. A lesson of several modules has a folder per variant instead: the learner's files that
// differ from the starter (and any module the learner added), and `expect.txt` holding `pass` or `fail: <step
// title>`. Every lesson in the manifest
// needs at least 2 of the first kind and 3 of the second.
// Two test files share the lessons between them (vitest runs files in parallel; each check boots a service).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/lessons/check-types.ts';
import { pick, pickText } from '../../src/engine/lessons/language.ts';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { CheckRunner } from '../../src/engine/lessons/run-check.ts';

const VARIANTS = join(import.meta.dirname, 'variants');

interface Variant {
  file: string;
  /** The entry's text (a one-file variant), or the files that differ from the starter (a folder variant). */
  learner: string | Record<string, string>;
  expect: { pass: true } | { pass: false; step: string };
}

function variantsOf(lessonId: string): Variant[] {
  let names: string[];
  try {
    names = readdirSync(join(VARIANTS, lessonId)).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(VARIANTS, lessonId, name);
    if (statSync(path).isDirectory()) return [folderVariant(lessonId, name, path)];
    if (!name.endsWith('.js')) return [];
    const source = readFileSync(path, 'utf8');
    const header = /^\/\/ expect: (pass|fail: (.+))$/m.exec(source.split('\n')[0] ?? '');
    if (!header) throw new Error(`${lessonId}/${name} must open with "// expect: pass" or "// expect: fail: <step title>"`);
    return [{ file: name, learner: source, expect: header[1] === 'pass' ? { pass: true } : { pass: false, step: header[2]! } }];
  });
}

/** variants/<lesson>/<name>/: the learner's changed files, and expect.txt. */
function folderVariant(lessonId: string, name: string, dir: string): Variant {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
  if (!files.includes('expect.txt')) throw new Error(`${lessonId}/${name}/ must hold expect.txt ("pass" or "fail: <step title>")`);
  const header = /^(pass|fail: (.+))$/.exec(readFileSync(join(dir, 'expect.txt'), 'utf8').trim());
  if (!header) throw new Error(`${lessonId}/${name}/expect.txt must hold "pass" or "fail: <step title>"`);
  const learner = Object.fromEntries(files.filter((f) => f !== 'expect.txt').map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  if (Object.keys(learner).length === 0) throw new Error(`${lessonId}/${name}/ holds no file of the learner's`);
  return { file: `${name}/`, learner, expect: header[1] === 'pass' ? { pass: true } : { pass: false, step: header[2]! } };
}

function describeResult(result: CheckResult): string {
  const steps = result.steps.map((s) => `${s.ok ? '✓' : '✗'} ${pick(s.title, 'en')}${s.detail ? ` — ${pickText(s.detail, 'en')}` : ''}`);
  return [...steps, ...(result.error ? [`error: ${result.error}`] : [])].join('\n');
}

/** The variant tests of the manifest's lessons from index `from` up to (not including) `to`. */
export async function describeVariants(from: number, to = Infinity): Promise<void> {
  const lessons = (await loadLessons()).lessons.slice(from, to);
  // Warm scratch services as in the lab; the next one boots while a check runs, as the checks run back to back.
  const runner = new CheckRunner({ warmWhileChecking: true });
  afterAll(() => runner.close());
  describe.sequential(`checks judge variants fairly (lessons ${from + 1}–${Math.min(to, from + lessons.length)})`, () => defineTests(runner, lessons));
}

function defineTests(runner: CheckRunner, lessons: Lesson[]): void {
  for (const lesson of lessons) {
    const variants = variantsOf(lesson.id);
    it(`${lesson.id}: has at least 2 other right answers and 3 wrong attempts`, () => {
      expect(variants.filter((v) => v.expect.pass).length, `variants/${lesson.id}`).toBeGreaterThanOrEqual(2);
      expect(variants.filter((v) => !v.expect.pass).length, `variants/${lesson.id}`).toBeGreaterThanOrEqual(3);
    });
    for (const variant of variants) {
      it(`${lesson.id}: ${variant.file}`, { timeout: 60_000 }, async () => {
        const result = await runner.run(lesson, variant.learner);
        expect(result.error, describeResult(result)).toBeUndefined();
        if (variant.expect.pass) {
          expect(result.passed, `a right answer failed:\n${describeResult(result)}`).toBe(true);
          return;
        }
        expect(result.passed, `a wrong attempt passed:\n${describeResult(result)}`).toBe(false);
        const { step } = variant.expect;
        const failing = result.steps.filter((s) => !s.ok).map((s) => s.title.en);
        expect(failing.some((title) => title.startsWith(step)), `expected the step "${step}…" to fail:\n${describeResult(result)}`).toBe(true);
        // What was seen is said, in the step that failed.
        expect(result.steps.find((s) => !s.ok && s.title.en.startsWith(step))?.detail, describeResult(result)).toBeTruthy();
      });
    }
  }
}
