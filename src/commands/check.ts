// `hotlab check [LESSON]`: checks the workspace's service.js against a lesson without a screen. Exit 0 when
// it passes (and the lesson is marked done), 1 when it does not.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CheckResult } from '../engine/lessons/check-types.ts';
import { languageOf, pick, pickText, type Language } from '../engine/lessons/language.ts';
import type { Lesson } from '../engine/lessons/lesson-types.ts';
import { findLesson, loadLessons } from '../engine/lessons/load-lessons.ts';
import { currentLesson, doneCount, loadProgress, markDone, nextLesson, setCurrent, updateProgress } from '../engine/lessons/progress.ts';
import { runCheck } from '../engine/lessons/run-check.ts';
import { copyStarter, readLearnerFiles, serviceFile } from '../engine/lessons/workspace.ts';
import { CHECK_WORDS } from './check-words.ts';

export interface CheckOptions {
  /** A lesson id, number or id prefix; the current lesson when absent. */
  lesson?: string;
  /** @default './sandbox' */
  workspace?: string;
  json: boolean;
  lang?: string;
}

export async function checkLesson(options: CheckOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const lang = languageOf(options.lang);
  const workspace = resolve(options.workspace ?? 'sandbox');
  const set = await loadLessons();
  const loaded = await loadProgress(workspace);
  if (loaded.problem) err.write(`hotlab: ${loaded.problem.message}\n`);
  const lesson = options.lesson ? findLesson(set, options.lesson) : currentLesson(loaded.progress, set.lessons);

  const file = serviceFile(workspace, lesson.entry);
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    // Nothing to check yet: give the learner the lesson's starter to begin from (copyStarter never overwrites).
    await copyStarter(lesson, workspace);
    const error = CHECK_WORDS[lang].copied(file, lesson.id);
    if (options.json) out.write(`${JSON.stringify({ lesson: lesson.id, passed: false, steps: [], error } satisfies CheckResult)}\n`);
    else err.write(`hotlab: ${error}\n`);
    return 1;
  }
  const files = await readLearnerFiles(lesson, workspace);
  const checked = lesson.starterFiles.length === 1 ? file : `${lesson.starterFiles.join(', ')} in ${workspace}`;
  if (!options.json) out.write(`${CHECK_WORDS[lang].checking(checked, lesson.id, pick(lesson.title, lang), lesson.strategy)}\n`);
  const result = await runCheck(lesson, files);

  let summary = '';
  if (result.passed) {
    // Passing the current lesson moves the learner on: without a screen there is no `n` key to press.
    const next = nextLesson(set.lessons, lesson.id);
    const saved = await updateProgress(workspace, (p) => {
      const done = markDone(p, lesson.id);
      return p.current === lesson.id || p.current === null ? setCurrent(done, next?.id ?? lesson.id) : done;
    });
    summary = passedSummary(lesson, next, workspace, doneCount(saved.progress, set.lessons), set.lessons.length, lang);
  }
  if (options.json) out.write(`${JSON.stringify(result)}\n`);
  else out.write(`${formatResult(result, lesson, lang)}${summary}`);
  return result.passed ? 0 : 1;
}

export function formatResult(result: CheckResult, lesson: Lesson, lang: Language): string {
  const lines: string[] = [];
  for (const step of result.steps) {
    lines.push(`  ${step.ok ? '✓' : '✗'} ${pick(step.title, lang)}`);
    if (step.detail) lines.push(`      ${pickText(step.detail, lang)}`);
  }
  if (result.error) lines.push(`  ✗ ${result.error}`);
  if (!result.passed) {
    const passing = result.steps.filter((s) => s.ok).length;
    const words = CHECK_WORDS[lang];
    lines.push('', words.notYet(passing, result.steps.length), `${words.goal}${pick(lesson.goal, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

function passedSummary(lesson: Lesson, next: Lesson | undefined, workspace: string, done: number, total: number, lang: Language): string {
  const words = CHECK_WORDS[lang];
  const then = next
    ? `${words.next(next.id, pick(next.title, lang))} ${words.keptAsIs}\n  ${copyCommand(next, workspace)}`
    : words.last;
  return `\n${words.passed(lesson.id, done, total)} ${then}\n`;
}

/** The shell command that copies a lesson's starter over the workspace: `cp …/starter/service.js sandbox/service.js`. */
function copyCommand(lesson: Lesson, workspace: string): string {
  if (lesson.starterFiles.length === 1) return `cp ${lesson.dir}/starter/${lesson.entry} ${workspace}/${lesson.entry}`;
  return `cp -R ${lesson.dir}/starter/. ${workspace}/`;
}
