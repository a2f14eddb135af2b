// What `hotlab check` says around the checklist, in the learner's language (--lang). The steps' titles come from
// the lesson (check.js), in both languages already. `command`: what to run again, with --workspace when needed.
import type { Language } from '../engine/lessons/language.ts';

export interface CheckWords {
  checking: (file: string, lesson: string, title: string, strategy: string) => string;
  notYet: (passing: number, total: number) => string;
  /** Between two sentences: a space in English, none after Chinese 。 */
  gap: string;
  goal: string;
  next: (id: string, title: string) => string;
  /** Followed by the copy command and the check of the next lesson. */
  keptAsIs: string;
  /** The other way on: the lab's key for the next lesson. */
  orLab: (command: string, key: string) => string;
  last: string;
  passed: (id: string, done: number, total: number) => string;
  /** A lesson named on the command line that was not the current one now is. */
  nowCurrent: (id: string, title: string) => string;
  copied: (file: string, lesson: string, command: string) => string;
  /** The files are the lesson's starter, unchanged: nothing is judged. */
  untouched: (files: string, count: number, command: string) => string;
}

/** "06-migrating-state" → "6": Chinese counts lessons as 第 6 课, and 第 06-migrating-state 课 does not read. */
const numberOf = (id: string): string => String(Number.parseInt(id, 10) || id);

export const CHECK_WORDS: Record<Language, CheckWords> = {
  en: {
    checking: (file, lesson, title, strategy) => `Checking ${file} against lesson ${lesson} — ${title} (${strategy})`,
    notYet: (passing, total) => `Not yet: ${passing} of ${total} steps pass.`,
    gap: ' ',
    goal: 'Goal: ',
    next: (id, title) => `Next: ${id} — ${title}.`,
    keptAsIs: 'Your files are left as they are. To go on, copy its starter and check that lesson:',
    orLab: (command, key) => `or open the lab (${command}) and press ${key}.`,
    last: 'That was the last lesson.',
    passed: (id, done, total) => `✓ Lesson ${id} passed (${done} of ${total} done).`,
    nowCurrent: (id, title) => `Lesson ${id} — ${title} is now your current lesson (hotlab check without a lesson, and the lab, open it).`,
    copied: (file, lesson, command) => `${file} did not exist: the starter of lesson ${lesson} was copied there. Edit it, save, and run ${command} again.`,
    untouched: (files, count, command) =>
      `${files} ${count === 1 ? 'is' : 'are'} still the lesson's starter: nothing to judge yet. Change ${count === 1 ? 'it' : 'them'}, save, and run ${command} again.`,
  },
  zh: {
    checking: (file, lesson, title, strategy) => `正在按第 ${numberOf(lesson)} 课检查 ${file} — ${title}（${strategy}）`,
    notYet: (passing, total) => `还没通过：${total} 步中有 ${passing} 步通过。`,
    gap: '',
    goal: '目标：',
    next: (id, title) => `下一课：${id} — ${title}。`,
    keptAsIs: '你的文件保持不变。要继续，复制下一课的初始代码并检查那一课：',
    orLab: (command, key) => `或者打开实验室（${command}）并按 ${key}。`,
    last: '这是最后一课。',
    passed: (id, done, total) => `✓ 第 ${numberOf(id)} 课通过（已完成 ${done}/${total}）。`,
    nowCurrent: (id, title) => `第 ${numberOf(id)} 课（${title}）现在是你的当前课（不带课号的 hotlab check 和实验室都会打开它）。`,
    copied: (file, lesson, command) => `${file} 不存在：已把第 ${numberOf(lesson)} 课的初始代码复制过去。修改、保存，然后再运行 ${command}。`,
    untouched: (files, _count, command) => `${files} 还是本课的初始代码：还没有可检查的改动。修改、保存，然后再运行 ${command}。`,
  },
};
