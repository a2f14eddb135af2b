// `hotlab lessons`: the lessons in order, which are done, which one is current, and how far along the learner is.
import { languageOf, pick } from '../engine/lessons/language.ts';
import { loadLessons } from '../engine/lessons/load-lessons.ts';
import { currentLesson, doneCount, lessonProgress, loadProgress } from '../engine/lessons/progress.ts';
import { commandFor, resolveWorkspace } from '../engine/lessons/workspace-dir.ts';

export interface LessonsOptions {
  /** @default the current folder when it holds .hotlab/, else ./sandbox (workspace-dir.ts) */
  workspace?: string;
  /** `--lang`; the locale's language when absent. */
  lang?: string;
}

/** The words around the list, in the learner's language (the titles come from the lessons, in both already). */
const WORDS = {
  en: {
    heading: (done: number, total: number, workspace: string) => `hotlab lessons — ${done} of ${total} done — workspace ${workspace}`,
    current: '   ← current',
    check: (command: string, named: string) => `Check the current lesson: ${command}   (or name one: ${named})`,
  },
  zh: {
    heading: (done: number, total: number, workspace: string) => `hotlab 课程 — 已完成 ${done}/${total} — 工作区 ${workspace}`,
    current: '   ← 当前',
    check: (command: string, named: string) => `检查当前这一课：${command}   （或指定一课：${named}）`,
  },
};

export async function listLessons(options: LessonsOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const lang = languageOf(options.lang);
  const resolved = resolveWorkspace(options.workspace);
  const workspace = resolved.dir;
  const { lessons } = await loadLessons();
  const { progress, problem } = await loadProgress(workspace);
  if (problem) err.write(`hotlab: ${problem.message}\n`);
  const current = currentLesson(progress, lessons);
  const width = Math.max(...lessons.map((l) => displayWidth(pick(l.title, lang))));
  const words = WORDS[lang];
  const lines = [words.heading(doneCount(progress, lessons), lessons.length, workspace), ''];
  for (const lesson of lessons) {
    const done = lessonProgress(progress, lesson.id).done;
    const here = lesson.id === current.id;
    const title = pick(lesson.title, lang);
    const pad = ' '.repeat(width - displayWidth(title));
    lines.push(`${here ? '▸' : ' '} ${done ? '✓' : ' '} ${lesson.id.slice(0, 2)}  ${title}${pad}  ${lesson.strategy}${here ? words.current : ''}`);
  }
  lines.push('', words.check(commandFor('hotlab check', resolved), commandFor(`hotlab check ${current.id.slice(0, 2)}`, resolved)));
  out.write(`${lines.join('\n')}\n`);
  return 0;
}

/** Columns a title takes in a terminal: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}
