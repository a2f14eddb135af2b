// Every sentence the screen prints, in English and Simplified Chinese. Strategy names, stage names and
// REPL commands stay in English in both: they are the words of the CLI flags, the records and the lessons.
import { MODULE_WORDS_EN, type ModuleWords } from '../../engine/describe-modules.ts';
import type { ModuleChange, SandboxState } from '../../engine/types.ts';
import type { KeyAction } from '../keys/key-table.ts';
import { engineNoteZh } from './engine-notes-zh.ts';
import { rateRatio } from '../compare/rate-ratio.ts';

export type Lang = 'en' | 'zh';

export interface Messages {
  lessonPlaceholder: (file: string) => string;
  lessonTry: string;
  feedTitle: string;
  serving: (version: string) => string;
  noVersion: string;
  perSecond: string;
  waitingForTraffic: string;
  /** The feed while no version runs: the traffic waits for one, and HTTP answers 503. */
  noTrafficWithoutVersion: string;
  rejected: string;
  keepsServing: (version: string) => string;
  /** An engine note or problem (English by design) in the learner's language when it is a known one (engine-notes-zh.ts). */
  engineNote: (text: string) => string;
  nothingServing: string;
  /** No version has run yet in this program: the file cannot start. */
  nothingYet: string;
  /** A save brought back the running version's code after a rejection. */
  revertedTo: (version: string) => string;
  /** More of a message than fits: the key that opens the reading view. */
  readAll: (key: string) => string;
  nothingToRollBack: string;
  lastUpdate: string;
  /** The stats header's outcome once a save went back to the running code (the refusal no longer stands). */
  backTo: (version: string) => string;
  /** `others`: modules the entry imports (0 in a one-file program). */
  noUpdates: (file: string, others: number) => string;
  noUpdatesShort: string;
  readingTitle: string;
  newestRequest: string;
  readingKeys: (goKey: string, closeKeys: string) => string;
  stateKept: string;
  stateLost: string;
  stateNone: string;
  downtime: string;
  statsHeaders: { version: string; strategy: string; outcome: string; total: string; downtime: string; failed: string; kept: string };
  applied: string;
  /** The headline of an applied update when nothing ran before it (a broken start fixed, a restart after a crash). */
  started: (version: string) => string;
  rejectedShort: string;
  sandbox: string;
  /** What the sandbox is doing, in words (the engine's states are identifiers). */
  sandboxStates: Record<SandboxState, string>;
  heap: string;
  retained: string;
  served: string;
  failed: string;
  /** The status line's counters: `55 served` `0 failed` (en), `已服务 55` · `失败 0` (zh), and what joins them. */
  servedCount: (count: string) => string;
  failedCount: (count: string) => string;
  countsGap: string;
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
  /**
   * The versions compare replays (`v2 → v3`), so a save made since cannot pass for the edit shown; `edited`: the
   * modules it changed, in a program of several (null: one file). `edit` null: no code change to replay yet.
   */
  compareTitle: (edit: { from: number; to: number } | null, edited: string | null) => string;
  /** Why there is nothing to replay (a strategy switch or a reload is not an edit) and what to do. */
  compareNothing: string;
  /** At what rate compare replays, against the lab's: failed requests scale with it. null before a row came. */
  compareRate: (rate: number | null, liveRate: number) => string;
  compareProgress: (done: number, all: number) => string;
  compareDone: string;
  compareFailed: string;
  compareHeaders: { strategy: string; outcome: string; total: string; downtime: string; failed: string; kept: string; retained: string };
  comparePending: string;
  /** The unfocused prompt: how to get in, what runs, examples that work there. */
  replIdle: (key: string, version: string, examples: readonly string[], commands: boolean) => string;
  replIdleNothing: (key: string, entry: string) => string;
  replStarting: string;
  /** Shown after the cursor on an empty focused prompt. */
  replFocused: (examples: readonly string[]) => string;
  replNothingRuns: string;
  /** The top row of the REPL output while some of it is out of view: how much, and the keys. */
  replMore: (above: number, below: number, keys: string) => string;

