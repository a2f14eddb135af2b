// Every sentence the screen prints, in English and Simplified Chinese. Strategy names, stage names and
// REPL commands stay in English in both: they are the words of the CLI flags, the records and the lessons.
import type { SandboxState } from '../../engine/types.ts';
import type { KeyAction } from '../keys/key-table.ts';

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
  /** No version has run yet in this program: the file cannot start. */
  nothingYet: string;
  /** A save brought back the running version's code after a rejection. */
  revertedTo: (version: string) => string;
  /** More of a message than fits: the key that opens the reading view. */
  readAll: (key: string) => string;
  nothingToRollBack: string;
  lastUpdate: string;
  noUpdates: (file: string) => string;
  noUpdatesShort: string;
  readingTitle: string;
  newestRequest: string;
  readingKeys: (goKey: string, closeKeys: string) => string;
  stateKept: string;
  stateLost: string;
  failedRequests: string;
  downtime: string;
  statsHeaders: { version: string; strategy: string; outcome: string; total: string; downtime: string; failed: string; kept: string };
  applied: string;
  rejectedShort: string;
  sandbox: string;
  /** What the sandbox is doing, in words (the engine's states are identifiers). */
  sandboxStates: Record<SandboxState, string>;
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
  helpEditorNote: string;
  compareTitle: string;
  /** At what rate compare replays, against the lab's: failed requests scale with it. null before a row came. */
  compareRate: (rate: number | null, liveRate: number) => string;
  compareProgress: (done: number, all: number) => string;
  compareDone: string;
  compareFailed: string;
  compareHeaders: { strategy: string; outcome: string; total: string; downtime: string; failed: string; kept: string; retained: string };
  comparePending: string;
  /** The unfocused prompt: how to get in, what runs, examples that work there. */
  replIdle: (key: string, version: string, examples: readonly string[], commands: boolean) => string;
  replIdleNothing: (key: string) => string;
  /** Shown after the cursor on an empty focused prompt. */
  replFocused: (examples: readonly string[]) => string;
  replNothingRuns: string;

  replCommands: Record<'strategy' | 'reload' | 'rollback' | 'stats' | 'set' | 'help' | 'clear', string>;
  unknownCommand: (name: string, valid: string) => string;
  unknownStrategy: (name: string, valid: string) => string;
  usage: (usage: string) => string;
  noChange: string;
  noStats: string;
  switching: (strategy: string) => string;
  commandFailed: (message: string) => string;
  moreLines: (count: number) => string;
  lesson: LessonMessages;
}

