// The engine's notes and problems are English by design (serve and logs print them as they are); the lab shows
// the fixed ones in Chinese when the learner reads Chinese, so a zh line is not half English. Known texts only:
// anything else (a service's own error, a new note) stays as the engine wrote it.

import { PATCH_REFUSAL_RULES } from './patch-refusals-zh.ts';

type Rule = [pattern: RegExp, zh: (...groups: string[]) => string];

const RULES: readonly Rule[] = [
  [/^cold restart: the old process was stopped before the new build booted \(in a process started ahead\)$/, () => '冷重启：先停掉旧进程，新构建才启动（在预先启动的进程里）'],
  [
    /^graceful restart without snapshot\(\)\/migrate\(prev\): the new process starts with fresh state$/,
    () => '平滑重启，但没有 snapshot()/migrate(prev)：新进程以全新的状态启动',
  ],
  [/^the old process died during the hand-over: the new one started with fresh state$/, () => '旧进程在交接途中退出：新进程以全新的状态启动'],
  [/^rolled back to (v\d+)'s code$/, (v) => `已回滚到 ${v} 的代码`],
  [/^rollback to (v\d+)'s code refused$/, (v) => `回滚到 ${v} 的代码被拒绝`],
  [/^no function changed: nothing to patch$/, () => '没有函数改变：无需修补'],
  [/^hot\.data was handed over, but this version never reads it back: its state starts fresh$/, () => 'hot.data 已交接，但这个版本从不读取它：状态从头开始'],
  [
    /^the old version exported snapshot\(\) but the new one has no migrate\(prev\): its state was not taken over$/,
    () => '旧版本导出了 snapshot()，但新版本没有 migrate(prev)：状态没有被接管',
  ],
  [/^migrate\(prev\) was not called: the old version exports no snapshot\(\)$/, () => '没有调用 migrate(prev)：旧版本没有导出 snapshot()'],
  [
    /^(\d+) earlier saves? (?:was|were) superseded by newer ones before switching in \(the latest save wins; while saves keep coming, one applies at least every 2 s\)$/,
    (n) => `${n} 次较早的保存在切换前被更新的保存取代（以最新一次保存为准；持续保存时，至少每 2 秒应用一次）`,
  ],
  [/^(.+) was deleted; (v[\d?]+) keeps serving\. Restore the file to continue\.$/, (file, v) => `${file} 已被删除；${v} 继续服务。恢复该文件即可继续。`],
  [/^(.+) saved with the same content as (v[\d?]+): not a new version$/, (file, v) => `${file} 保存的内容与 ${v} 相同：不是新版本`],
  [/^(.+) was deleted: (v[\d?]+) keeps serving$/, (file, v) => `${file} 已被删除：${v} 继续服务`],
  [/^(.+); (v[\d?]+) keeps serving\. Put the service file back to continue\.$/, (what, v) => `${what}；${v} 继续服务。把服务文件放回去即可继续。`],
  // Any other `… v4 keeps serving`: at least the end of the sentence reads Chinese.
  [/^(.+?)([:;—-]) (v[\d?]+) keeps serving$/, (what, mark, v) => `${what}${mark} ${v} 继续服务`],
  ...PATCH_REFUSAL_RULES,
  // reflection-patch's notes: what it replaced, and the places that still hold a replaced function.
  [/^((?:(?:replaced|added) [^,()]+\(\)(?:, |$))+)$/, (list) => list.replace(/replaced /g, '替换了 ').replace(/added /g, '新增了 ').replace(/, /g, '，')],
  [
    /^stale reference: (.+) still holds the old (\S+)(?: from (\S+))? \(captured before the patch\)$/,
    (place, name, from) => `过时引用：${place} 仍持有${from ? ` ${from} 的` : ''}旧 ${name}（在修补之前取得）`,
  ],
];

/** The zh rendering of a known engine note or problem; `text` itself otherwise. A module prefix (`greet.js: `, `service.js — `) is kept. */
export function engineNoteZh(text: string): string {
  return translatePlaced(text) ?? translateAfterLabel(text) ?? text;
}

/** `greet.js: note`, `service.js:3:1: refusal`, or `service.js — refusal` (no one place to point at). */
function translatePlaced(text: string): string | null {
  const prefixed = /^([\w./-]+\.[jt]s(?::\d+:\d+)?)(: | — )(.+)$/s.exec(text);
  if (prefixed) {
    const inner = translate(prefixed[3]!);
    if (inner !== null) return `${prefixed[1]}${prefixed[2]}${inner}`;
  }
  return translate(text);
}

/**
 * A lesson's check quotes an engine sentence after its own zh label (`被拒绝：service.js:3:1 — …`): the label is
 * Chinese already, the sentence after its first full-width colon is translated like any other.
 */
function translateAfterLabel(text: string): string | null {
  const colon = text.indexOf('：');
  if (colon < 0) return null;
  const inner = translatePlaced(text.slice(colon + 1));
  return inner === null ? null : `${text.slice(0, colon + 1)}${inner}`;
}

function translate(text: string): string | null {
  for (const [pattern, zh] of RULES) {
    const match = pattern.exec(text);
    if (match) return zh(...match.slice(1));
  }
  return null;
}
