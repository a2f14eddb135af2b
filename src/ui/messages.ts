// Every sentence the screen prints, in English and Simplified Chinese. Strategy names, stage names and
// REPL commands stay in English in both: they are the words of the CLI flags, the records and the lessons.
import type { KeyAction } from './key-table.ts';

export type Lang = 'en' | 'zh';

export interface Messages {
  lessonPlaceholder: (file: string) => string;
  lessonTry: string;
  feedTitle: string;
  serving: (version: string) => string;
  noVersion: string;
  perSecond: string;
  waitingForTraffic: string;
  rejected: string;
  keepsServing: (version: string) => string;
  nothingServing: string;
  lastUpdate: string;
  noUpdates: (file: string) => string;
  stateKept: string;
  stateLost: string;
  failedRequests: string;
  downtime: string;
  statsHeaders: { version: string; strategy: string; outcome: string; total: string; downtime: string; failed: string; kept: string };
  applied: string;
  rejectedShort: string;
  sandbox: string;
  heap: string;
  retained: string;
  served: string;
  failed: string;
  stopping: string;
  problem: string;
  /** Short label for the hint line. */
  hint: Partial<Record<KeyAction, string>>;
  /** Full sentence for the help overlay; every action in the key table has one. */
  describe: Record<KeyAction, string>;
  helpTitle: string;
  helpKeys: string;
  helpRepl: string;
  helpCommands: string;
  helpClose: string;
  helpSwitchNote: string;
  helpCommandsNote: string;
  compareTitle: string;
  compareProgress: (done: number, all: number) => string;
  compareDone: string;
  compareFailed: string;
  compareHeaders: { strategy: string; outcome: string; total: string; downtime: string; failed: string; kept: string; retained: string };
  comparePending: string;
  replIdle: (key: string) => string;
  replCommands: Record<'strategy' | 'reload' | 'rollback' | 'stats' | 'set' | 'help' | 'clear', string>;
  unknownCommand: (name: string, valid: string) => string;
  unknownStrategy: (name: string, valid: string) => string;
  usage: (usage: string) => string;
  noChange: string;
  noStats: string;
  switching: (strategy: string) => string;
  commandFailed: (message: string) => string;
  moreLines: (count: number) => string;
}

const en: Messages = {
  lessonPlaceholder: (file) => `Lessons arrive soon — edit ${file} and watch the service update`,
  lessonTry: 'Try it: change what handle() returns, save, and watch v1 → v2 in the feed. ? lists the keys.',
  feedTitle: 'Live service',
  serving: (version) => `serving ${version}`,
  noVersion: 'no version serving',
  perSecond: 'req/s',
  waitingForTraffic: 'waiting for the first request…',
  rejected: 'rejected',
  keepsServing: (version) => `${version} keeps serving`,
  nothingServing: 'nothing serving until a good build',
  lastUpdate: 'Last update',
  noUpdates: (file) => `No updates yet — save ${file} to make one`,
  stateKept: 'state kept',
  stateLost: 'state lost',
  failedRequests: 'failed',
  downtime: 'down',
  statsHeaders: { version: 'v', strategy: 'strat', outcome: 'ok', total: 'total', downtime: 'down', failed: 'fail', kept: 'kept' },
  applied: 'applied',
  rejectedShort: 'rejected',
  sandbox: 'sandbox',
  heap: 'heap',
  retained: 'retained',
  served: 'served',
  failed: 'failed',
  stopping: 'stopping…',
  problem: 'problem',
  hint: {
    strategy1: 'strategy',
    toggleRestart: 'cold/graceful',
    reload: 'reload',
    rollback: 'rollback',
    compare: 'compare',
    focusRepl: 'repl',
    help: 'help',
    quit: 'quit',
    closeOverlay: 'close',
    submit: 'run',
    leaveRepl: 'leave',
    historyPrev: 'history',
  },
  describe: {
    strategy1: 'use file-watch',
    strategy2: 'use plugin-swap',
    strategy3: 'use reflection-patch',
    strategy4: 'use binary-replace',
    toggleRestart: 'toggle cold / graceful',
    reload: 're-apply with this strategy',
    rollback: 'previous good version',
    compare: 'replay the edit under all 4',
    focusRepl: 'focus the REPL',
    help: 'show / hide this help',
    quit: 'stop the service and quit',
    interrupt: 'quit, from anywhere',
    closeOverlay: 'close help / compare',
    submit: 'run the line',
    leaveRepl: 'back to the lab keys',
    historyPrev: 'previous in history',
    historyNext: 'next in history',
    cursorLeft: 'cursor left',
    cursorRight: 'cursor right',
    lineStart: 'start of line',
    lineEnd: 'end of line',
    deleteBack: 'delete before cursor',
    deleteForward: 'delete under cursor',
    clearLine: 'clear the line',
  },
  helpTitle: 'hotlab — keys',
  helpKeys: 'Lab',
  helpRepl: 'REPL',
  helpCommands: 'Commands',
  helpClose: 'Esc or ? closes',
  helpSwitchNote: 'switching re-applies the file',
  helpCommandsNote: ':help in the REPL explains them',
  compareTitle: 'Compare — your last edit under every strategy',
  compareProgress: (done, all) => `running… ${done}/${all}`,
  compareDone: 'done',
  compareFailed: 'compare failed',
  compareHeaders: { strategy: 'strategy', outcome: 'outcome', total: 'latency', downtime: 'downtime', failed: 'failed', kept: 'state', retained: 'retained' },
  comparePending: 'waiting…',
  replIdle: (key) => `press ${key} to evaluate in the live sandbox (hits, handle({path: '/ping'}))`,
  replCommands: {
    strategy: 'switch strategy (name or 1–4; binary-replace takes cold|graceful)',
    reload: 're-apply the file with the active strategy',
    rollback: 'go back to the previous good version',
    stats: 'p50 / p95 of update totals per strategy',
    set: 'set a live top-level binding, e.g. :set hits 5',
    help: 'list these commands',
    clear: 'clear the REPL output',
  },
  unknownCommand: (name, valid) => `unknown command :${name} — try ${valid}`,
  unknownStrategy: (name, valid) => `unknown strategy "${name}" — valid: ${valid}`,
  usage: (usage) => `usage: ${usage}`,
  noChange: 'no change: the running version already has this content',
  noStats: 'no updates yet',
  switching: (strategy) => `switching to ${strategy}…`,
  commandFailed: (message) => `engine error: ${message}`,
  moreLines: (count) => `… ${count} more lines`,
};