/** The lesson pane, the lesson list, the solution diff and their questions. */
export interface LessonMessages {
  heading: (number: number, total: number) => string;
  goal: string;
  checking: string;
  notChecked: (key: string) => string;
  checkError: string;
  /** The file is the starter, unchanged: nothing is checked until a change is saved. */
  untouched: (key: string) => string;
  /** Untouched, on a lesson passed before (the file was reset to the starter since). */
  untouchedDone: (key: string) => string;
  checkTitle: string;
  /** Where the check's steps (and their versions) come from. */
  checkRunNote: string;
  /** A check step's detail, labelled as what the check's own run saw. */
  inCheckRun: (detail: string) => string;
  /** The live step's detail: the live service refused the file. */
  liveRefused: (detail: string) => string;
  hintsTitle: (shown: number, total: number) => string;
  textTitle: string;
  goTitle: string;
  foldHints: (key: string) => string;
  unfoldHints: (key: string, count: number) => string;
  done: (nextKey: string, diffKey: string) => string;
  doneLast: (diffKey: string) => string;
  doneMark: string;
  hint: (index: number, total: number) => string;
  hintsLeft: (key: string, left: number) => string;
  goCorner: (key: string) => string;
  textTab: (key: string) => string;
  edit: string;
  more: (key: string, shown: number, total: number) => string;
  confirmReplace: (number: number) => string;
  confirmReplaceKeys: string;
  confirmReset: string;
  confirmResetKeys: string;
  resetDone: (dir: string) => string;
  resetNothing: string;
  opened: (number: number, title: string) => string;
  keptFile: string;
  editorCommand: (command: string) => string;
  noEditor: (file: string) => string;
  listTitle: string;
  listFilter: string;
  listEmpty: string;
  listCurrent: string;
  diffTitle: string;
  diffSame: string;
  diffLocked: string;
  firstLesson: string;
  lastLesson: string;
  allHints: string;
  failed: (message: string) => string;
  helpLessons: string;
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
  nothingServing: 'down (503) until a good build',
  nothingYet: 'nothing runs yet (503): save a fix to start v1',
  revertedTo: (version) => `back to ${version}'s code: the rejection no longer stands (not a new version)`,
  readAll: (key) => `${key}: read all`,
  nothingToRollBack: 'no earlier version to go back to',
  lastUpdate: 'Last update',
  noUpdates: (file) => `No updates yet — save ${file} to make one`,
  noUpdatesShort: 'no update yet in this program',
  readingTitle: 'Read in full',
  newestRequest: 'Newest request',
  readingKeys: (goKey, closeKeys) => `${goKey} text / Go corner · ${closeKeys} close`,
  stateKept: 'state kept',
  stateLost: 'state lost',
  failedRequests: 'failed',
  downtime: 'down',
  statsHeaders: { version: 'v', strategy: 'strat', outcome: 'ok', total: 'total', downtime: 'down', failed: 'fail', kept: 'kept' },
  applied: 'applied',
  rejectedShort: 'rejected',
  sandbox: 'sandbox',
  sandboxStates: { starting: 'starting', waiting: 'waiting for a good save', ready: 'ready', restarting: 'restarting', down: 'down', stopped: 'stopped' },
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
    readAll: 'read',
    toggleHeaders: 'headers',
    focusRepl: 'repl',
    help: 'help',
    quit: 'quit',
    closeOverlay: 'close',
    submit: 'run',
    leaveRepl: 'leave',
    historyPrev: 'history',
    nextHint: 'hint',
    nextLesson: 'next',
    lessonList: 'lessons',
    toggleGo: 'Go',
    listJump: 'open',
    listClose: 'close',
    confirmYes: 'yes',
    confirmNo: 'no',
    confirmCancel: 'cancel',
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
    readAll: 'read everything in full',
    toggleHeaders: 'response headers in the feed',
    focusRepl: 'type in the REPL (: a command)',
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
    nextHint: 'show the next hint',
    foldHints: 'fold / unfold the hints',
    toggleGo: 'lesson text / Go corner',
    nextLesson: 'next lesson',
    previousLesson: 'previous lesson',
    lessonList: 'list of lessons',
    checkLesson: 'check service.js now',
    showDiff: 'solution diff (after a pass)',
    resetLesson: 'reset to the starter (asks)',
    openEditor: 'how to open service.js',
    scrollDown: 'scroll down',
    scrollUp: 'scroll up',
    listUp: 'list: previous',
    listDown: 'list: next',
    listJump: 'list: open the lesson',
    listClose: 'list: close',
    listErase: 'list: erase filter',
    confirmYes: 'question: yes',
    confirmNo: 'question: no',
    confirmCancel: 'question: cancel',
  },
  helpTitle: 'hotlab — keys',
  helpKeys: 'Lab',
  helpRepl: 'REPL',
  helpCommands: 'Commands',
  helpClose: 'Esc or ? closes',
  helpSwitchNote: 'switching re-applies the file',
  helpCommandsNote: ':help in the REPL explains them',
  helpEditorNote: 'e: the $EDITOR command, for another window',
  compareTitle: 'Compare — your last edit under every strategy',
  compareRate: (rate, live) =>
    rate === null
      ? `each row replays your last edit on a scratch service of its own (this lab: ${live} req/s)`
      : `replayed on scratch services at ${rate} req/s, this lab at ${live} req/s: the same downtime fails ~${Math.max(1, Math.round(rate / Math.max(1, live)))}× more requests here`,
  compareProgress: (done, all) => `running… ${done}/${all}`,
  compareDone: 'done',
  compareFailed: 'compare failed',
  compareHeaders: { strategy: 'strategy', outcome: 'outcome', total: 'latency', downtime: 'downtime', failed: 'failed', kept: 'state', retained: 'retained' },
  comparePending: 'waiting…',
  replIdle: (key, version, examples, commands) => `${key} or Tab: JavaScript in ${version}${examples.length ? `, e.g. ${examples.join(' · ')}` : ''}${commands ? ' · : commands' : ''}`,
  replIdleNothing: (key) => `nothing runs yet: save a service.js that starts · ${key} then :help for commands`,
  replFocused: (examples) => (examples.length ? ` e.g. ${examples.join(' · ')} · :help` : ' :help lists the commands'),
  replNothingRuns: ' nothing runs yet: only :commands work (:help)',

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
  lesson: {
    heading: (number, total) => `Lesson ${number}/${total}`,
    goal: 'Goal: ',
    checking: 'checking…',
    notChecked: (key) => `not checked yet — save service.js, or press ${key}`,
    checkError: 'the check could not run',
    untouched: (key) => `not checked yet: service.js is the starter — change it and save (or press ${key} to check it as it is)`,
    untouchedDone: (key) => `passed before; service.js is the starter again — change it and save to check it (or press ${key})`,
    checkTitle: 'Check',
    checkRunNote: "The check runs on a scratch copy of the service: it starts the lesson's starter, then saves your file over it. Versions in its details are that run's, not the live feed's.",
    inCheckRun: (detail) => `in the check's run: ${detail}`,
    liveRefused: (detail) => `it refused it: ${detail}`,
    hintsTitle: (shown, total) => `Hints (${shown}/${total})`,
    textTitle: 'Lesson text',
    goTitle: 'Go corner',
    foldHints: (key) => `${key}: fold hints`,
    unfoldHints: (key, count) => `${key}: show ${count} hint${count === 1 ? '' : 's'}`,
    done: (nextKey, diffKey) => `✓ Lesson complete — press ${nextKey} for the next one · ${diffKey} shows the solution diff`,
    doneLast: (diffKey) => `✓ Lesson complete — that was the last one · ${diffKey} shows the solution diff`,
    doneMark: '✓ done',
    hint: (index, total) => `Hint ${index}/${total}`,
    hintsLeft: (key, left) => `${key}: hint (${left} left)`,
    goCorner: (key) => `${key}: Go corner`,
    textTab: (key) => `${key}: lesson text`,
    edit: 'edit',
    more: (key, shown, total) => `${key} more · ${shown}/${total}`,
    confirmReplace: (number) => `Replace service.js with lesson ${number}'s starter? (your file is backed up)`,
    confirmReplaceKeys: 'y replace · n keep my file · Esc stay here',
    confirmReset: "Reset service.js to this lesson's starter? (your file is backed up)",
    confirmResetKeys: 'y reset · n or Esc cancel',
    resetDone: (dir) => `service.js is the starter again; your file was kept in ${dir}`,
    resetNothing: 'service.js is the starter again',
    opened: (number, title) => `lesson ${number}: ${title}`,
    keptFile: 'service.js kept as it is',
    editorCommand: (command) => `open it in another window: ${command}`,
    noEditor: (file) => `open ${file} in your editor, in another window ($EDITOR is not set)`,
    listTitle: 'Lessons',
    listFilter: 'type to filter · ↑↓ choose · Enter open · Esc close',
    listEmpty: 'no lesson matches',
    listCurrent: '← current',
    diffTitle: 'Your service.js → the reference solution',
    diffSame: 'your file is the reference solution, byte for byte',
    diffLocked: 'the solution opens once the check passes',
    firstLesson: 'this is the first lesson',
    lastLesson: 'this is the last lesson',
    allHints: 'every hint is open',
    failed: (message) => `lesson error: ${message}`,
    helpLessons: 'Lesson',
  },
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
  nothingServing: '服务已停止（503），直到构建成功',
  nothingYet: '还没有版本在运行（503）：保存修复后启动 v1',
  revertedTo: (version) => `回到 ${version} 的代码：拒绝已解除（不是新版本）`,
  readAll: (key) => `${key}：查看全文`,
  nothingToRollBack: '没有可以回退的更早版本',
  lastUpdate: '上次更新',
  noUpdates: (file) => `还没有更新 — 保存 ${file} 即可触发`,
  noUpdatesShort: '这个程序还没有更新',
  readingTitle: '全文阅读',
  newestRequest: '最新的请求',
  readingKeys: (goKey, closeKeys) => `${goKey} 课文 / Go 角落 · ${closeKeys} 关闭`,
  stateKept: '状态保留',
  stateLost: '状态丢失',
  failedRequests: '失败',
  downtime: '停机',
  statsHeaders: { version: 'v', strategy: '策略', outcome: 'ok', total: '总计', downtime: '停机', failed: '失败', kept: '状态' },
  applied: '已应用',
  rejectedShort: '已拒绝',
  sandbox: '沙箱',
  sandboxStates: { starting: '启动中', waiting: '等待可运行的保存', ready: '就绪', restarting: '重启中', down: '已停止', stopped: '已关闭' },
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
    readAll: '全文',
    toggleHeaders: '响应头',
    focusRepl: 'REPL',
    help: '帮助',
    quit: '退出',
    closeOverlay: '关闭',
    submit: '执行',
    leaveRepl: '离开',
    historyPrev: '历史',
    nextHint: '提示',
    nextLesson: '下一课',
    lessonList: '课程',
    toggleGo: 'Go',
    listJump: '打开',
    listClose: '关闭',
    confirmYes: '是',
    confirmNo: '否',
    confirmCancel: '取消',
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
    readAll: '阅读全文',
    toggleHeaders: '在请求流中显示响应头',
    focusRepl: '进入 REPL（: 输入命令）',
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
    nextHint: '显示下一条提示',
    foldHints: '收起 / 展开提示',
    toggleGo: '课文 / Go 角落',
    nextLesson: '下一课',
    previousLesson: '上一课',
    lessonList: '课程列表',
    checkLesson: '立即检查 service.js',
    showDiff: '参考答案差异（通过后）',
    resetLesson: '把 service.js 重置为初始代码',
    openEditor: '如何打开 service.js',
    scrollDown: '向下滚动',
    scrollUp: '向上滚动',
    listUp: '列表：上一项',
    listDown: '列表：下一项',
    listJump: '列表：打开该课',
    listClose: '列表：关闭',
    listErase: '列表：删除筛选字符',
    confirmYes: '确认：是',
    confirmNo: '确认：否',
    confirmCancel: '确认：取消',
  },
  helpTitle: 'hotlab — 快捷键',
  helpKeys: '实验室',
  helpRepl: 'REPL',
  helpCommands: '命令',
  helpClose: 'Esc 或 ? 关闭',
  helpSwitchNote: '切换策略会重新应用文件',
  helpCommandsNote: '在 REPL 中输入 :help 查看说明',
  helpEditorNote: 'e：在另一个窗口运行的 $EDITOR 命令',
  compareTitle: '对比 — 用每种策略重放上次修改',
  compareRate: (rate, live) =>
    rate === null
      ? `每一行都在独立的临时服务上重放你的上次修改（本实验室：${live} 请求/秒）`
      : `在临时服务上以 ${rate} 请求/秒重放，本实验室为 ${live} 请求/秒：同样的停机时间，这里失败的请求约多 ${Math.max(1, Math.round(rate / Math.max(1, live)))} 倍`,
  compareProgress: (done, all) => `运行中… ${done}/${all}`,
  compareDone: '完成',
  compareFailed: '对比失败',
  compareHeaders: { strategy: '策略', outcome: '结果', total: '延迟', downtime: '停机', failed: '失败', kept: '状态', retained: '保留' },
  comparePending: '等待…',
  replIdle: (key, version, examples, commands) => `${key} 或 Tab：在 ${version} 里运行 JavaScript${examples.length ? `，例如 ${examples.join(' · ')}` : ''}${commands ? ' · : 命令' : ''}`,
  replIdleNothing: (key) => `还没有版本在运行：保存一个能启动的 service.js · 按 ${key} 后输入 :help 查看命令`,
  replFocused: (examples) => (examples.length ? ` 例如 ${examples.join(' · ')} · :help` : ' :help 列出命令'),
  replNothingRuns: ' 还没有版本在运行：只能执行 :命令（:help）',

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
  lesson: {
    heading: (number, total) => `第 ${number}/${total} 课`,
    goal: '目标：',
    checking: '检查中…',
    notChecked: (key) => `尚未检查 — 保存 service.js，或按 ${key}`,
    checkError: '检查无法运行',
    untouched: (key) => `尚未检查：service.js 还是初始代码 — 修改并保存（或按 ${key} 直接检查当前文件）`,
    untouchedDone: (key) => `之前已通过；service.js 又回到了初始代码 — 修改并保存即可再次检查（或按 ${key}）`,
    checkTitle: '检查',
    checkRunNote: '检查在服务的临时副本上运行：先启动本课的初始代码，再把你的文件保存上去。细节里的版本号属于那次运行，不是实时请求流里的版本。',
    inCheckRun: (detail) => `检查运行中：${detail}`,
    liveRefused: (detail) => `实时服务拒绝了它：${detail}`,
    hintsTitle: (shown, total) => `提示（${shown}/${total}）`,
    textTitle: '课文',
    goTitle: 'Go 角落',
    foldHints: (key) => `${key}：收起提示`,
    unfoldHints: (key, count) => `${key}：展开 ${count} 条提示`,
    done: (nextKey, diffKey) => `✓ 本课完成 — 按 ${nextKey} 进入下一课 · ${diffKey} 查看参考答案的差异`,
    doneLast: (diffKey) => `✓ 本课完成 — 这是最后一课 · ${diffKey} 查看参考答案的差异`,
    doneMark: '✓ 完成',
    hint: (index, total) => `提示 ${index}/${total}`,
    hintsLeft: (key, left) => `${key}：提示（还有 ${left} 条）`,
    goCorner: (key) => `${key}：Go 角落`,
    textTab: (key) => `${key}：课文`,
    edit: '编辑',
    more: (key, shown, total) => `${key} 更多 · ${shown}/${total}`,
    confirmReplace: (number) => `用第 ${number} 课的初始代码替换 service.js？（你的文件会先备份）`,
    confirmReplaceKeys: 'y 替换 · n 保留我的文件 · Esc 留在本课',
    confirmReset: '把 service.js 重置为本课的初始代码？（你的文件会先备份）',
    confirmResetKeys: 'y 重置 · n 或 Esc 取消',
    resetDone: (dir) => `service.js 已恢复为初始代码；你的文件备份在 ${dir}`,
    resetNothing: 'service.js 已恢复为初始代码',
    opened: (number, title) => `第 ${number} 课：${title}`,
    keptFile: 'service.js 保持不变',
    editorCommand: (command) => `在另一个窗口中打开：${command}`,
    noEditor: (file) => `在另一个窗口用编辑器打开 ${file}（未设置 $EDITOR）`,
    listTitle: '课程',
    listFilter: '输入以筛选 · ↑↓ 选择 · Enter 打开 · Esc 关闭',
    listEmpty: '没有匹配的课程',
    listCurrent: '← 当前',
    diffTitle: '你的 service.js → 参考答案',
    diffSame: '你的文件与参考答案完全相同',
    diffLocked: '检查通过后才能查看参考答案',
    firstLesson: '这是第一课',
    lastLesson: '这是最后一课',
    allHints: '提示已全部显示',
    failed: (message) => `课程错误：${message}`,
    helpLessons: '课程',
  },
};

export const MESSAGES: Record<Lang, Messages> = { en, zh };
