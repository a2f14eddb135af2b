// `hotlab check [LESSON]`: checks the workspace's service.js against a lesson without a screen. Exit 0 when
// it passes (and the lesson is marked done), 1 when it does not.
import { stat } from 'node:fs/promises';
import type { CheckResult } from '../engine/lessons/check-types.ts';
import { languageOf, pick, type Language } from '../engine/lessons/language.ts';
import type { Lesson } from '../engine/lessons/lesson-types.ts';
import { findLesson, loadLessons } from '../engine/lessons/load-lessons.ts';
import { currentLesson, doneCount, loadProgress, markDone, nextLesson, saveProgress, setCurrent, updateProgress } from '../engine/lessons/progress.ts';
import { runCheck } from '../engine/lessons/run-check.ts';
import { copyStarter, isStarter, readLearnerFiles, serviceFile } from '../engine/lessons/workspace.ts';
import { commandFor, resolveWorkspace, type ResolvedWorkspace } from '../engine/lessons/workspace-dir.ts';
import { keyOf } from '../ui/keys/key-table.ts';
import { checkDetail } from '../ui/lesson/check-detail.ts';
import { MESSAGES } from '../ui/shared/messages.ts';
import { CHECK_WORDS } from './check-words.ts';

export interface CheckOptions {
  /** A lesson id, number or id prefix; the current lesson when absent. */
  lesson?: string;
  /** @default the current folder when it holds .hotlab/, else ./sandbox (workspace-dir.ts) */
  workspace?: string;
  json: boolean;
  lang?: string;
}

export async function checkLesson(options: CheckOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const lang = languageOf(options.lang);
  const words = CHECK_WORDS[lang];
  const resolved = resolveWorkspace(options.workspace);
  const workspace = resolved.dir;
  const set = await loadLessons();
  const loaded = await loadProgress(workspace);
  if (loaded.problem) err.write(`hotlab: ${loaded.problem.message}\n`);
  const current = currentLesson(loaded.progress, set.lessons);
  const lesson = options.lesson ? findLesson(set, options.lesson) : current;
  // The lesson checked is the current one from now on, for `hotlab check` without a lesson, `hotlab lessons` and
  // the lab alike. Naming a lesson is how a learner without a screen moves on (the lab's n key); a pass does not
  // move them, since their file is still the passed lesson's (it used to, and the next check judged that file
  // against the next lesson). Written even when current was null, which means "the first lesson not done": that
  // lesson changes when this one passes.
  if (loaded.progress.current !== lesson.id) await saveProgress(workspace, setCurrent(loaded.progress, lesson.id));
  if (lesson.id !== current.id && !options.json) out.write(`${words.nowCurrent(lesson.id, pick(lesson.title, lang))}\n`);
  const again = commandFor('npx hotlab check', resolved);

  const file = serviceFile(workspace, lesson.entry);
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    // Nothing to check yet: give the learner the lesson's starter to begin from (copyStarter never overwrites).
    await copyStarter(lesson, workspace);
    const error = words.copied(file, lesson.id, again);
    if (options.json) out.write(`${JSON.stringify({ lesson: lesson.id, passed: false, steps: [], error } satisfies CheckResult)}\n`);
    else err.write(`hotlab: ${error}\n`);
    return 1;
  }
  const files = await readLearnerFiles(lesson, workspace);
  const checked = lesson.starterFiles.length === 1 ? file : `${lesson.starterFiles.join(', ')} in ${workspace}`;
  if (!options.json) out.write(`${words.checking(checked, lesson.id, pick(lesson.title, lang), lesson.strategy)}\n`);
  if (isStarter(lesson, files)) {
    // As in the lab: the untouched starter is not judged. Its check would "apply" the starter over itself and
    // pass steps such as "your new version was applied", for a file the learner has not touched.
    const error = words.untouched(lesson.starterFiles.join(', '), lesson.starterFiles.length, again);
    if (options.json) out.write(`${JSON.stringify({ lesson: lesson.id, passed: false, steps: [], error } satisfies CheckResult)}\n`);
    else out.write(`  ${error}\n\n${words.goal}${pick(lesson.goal, lang)}\n`);
    return 1;
  }
  const result = await runCheck(lesson, files);

  let summary = '';
  if (result.passed) {
    const saved = await updateProgress(workspace, (p) => markDone(p, lesson.id));
    summary = passedSummary(lesson, nextLesson(set.lessons, lesson.id), resolved, doneCount(saved.progress, set.lessons), set.lessons.length, lang);
  }
  if (options.json) out.write(`${JSON.stringify(result)}\n`);
  else out.write(`${formatResult(result, lesson, lang)}${summary}`);
  return result.passed ? 0 : 1;
}

export function formatResult(result: CheckResult, lesson: Lesson, lang: Language): string {
  const lines: string[] = [];
  for (const step of result.steps) {
    lines.push(`  ${step.ok ? '✓' : '✗'} ${pick(step.title, lang)}`);
    if (step.detail) lines.push(`      ${checkDetail(step.detail, lang, MESSAGES[lang].engineNote)}`);
  }
  if (result.error) lines.push(`  ✗ ${result.error}`);
  if (!result.passed) {
    const passing = result.steps.filter((s) => s.ok).length;
    const words = CHECK_WORDS[lang];
    lines.push('', words.notYet(passing, result.steps.length), `${words.goal}${pick(lesson.goal, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The pass, and how to go on: the learner moves to the next lesson themselves (copy its starter, name it). */
function passedSummary(lesson: Lesson, next: Lesson | undefined, workspace: ResolvedWorkspace, done: number, total: number, lang: Language): string {
  const words = CHECK_WORDS[lang];
  const then = next
    ? [
        `${words.next(next.id, pick(next.title, lang))}${words.gap}${words.keptAsIs}`,
        `  ${copyCommand(next, workspace.dir)}`,
        `  ${commandFor(`npx hotlab check ${next.id.slice(0, 2)}`, workspace)}`,
        words.orLab(commandFor('npx hotlab', workspace), keyOf('nextLesson')),
      ].join('\n')
    : words.last;
  return `\n${words.passed(lesson.id, done, total)}${words.gap}${then}\n`;
}

/** The shell command that copies a lesson's starter over the workspace: `cp …/starter/service.js sandbox/service.js`. */
function copyCommand(lesson: Lesson, workspace: string): string {
  if (lesson.starterFiles.length === 1) return `cp ${lesson.dir}/starter/${lesson.entry} ${workspace}/${lesson.entry}`;
  return `cp -R ${lesson.dir}/starter/. ${workspace}/`;
}
