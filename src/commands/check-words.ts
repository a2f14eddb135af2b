// What `hotlab check` says around the checklist, in the learner's language (--lang). The steps' titles come from
// the lesson (check.js), in both languages already.
import type { Language } from '../engine/lessons/language.ts';

export interface CheckWords {
  checking: (file: string, lesson: string, title: string, strategy: string) => string;
  notYet: (passing: number, total: number) => string;
  goal: string;
  next: (id: string, title: string) => string;
  keptAsIs: string;
  last: string;
  passed: (id: string, done: number, total: number) => string;
  copied: (file: string, lesson: string) => string;
}

export const CHECK_WORDS: Record<Language, CheckWords> = {
  en: {
    checking: (file, lesson, title, strategy) => `Checking ${file} against lesson ${lesson} — ${title} (${strategy})`,
    notYet: (passing, total) => `Not yet: ${passing} of ${total} steps pass.`,
    goal: 'Goal: ',
    next: (id, title) => `Next: ${id} — ${title}.`,
    keptAsIs: 'Your files are left as they are; to start from the next starter:',
    last: 'That was the last lesson.',
    passed: (id, done, total) => `✓ Lesson ${id} passed (${done} of ${total} done).`,
    copied: (file, lesson) => `${file} did not exist: the starter of lesson ${lesson} was copied there. Edit it, save, and run npx hotlab check again.`,
  },
  zh: {
    checking: (file, lesson, title, strategy) => `正在按第 ${lesson} 课检查 ${file} — ${title}（${strategy}）`,
    notYet: (passing, total) => `还没通过：${total} 步中有 ${passing} 步通过。`,
    goal: '目标：',
    next: (id, title) => `下一课：${id} — ${title}。`,
    keptAsIs: '你的文件保持不变；要从下一课的初始代码开始：',
    last: '这是最后一课。',
    passed: (id, done, total) => `✓ 第 ${id} 课通过（已完成 ${done}/${total}）。`,
    copied: (file, lesson) => `${file} 不存在：已把第 ${lesson} 课的初始代码复制过去。修改、保存，然后再运行 npx hotlab check。`,
  },
};