  replCommands: Record<'strategy' | 'reload' | 'rollback' | 'stats' | 'set' | 'module' | 'unload' | 'help' | 'clear', string>;
  /** `:module NAME`: the REPL now evaluates there. */
  moduleScope: (module: string, entry: string) => string;
  /** `:module` alone: back in the entry's scope; the modules there are. */
  entryScope: (entry: string, modules: string) => string;
  unknownModule: (name: string, modules: string) => string;
  oneModule: (entry: string) => string;
  noProgram: string;
  /** The module the REPL was pointed at left the program. */
  moduleGone: (module: string, entry: string) => string;
  unloaded: (count: number) => string;
  nothingToUnload: string;
  /** The modules line of an update (engine/describe-modules.ts), in this language. */
  modules: ModuleWords;
  /** `+2 modules` after the entry's path. */
  plusModules: (count: number) => string;
  /** The program: the stats panel's row, the modules overlay (m), the heap line. */
  program: ProgramMessages;
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

/** The program of several modules: which run, their versions, old instances, heap. */
export interface ProgramMessages {
  title: string;
  /** The overlay's keys: scroll and close. */
  keys: (closeKeys: string) => string;
  count: (count: number) => string;
  summary: (count: number, entry: string, version: string) => string;
  headers: { module: string; version: string; retained: string; heap: string; last: string };
  /** The last update's column heading: which update it was. */
  lastOf: (update: string) => string;
  actions: Record<ModuleChange['action'], string>;
  keptRunning: string;
  states: { kept: string; lost: string; none: string };
  /** `+2 old`: old instances plugin-swap keeps next to a module's live one. */
  old: (count: number) => string;
  heap: (used: string, limit: string, percent: number) => string;
  /** The one-row heap warning: what fills it, and what to do. */
  heapRetained: (count: number, bytes: string) => string;
  heapService: string;
  /** How full, then what fills it. */
  heapWarning: (head: string, what: string) => string;
  heapActions: (unload: string, key: string) => string;
  heapActionsKeyOnly: (key: string) => string;
  nothing: string;
  replNote: (scope: string) => string;
  unloadNote: string;
}

/** The lesson pane, the lesson list, the solution diff and their questions. */
export interface LessonMessages {
  heading: (number: number, total: number) => string;
  goal: string;
  checking: string;
  /** `files`: the lesson's files (`service.js`, or several). */
  notChecked: (key: string, files: string) => string;
  checkError: string;
  /** The file is the starter, unchanged: nothing is checked until a change is saved. */
  untouched: (key: string, files: string, count: number) => string;
  /** Untouched, on a lesson passed before (the file was reset to the starter since). */
  untouchedDone: (key: string, files: string, count: number) => string;
  /** The lab opened the lesson on files that are not its starter: it runs them as they are. `key`: reset. */
  keptFiles: (number: number, files: string, count: number, key: string) => string;
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
  /** With its colon: "Hint 1/3:", "提示 1/3：". */
  hint: (index: number, total: number) => string;
  hintsLeft: (key: string, left: number) => string;
  goCorner: (key: string) => string;
  textTab: (key: string) => string;
  edit: string;
  /** Before the module a standing refusal is in: where to look. */
  fix: string;
  /** The text's scroll: more below (`PgDn more · 12/29`), or at its end the way back (`PgUp back up · 29/29`). */
  more: (key: string, shown: number, total: number) => string;
  moreAbove: (key: string, total: number) => string;
  /** The strategy the lesson's program starts under (a key may have switched the live one since). */
  lessonStrategy: (name: string) => string;
  confirmReplace: (number: number, files: string) => string;
  /** The replace question's answers, keys from the key table: replace, keep my file, stay. */
  confirmReplaceKeys: (yes: string, keep: string, cancel: string) => string;
  confirmReset: (files: string) => string;
  confirmResetKeys: (yes: string, keep: string, cancel: string) => string;
  resetDone: (dir: string, files: string, count: number) => string;
  resetNothing: (files: string, count: number) => string;
  opened: (number: number, title: string) => string;
  editorCommand: (command: string) => string;
  noEditor: (file: string) => string;
  listTitle: string;
  listFilter: string;
  listEmpty: string;
  listCurrent: string;
  diffTitle: (file: string) => string;
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
  noTrafficWithoutVersion: 'no traffic until a version runs (HTTP answers 503 meanwhile)',
  rejected: 'rejected',
  keepsServing: (version) => `${version} keeps serving`,
  engineNote: (text) => text,
  nothingServing: 'down (503) until a good build',
  nothingYet: 'nothing runs yet (503): save a fix to start v1',
  revertedTo: (version) => `back to ${version}'s code: the rejection no longer stands (not a new version)`,
  readAll: (key) => `${key}: read all`,
  nothingToRollBack: 'no earlier version to go back to',
  lastUpdate: 'Last update',
  backTo: (version) => `back to ${version}`,
  noUpdates: (file, others) => (others > 0 ? `No updates yet — save ${file} or a module it imports` : `No updates yet — save ${file} to make one`),
  noUpdatesShort: 'no update yet in this program',
  readingTitle: 'Read in full',
  newestRequest: 'Newest request',
  readingKeys: (goKey, closeKeys) => `${goKey} text / Go corner · ${closeKeys} close`,
  stateKept: 'state kept',
  stateLost: 'state lost',
  stateNone: 'no state',
  downtime: 'down',
  statsHeaders: { version: 'v', strategy: 'strat', outcome: 'ok', total: 'total', downtime: 'down', failed: 'fail', kept: 'kept' },
  applied: 'applied',
  started: (version) => `${version} started`,
  rejectedShort: 'rejected',
  sandbox: 'sandbox',
  sandboxStates: { starting: 'starting', waiting: 'waiting for a good save', ready: 'ready', restarting: 'restarting', down: 'down', stopped: 'stopped' },
  heap: 'heap',
  retained: 'retained',
  served: 'served',
  failed: 'failed',
  servedCount: (count) => `${count} served`,
  failedCount: (count) => `${count} failed`,
  countsGap: ' ',
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
    checkLesson: 'check',
    toggleGo: 'Go',
    listJump: 'open',
    listClose: 'close',
    confirmYes: 'yes',
    confirmKeep: 'keep my file',
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
    modules: 'the program: modules, versions, heap',
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
    outputPageUp: 'output: page up',
    outputPageDown: 'output: page down',
    nextHint: 'show the next hint',
    foldHints: 'fold / unfold the hints',
    toggleGo: 'lesson text / Go corner',
    nextLesson: 'next lesson',
    previousLesson: 'previous lesson',
    lessonList: 'list of lessons',
    checkLesson: 'check your service now',
    showDiff: 'solution diff (after a pass)',
    resetLesson: 'reset to the starter (asks)',
    openEditor: 'how to open your files',
    scrollDown: 'scroll down',
    scrollUp: 'scroll up',
    lineDown: 'a line down',
    lineUp: 'a line up',
    listUp: 'list: previous',
    listDown: 'list: next',
    listJump: 'list: open the lesson',
    listClose: 'list: close',
    listErase: 'list: erase filter',
    confirmYes: 'question: yes',
    confirmKeep: 'question: keep my file',
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
  compareTitle: (edit, edited) =>
    edit ? `Compare v${edit.from} → v${edit.to} — your last code change${edited ? ` (${edited})` : ''} under every strategy` : 'Compare — no code change to replay yet',
  compareNothing:
    'No save has changed the code yet: a strategy switch or a reload re-applies the same code, which is no edit to replay. Change the service and save, then press c again.',
  compareRate: (rate, live) => {
    if (rate === null) return `each row replays the edit on a scratch service of its own (this lab: ${live} req/s)`;
    const at = `replayed on scratch services at ${rate} req/s`;
    const ratio = rateRatio(rate, live);
    switch (ratio.kind) {
      case 'noLiveTraffic':
        return `${at}; this lab sends no traffic now, so there the same downtime would fail no requests`;
      case 'same':
        return `${at}, as fast as this lab's ${live} req/s: the same downtime fails about as many requests in this table as in the lab`;
      case 'higher':
        return `${at}, ~${ratio.times}× this lab's ${live} req/s: the same downtime fails ~${ratio.times}× as many requests in this table as in the lab`;
      case 'lower':
        return `${at}, ~1/${ratio.times} of this lab's ${live} req/s: the same downtime fails ~1/${ratio.times} as many requests in this table as in the lab`;
    }
  },
  compareProgress: (done, all) => `running… ${done}/${all}`,
  compareDone: 'done',
  compareFailed: 'compare failed',
  compareHeaders: { strategy: 'strategy', outcome: 'outcome', total: 'latency', downtime: 'downtime', failed: 'failed', kept: 'state', retained: 'retained' },
  comparePending: 'waiting…',
  replIdle: (key, version, examples, commands) => `${key} or Tab: JavaScript in ${version}${examples.length ? `, e.g. ${examples.join(' · ')}` : ''}${commands ? ' · : commands' : ''}`,
  replIdleNothing: (key, entry) => `nothing runs yet: save a ${entry} that starts · ${key} then :help for commands`,
  replStarting: 'the sandbox is starting v1 …',
  replFocused: (examples) => (examples.length ? ` e.g. ${examples.join(' · ')} · :help` : ' :help lists the commands'),
  replNothingRuns: ' nothing runs yet: only :commands work (:help)',
  replMore: (above, below, keys) => [above > 0 ? `↑ ${above} more` : '', below > 0 ? `↓ ${below} newer` : '', keys].filter(Boolean).join(' · '),