const zh: Messages = {
  lessonPlaceholder: (file) => `课程即将推出 — 编辑 ${file}，观察服务如何热更新`,
  lessonTry: '试一试：修改 handle() 的返回值并保存，看实时服务从 v1 切换到 v2。按 ? 查看快捷键。',
  feedTitle: '实时服务',
  serving: (version) => `${version} 服务中`,
  noVersion: '没有可用版本',
  perSecond: '请求/秒',
  waitingForTraffic: '等待第一个请求…',
  rejected: '已拒绝',
  keepsServing: (version) => `${version} 继续服务`,
  nothingServing: '在成功构建之前没有版本服务',
  lastUpdate: '上次更新',
  noUpdates: (file) => `还没有更新 — 保存 ${file} 即可触发`,
  stateKept: '状态保留',
  stateLost: '状态丢失',
  failedRequests: '失败',
  downtime: '停机',
  statsHeaders: { version: 'v', strategy: '策略', outcome: 'ok', total: '总计', downtime: '停机', failed: '失败', kept: '状态' },
  applied: '已应用',
  rejectedShort: '已拒绝',
  sandbox: '沙箱',
  heap: '堆',
  retained: '保留',
  served: '已服务',
  failed: '失败',
  stopping: '正在停止…',
  problem: '问题',
  hint: {
    strategy1: '策略',
    toggleRestart: '冷/平滑',
    reload: '重载',
    rollback: '回滚',
    compare: '对比',
    focusRepl: 'REPL',
    help: '帮助',
    quit: '退出',
    closeOverlay: '关闭',
    submit: '执行',
    leaveRepl: '离开',
    historyPrev: '历史',
  },
  describe: {
    strategy1: '使用 file-watch',
    strategy2: '使用 plugin-swap',
    strategy3: '使用 reflection-patch',
    strategy4: '使用 binary-replace',
    toggleRestart: '切换冷启动 / 平滑',
    reload: '用当前策略重新应用',
    rollback: '回到上一个正常版本',
    compare: '用四种策略重放修改',
    focusRepl: '进入 REPL',
    help: '显示 / 隐藏帮助',
    quit: '停止服务并退出',
    interrupt: '随时退出',
    closeOverlay: '关闭帮助 / 对比',
    submit: '执行这一行',
    leaveRepl: '回到实验室快捷键',
    historyPrev: '上一条历史',
    historyNext: '下一条历史',
    cursorLeft: '光标左移',
    cursorRight: '光标右移',
    lineStart: '行首',
    lineEnd: '行尾',
    deleteBack: '删除光标前字符',
    deleteForward: '删除光标处字符',
    clearLine: '清空这一行',
  },
  helpTitle: 'hotlab — 快捷键',
  helpKeys: '实验室',
  helpRepl: 'REPL',
  helpCommands: '命令',
  helpClose: 'Esc 或 ? 关闭',
  helpSwitchNote: '切换策略会重新应用文件',
  helpCommandsNote: '在 REPL 中输入 :help 查看说明',
  compareTitle: '对比 — 用每种策略重放上次修改',
  compareProgress: (done, all) => `运行中… ${done}/${all}`,
  compareDone: '完成',
  compareFailed: '对比失败',
  compareHeaders: { strategy: '策略', outcome: '结果', total: '延迟', downtime: '停机', failed: '失败', kept: '状态', retained: '保留' },
  comparePending: '等待…',
  replIdle: (key) => `按 ${key} 在运行中的沙箱里求值（hits, handle({path: '/ping'})）`,
  replCommands: {
    strategy: '切换策略（名称或 1–4；binary-replace 可加 cold|graceful）',
    reload: '用当前策略重新应用文件',
    rollback: '回到上一个正常版本',
    stats: '每种策略更新耗时的 p50 / p95',
    set: '设置运行中的顶层变量，例如 :set hits 5',
    help: '列出这些命令',
    clear: '清空 REPL 输出',
  },
  unknownCommand: (name, valid) => `未知命令 :${name} — 可用：${valid}`,
  unknownStrategy: (name, valid) => `未知策略 "${name}" — 可用：${valid}`,
  usage: (usage) => `用法：${usage}`,
  noChange: '没有变化：运行中的版本已是这个内容',
  noStats: '还没有更新',
  switching: (strategy) => `正在切换到 ${strategy}…`,
  commandFailed: (message) => `引擎错误：${message}`,
  moreLines: (count) => `… 还有 ${count} 行`,
};

export const MESSAGES: Record<Lang, Messages> = { en, zh };