  replCommands: {
    strategy: 'switch strategy (name or 1–4; binary-replace takes cold|graceful)',
    reload: 're-apply the file with the active strategy',
    rollback: 'go back to the previous good version',
    stats: 'p50 / p95 of update totals per strategy',
    set: 'set a live top-level binding, e.g. :set hits 5',
    module: "evaluate in a module's scope (Tab completes; alone: the entry's)",
    unload: 'drop the old instances plugin-swap keeps loaded',
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
  moduleScope: (module, entry) => `now in ${module}'s scope: its top-level names, its state (:module alone goes back to ${entry})`,
  entryScope: (entry, modules) => `in ${entry}'s scope, the entry · modules: ${modules}`,
  unknownModule: (name, modules) => `no module ${name} in the running program — it has ${modules}`,
  oneModule: (entry) => `this program is one module, ${entry}: import another file of the workspace from it to have more`,
  noProgram: 'nothing runs yet: there is no module to choose',
  moduleGone: (module, entry) => `${module} is no longer part of the program: back in ${entry}'s scope`,
  unloaded: (count) => `unloaded ${count} old ${count === 1 ? 'instance' : 'instances'}: their heap can be collected`,
  nothingToUnload: 'no old instances are loaded',
  modules: MODULE_WORDS_EN,
  plusModules: (count) => `+${count} ${count === 1 ? 'module' : 'modules'}`,
  program: {
    title: 'Program',
    keys: (closeKeys) => `${closeKeys} close`,
    count: (count) => `${count} modules`,
    summary: (count, entry, version) => `${count} ${count === 1 ? 'module' : 'modules'} · entry ${entry} · ${version}`,
    headers: { module: 'module', version: 'loaded by', retained: 'old instances', heap: 'their heap', last: 'last update' },
    lastOf: (update) => `last applied update: ${update}`,
    actions: { loaded: 'loaded', 're-ran': 're-ran', swapped: 'swapped', patched: 'patched', rebuilt: 'rebuilt', removed: 'no longer imported' },
    keptRunning: 'kept running',
    states: { kept: 'state kept', lost: 'state lost', none: 'no state' },
    old: (count) => `+${count} old`,
    heap: (used, limit, percent) => `heap ${used} of ${limit} (${percent}%)`,
    heapRetained: (count, bytes) => `plugin-swap keeps ${count} old ${count === 1 ? 'instance' : 'instances'} loaded (${bytes})`,
    heapService: 'the service holds most of it; a save that needs more is refused',
    heapWarning: (head, what) => `${head}: ${what}`,
    heapActions: (unload, key) => `${unload} frees them · ${key}: modules`,
    heapActionsKeyOnly: (key) => `${key}: modules`,
    nothing: 'nothing runs yet',
    replNote: (scope) => `:module NAME points the REPL at a module's scope (now: ${scope})`,
    unloadNote: ':unload drops the old instances (Go cannot: a plugin stays loaded)',
  },
  lesson: {
    heading: (number, total) => `Lesson ${number}/${total}`,
    goal: 'Goal: ',
    checking: 'checking…',
    notChecked: (key, files) => `not checked yet — save ${files}, or press ${key}`,
    checkError: 'the check could not run',
    // The key comes first: at 80 columns the end of the row is what a cut loses.
    untouched: (key, files, count) =>
      `not checked yet (${key}: check now) · ${files} ${count === 1 ? 'is' : 'are'} the starter: change ${count === 1 ? 'it' : 'them'} and save`,
    untouchedDone: (key, files, count) => `passed before (${key}: check again) · ${files} ${count === 1 ? 'is' : 'are'} the starter again: change and save`,
    keptFiles: (number, files, count, key) =>
      // One console row at 80×24: the whole sentence must fit it.
      `${files} kept as ${count === 1 ? 'it is' : 'they are'}: lesson ${number} checks ${count === 1 ? 'it' : 'them'}, not its starter (${key} resets)`,
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
    hint: (index, total) => `Hint ${index}/${total}:`,
    hintsLeft: (key, left) => `${key}: hint (${left} left)`,
    goCorner: (key) => `${key}: Go corner`,
    textTab: (key) => `${key}: lesson text`,
    edit: 'edit',
    fix: 'refused in',
    more: (key, shown, total) => `${key} more · ${shown}/${total}`,
    moreAbove: (key, total) => `${key} back up · ${total}/${total}`,
    lessonStrategy: (name) => `lesson's strategy: ${name}`,
    confirmReplace: (number, files) => `Replace ${files} with lesson ${number}'s starter? (your files are backed up)`,
    confirmReplaceKeys: (yes, keep, cancel) => `${yes} replace · ${keep} keep my file · ${cancel} stay here`,
    confirmReset: (files) => `Reset ${files} to this lesson's starter? (your files are backed up)`,
    confirmResetKeys: (yes, keep, cancel) => `${yes} reset · ${keep} or ${cancel} keep my file`,
    resetDone: (dir, files, count) => `${files} ${count === 1 ? 'is' : 'are'} the starter again; your ${count === 1 ? 'file was' : 'files were'} kept in ${dir}`,
    resetNothing: (files, count) => `${files} ${count === 1 ? 'is' : 'are'} the starter again`,
    opened: (number, title) => `lesson ${number}: ${title}`,
    editorCommand: (command) => `open it in another window: ${command}`,
    noEditor: (file) => `open ${file} in your editor, in another window ($EDITOR is not set)`,
    listTitle: 'Lessons',
    listFilter: 'type to filter · ↑↓ choose · Enter open · Esc close',
    listEmpty: 'no lesson matches',
    listCurrent: '← current',
    diffTitle: (file) => `Your ${file} → the reference solution`,
    diffSame: 'your file is the reference solution, byte for byte',
    diffLocked: 'the solution opens once the check passes',
    firstLesson: 'this is the first lesson',
    lastLesson: 'this is the last lesson',
    allHints: 'every hint is open',
    failed: (message) => `lesson error: ${message}`,
    helpLessons: 'Lesson',
  },
};

/** A word before Chinese text: a space after a Latin name (`greet.js 的`), none after Chinese (`2 个模块的`). */
const zhBefore = (word: string) => (/[\x21-\x7E]$/.test(word) ? `${word} ` : word);

const zh: Messages = {
  lessonPlaceholder: (file) => `课程即将推出 — 编辑 ${file}，观察服务如何热更新`,
  lessonTry: '试一试：修改 handle() 的返回值并保存，看实时服务从 v1 切换到 v2。按 ? 查看快捷键。',
  feedTitle: '实时服务',
  serving: (version) => `${version} 服务中`,
  noVersion: '没有可用版本',
  perSecond: '请求/秒',
  waitingForTraffic: '等待第一个请求…',
  noTrafficWithoutVersion: '有版本运行之前没有流量（其间 HTTP 返回 503）',
  rejected: '已拒绝',
  keepsServing: (version) => `${version} 继续服务`,
  engineNote: engineNoteZh,
  nothingServing: '服务已停止（503），直到构建成功',
  nothingYet: '还没有版本在运行（503）：保存修复后启动 v1',
  revertedTo: (version) => `回到 ${version} 的代码：拒绝已解除（不是新版本）`,
  readAll: (key) => `${key}：查看全文`,
  nothingToRollBack: '没有可以回退的更早版本',
  lastUpdate: '上次更新',
  backTo: (version) => `已回到 ${version}`,
  noUpdates: (file, others) => (others > 0 ? `还没有更新 — 保存 ${file} 或它导入的模块即可触发` : `还没有更新 — 保存 ${file} 即可触发`),
  noUpdatesShort: '这个程序还没有更新',
  readingTitle: '全文阅读',
  newestRequest: '最新的请求',
  readingKeys: (goKey, closeKeys) => `${goKey} 课文 / Go 角落 · ${closeKeys} 关闭`,
  stateKept: '状态保留',
  stateLost: '状态丢失',
  stateNone: '无状态',
  downtime: '停机',
  statsHeaders: { version: 'v', strategy: '策略', outcome: '成', total: '总计', downtime: '停机', failed: '失败', kept: '状态' },
  applied: '已应用',
  started: (version) => `${version} 已启动`,
  rejectedShort: '已拒绝',
  sandbox: '沙箱',
  sandboxStates: { starting: '启动中', waiting: '等待可运行的保存', ready: '就绪', restarting: '重启中', down: '已停止', stopped: '已关闭' },
  heap: '堆',
  retained: '保留',
  served: '已服务',
  failed: '失败',
  servedCount: (count) => `已服务 ${count}`,
  failedCount: (count) => `失败 ${count}`,
  countsGap: ' · ',
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
    checkLesson: '检查',
    toggleGo: 'Go',
    listJump: '打开',
    listClose: '关闭',
    confirmYes: '是',
    confirmKeep: '保留我的文件',
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
    modules: '程序：模块、版本、堆',
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
    outputPageUp: '输出：上一页',
    outputPageDown: '输出：下一页',
    nextHint: '显示下一条提示',
    foldHints: '收起 / 展开提示',
    toggleGo: '课文 / Go 角落',
    nextLesson: '下一课',
    previousLesson: '上一课',
    lessonList: '课程列表',
    checkLesson: '立即检查你的服务',
    showDiff: '参考答案差异（通过后）',
    resetLesson: '重置为本课的初始代码（会先询问）',
    openEditor: '如何打开你的文件',
    scrollDown: '向下滚动',
    scrollUp: '向上滚动',
    lineDown: '向下一行',
    lineUp: '向上一行',
    listUp: '列表：上一项',
    listDown: '列表：下一项',
    listJump: '列表：打开该课',
    listClose: '列表：关闭',
    listErase: '列表：删除筛选字符',
    confirmYes: '确认：是',
    confirmKeep: '确认：保留我的文件',
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
  compareTitle: (edit, edited) =>
    edit ? `对比 v${edit.from} → v${edit.to} — 用每种策略重放你上次的代码修改${edited ? `（${edited}）` : ''}` : '对比 — 还没有可重放的代码修改',
  compareNothing: '还没有哪次保存改动过代码：切换策略或重新加载只是重新应用同样的代码，不算修改，没有可重放的内容。修改服务并保存，然后再按 c。',
  compareRate: (rate, live) => {
    if (rate === null) return `每一行都在独立的临时服务上重放这次修改（本实验室：${live} 请求/秒）`;
    const at = `在临时服务上以 ${rate} 请求/秒重放`;
    const ratio = rateRatio(rate, live);
    switch (ratio.kind) {
      case 'noLiveTraffic':
        return `${at}；本实验室现在没有流量，同样的停机时间在实验室里不会让请求失败`;
      case 'same':
        return `${at}，与本实验室的 ${live} 请求/秒相当：同样的停机时间，本表与实验室里失败的请求差不多一样多`;
      case 'higher':
        return `${at}，约为本实验室 ${live} 请求/秒的 ${ratio.times} 倍：同样的停机时间，本表中失败的请求约为实验室里的 ${ratio.times} 倍`;
      case 'lower':
        return `${at}，约为本实验室 ${live} 请求/秒的 1/${ratio.times}：同样的停机时间，本表中失败的请求约为实验室里的 1/${ratio.times}`;
    }
  },
  compareProgress: (done, all) => `运行中… ${done}/${all}`,
  compareDone: '完成',
  compareFailed: '对比失败',
  compareHeaders: { strategy: '策略', outcome: '结果', total: '延迟', downtime: '停机', failed: '失败', kept: '状态', retained: '保留' },
  comparePending: '等待…',
  replIdle: (key, version, examples, commands) => `${key} 或 Tab：在 ${version} 里运行 JavaScript${examples.length ? `，例如 ${examples.join(' · ')}` : ''}${commands ? ' · : 命令' : ''}`,
  replIdleNothing: (key, entry) => `还没有版本在运行：保存一个能启动的 ${entry} · 按 ${key} 后输入 :help 查看命令`,
  replStarting: '沙箱正在启动 v1 …',
  replFocused: (examples) => (examples.length ? ` 例如 ${examples.join(' · ')} · :help` : ' :help 列出命令'),
  replNothingRuns: ' 还没有版本在运行：只能执行 :命令（:help）',
  replMore: (above, below, keys) => [above > 0 ? `↑ 上面还有 ${above} 行` : '', below > 0 ? `↓ 下面还有 ${below} 行` : '', keys].filter(Boolean).join(' · '),

  replCommands: {
    strategy: '切换策略（名称或 1–4；binary-replace 可加 cold|graceful）',
    reload: '用当前策略重新应用文件',
    rollback: '回到上一个正常版本',
    stats: '每种策略更新耗时的 p50 / p95',
    set: '设置运行中的顶层变量，例如 :set hits 5',
    module: '在某个模块的作用域中求值（Tab 补全；不带名字：回到入口）',
    unload: '卸载 plugin-swap 保留的旧实例',
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
  moduleScope: (module, entry) => `现在位于 ${module} 的作用域：它的顶层名字和状态（只输入 :module 回到 ${entry}）`,
  entryScope: (entry, modules) => `位于入口 ${entry} 的作用域 · 模块：${modules}`,
  unknownModule: (name, modules) => `运行中的程序里没有模块 ${name} — 现有：${modules}`,
  oneModule: (entry) => `这个程序只有一个模块 ${entry}：从它导入工作区里的另一个文件，就会有更多模块`,
  noProgram: '还没有版本在运行：没有可选的模块',
  moduleGone: (module, entry) => `${module} 已不在程序中：回到 ${entry} 的作用域`,
  unloaded: (count) => `已卸载 ${count} 个旧实例：它们占用的堆可以被回收`,
  nothingToUnload: '没有加载着的旧实例',
  modules: {
    reRun: (chain) => `${chain} 重新运行`,
    swapped: (names) => `${names} 已换入，旧实例仍在旁边`,
    patched: (names) => `${names} 已原地修补`,
    rebuilt: (count) => `${count} 个模块重新构建为一个产物`,
    loaded: (names) => `${names} 已加载`,
    removed: (names) => `${names} 不再被导入`,
    othersKept: (count) => `其他 ${count} 个模块继续运行`,
    stateLost: (where) => `${zhBefore(where)}的状态丢失`,
    stateKept: (where) => `${zhBefore(where)}的状态保留`,
    noState: '被替换的模块都没有状态',
    modules: (count) => `${count} 个模块`,
    separator: ' · ',
  },
  plusModules: (count) => `+${count} 个模块`,
  program: {
    title: '程序',
    keys: (closeKeys) => `${closeKeys} 关闭`,
    count: (count) => `${count} 个模块`,
    summary: (count, entry, version) => `${count} 个模块 · 入口 ${entry} · ${version}`,
    headers: { module: '模块', version: '加载版本', retained: '旧实例', heap: '旧实例占用', last: '上次更新' },
    lastOf: (update) => `上次应用的更新：${update}`,
    actions: { loaded: '已加载', 're-ran': '重新运行', swapped: '已换入', patched: '已修补', rebuilt: '已重建', removed: '不再被导入' },
    keptRunning: '继续运行',
    states: { kept: '状态保留', lost: '状态丢失', none: '无状态' },
    old: (count) => `+${count} 旧`,
    heap: (used, limit, percent) => `堆 ${used} / ${limit}（${percent}%）`,
    heapRetained: (count, bytes) => `plugin-swap 保留着 ${count} 个旧实例（${bytes}）`,
    heapService: '服务本身占用了大部分；需要更多内存的保存会被拒绝',
    heapWarning: (head, what) => `${head}：${what}`,
    heapActions: (unload, key) => `${unload} 释放它们 · ${key}：模块`,
    heapActionsKeyOnly: (key) => `${key}：模块`,
    nothing: '还没有版本在运行',
    replNote: (scope) => `:module 名字 把 REPL 指向某个模块的作用域（当前：${scope}）`,
    unloadNote: ':unload 卸载旧实例（Go 做不到：插件一旦加载就无法卸载）',
  },
  lesson: {
    heading: (number, total) => `第 ${number}/${total} 课`,
    goal: '目标：',
    checking: '检查中…',
    notChecked: (key, files) => `尚未检查 — 保存 ${files}，或按 ${key}`,
    checkError: '检查无法运行',
    untouched: (key, files) => `尚未检查（${key}：立即检查）· ${files} 还是初始代码：修改并保存`,
    untouchedDone: (key, files) => `之前已通过（${key}：再次检查）· ${files} 又回到了初始代码：修改并保存`,
    keptFiles: (number, files, _count, key) => `${files} 保持不变：第 ${number} 课检查的是它，不是初始代码（${key} 恢复）`,
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
    hint: (index, total) => `提示 ${index}/${total}：`,
    hintsLeft: (key, left) => `${key}：提示（还有 ${left} 条）`,
    goCorner: (key) => `${key}：Go 角落`,
    textTab: (key) => `${key}：课文`,
    edit: '编辑',
    fix: '被拒绝于',
    more: (key, shown, total) => `${key} 更多 · ${shown}/${total}`,
    moreAbove: (key, total) => `${key} 回到上面 · ${total}/${total}`,
    lessonStrategy: (name) => `本课策略：${name}`,
    confirmReplace: (number, files) => `用第 ${number} 课的初始代码替换 ${files}？（你的文件会先备份）`,
    confirmReplaceKeys: (yes, keep, cancel) => `${yes} 替换 · ${keep} 保留我的文件 · ${cancel} 留在本课`,
    confirmReset: (files) => `把 ${files} 重置为本课的初始代码？（你的文件会先备份）`,
    confirmResetKeys: (yes, keep, cancel) => `${yes} 重置 · ${keep} 或 ${cancel} 保留我的文件`,
    resetDone: (dir, files) => `${files} 已恢复为初始代码；你的文件备份在 ${dir}`,
    resetNothing: (files) => `${files} 已恢复为初始代码`,
    opened: (number, title) => `第 ${number} 课：${title}`,
    editorCommand: (command) => `在另一个窗口中打开：${command}`,
    noEditor: (file) => `在另一个窗口用编辑器打开 ${file}（未设置 $EDITOR）`,
    listTitle: '课程',
    listFilter: '输入以筛选 · ↑↓ 选择 · Enter 打开 · Esc 关闭',
    listEmpty: '没有匹配的课程',
    listCurrent: '← 当前',
    diffTitle: (file) => `你的 ${file} → 参考答案`,
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
