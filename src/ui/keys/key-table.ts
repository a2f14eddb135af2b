// Keys are data: one table from action to keys. The input hooks resolve keys through it and the help
// overlay and hint line print it, so what the help says is what the keys do.
import type { Key } from 'ink';

/**
 * Where a binding listens. `global`: the lab screen while the REPL does not have focus. `lesson`: lesson keys,
 * on the lab screen when a lesson session is open (same rule as `global`). `overlay`: extra keys while help,
 * compare, the reading view, the modules page or the solution diff is open. `list`: the lesson list (printable
 * keys type its filter). `confirm`: a question before the learner's files are replaced (y, k keep, Esc). `repl`: while the
 * REPL prompt has focus. `always`: in every mode.
 */
export type KeyScope = 'global' | 'lesson' | 'overlay' | 'list' | 'confirm' | 'repl' | 'always';

export type KeyAction =
  | 'strategy1'
  | 'strategy2'
  | 'strategy3'
  | 'strategy4'
  | 'toggleRestart'
  | 'reload'
  | 'rollback'
  | 'compare'
  | 'readAll'
  | 'modules'
  | 'toggleHeaders'
  | 'focusRepl'
  | 'help'
  | 'quit'
  | 'interrupt'
  | 'closeOverlay'
  | 'nextHint'
  | 'foldHints'
  | 'toggleGo'
  | 'nextLesson'
  | 'previousLesson'
  | 'lessonList'
  | 'checkLesson'
  | 'showDiff'
  | 'resetLesson'
  | 'openEditor'
  | 'scrollDown'
  | 'scrollUp'
  | 'lineDown'
  | 'lineUp'
  | 'listUp'
  | 'listDown'
  | 'listJump'
  | 'listClose'
  | 'listErase'
  | 'confirmYes'
  | 'confirmKeep'
  | 'confirmCancel'
  | 'submit'
  | 'leaveRepl'
  | 'historyPrev'
  | 'historyNext'
  | 'cursorLeft'
  | 'cursorRight'
  | 'lineStart'
  | 'lineEnd'
  | 'deleteBack'
  | 'deleteForward'
  | 'clearLine'
  | 'outputPageUp'
  | 'outputPageDown';

export interface KeyBinding {
  action: KeyAction;
  /** Key specs: a printable character (`q`, `:`), a named key (`escape`, `up`, `tab`), or `ctrl+x`. */
  keys: readonly string[];
  scope: KeyScope;
}

export const KEY_TABLE: readonly KeyBinding[] = [
  { action: 'strategy1', keys: ['1'], scope: 'global' },
  { action: 'strategy2', keys: ['2'], scope: 'global' },
  { action: 'strategy3', keys: ['3'], scope: 'global' },
  { action: 'strategy4', keys: ['4'], scope: 'global' },
  { action: 'toggleRestart', keys: ['g'], scope: 'global' },
  { action: 'reload', keys: ['r'], scope: 'global' },
  { action: 'rollback', keys: ['u'], scope: 'global' },
  { action: 'compare', keys: ['c'], scope: 'global' },
  { action: 'readAll', keys: ['v'], scope: 'global' },
  // The program: its modules, the version that loaded each, old instances and heap (plugin-swap keeps them).
  { action: 'modules', keys: ['m'], scope: 'global' },
  { action: 'toggleHeaders', keys: ['x'], scope: 'global' },
  // `/` and Tab focus an empty line for JavaScript; `:` focuses with the colon typed, to start a command.
  { action: 'focusRepl', keys: ['/', 'tab', ':'], scope: 'global' },
  { action: 'help', keys: ['?'], scope: 'global' },
  { action: 'quit', keys: ['q'], scope: 'global' },
  { action: 'nextHint', keys: ['h'], scope: 'lesson' },
  { action: 'foldHints', keys: ['H'], scope: 'lesson' },
  { action: 'toggleGo', keys: ['o'], scope: 'lesson' },
  { action: 'nextLesson', keys: ['n'], scope: 'lesson' },
  { action: 'previousLesson', keys: ['p'], scope: 'lesson' },
  { action: 'lessonList', keys: ['l'], scope: 'lesson' },
  { action: 'checkLesson', keys: ['k'], scope: 'lesson' },
  { action: 'showDiff', keys: ['d'], scope: 'lesson' },
  // Shift: a reset replaces the learner's file (after a backup and a question), so it is never a slip.
  { action: 'resetLesson', keys: ['R'], scope: 'lesson' },
  { action: 'openEditor', keys: ['e'], scope: 'lesson' },
  { action: 'scrollDown', keys: ['pagedown', ']'], scope: 'lesson' },
  { action: 'scrollUp', keys: ['pageup', '['], scope: 'lesson' },
  { action: 'closeOverlay', keys: ['escape'], scope: 'overlay' },
  // The reading view shows the lesson text or the Go corner; o switches there too.
  { action: 'toggleGo', keys: ['o'], scope: 'overlay' },
  // ↑↓ move a line, PgUp PgDn a page (help, which is laid out in pages, turns a page either way).
  { action: 'lineDown', keys: ['down'], scope: 'overlay' },
  { action: 'lineUp', keys: ['up'], scope: 'overlay' },
  { action: 'scrollDown', keys: ['pagedown'], scope: 'overlay' },
  { action: 'scrollUp', keys: ['pageup'], scope: 'overlay' },
  { action: 'listUp', keys: ['up'], scope: 'list' },
  { action: 'listDown', keys: ['down'], scope: 'list' },
  { action: 'listJump', keys: ['return'], scope: 'list' },
  { action: 'listClose', keys: ['escape'], scope: 'list' },
  { action: 'listErase', keys: ['backspace'], scope: 'list' },
  { action: 'confirmYes', keys: ['y'], scope: 'confirm' },
  // k, not n: n opened the question (next lesson), so a double press or a key repeat of n answered it, and
  // "keep my file" took the last lesson's file into the next one. n does nothing here; only y touches a file.
  { action: 'confirmKeep', keys: ['k'], scope: 'confirm' },
  { action: 'confirmCancel', keys: ['escape'], scope: 'confirm' },
  // q quits here as everywhere else (the list is the one place it types): the question closes unanswered, so
  // quitting never replaces a file; only y does.
  { action: 'quit', keys: ['q'], scope: 'confirm' },
  // Ctrl+C quits from anywhere, the REPL included: a learner must never be trapped in a prompt.
  { action: 'interrupt', keys: ['ctrl+c'], scope: 'always' },
  { action: 'submit', keys: ['return'], scope: 'repl' },
  { action: 'leaveRepl', keys: ['escape', 'tab'], scope: 'repl' },
  { action: 'historyPrev', keys: ['up'], scope: 'repl' },
  { action: 'historyNext', keys: ['down'], scope: 'repl' },
  { action: 'cursorLeft', keys: ['left'], scope: 'repl' },
  { action: 'cursorRight', keys: ['right'], scope: 'repl' },
  { action: 'lineStart', keys: ['home', 'ctrl+a'], scope: 'repl' },
  { action: 'lineEnd', keys: ['end', 'ctrl+e'], scope: 'repl' },
  { action: 'deleteBack', keys: ['backspace'], scope: 'repl' },
  { action: 'deleteForward', keys: ['delete'], scope: 'repl' },
  { action: 'clearLine', keys: ['ctrl+u'], scope: 'repl' },
  // The output above the prompt (`:help` is longer than the REPL at 80×24); ↑↓ stay the history.
  { action: 'outputPageUp', keys: ['pageup'], scope: 'repl' },
  { action: 'outputPageDown', keys: ['pagedown'], scope: 'repl' },
];

const NAMED: Record<string, (key: Key) => boolean> = {
  escape: (k) => k.escape,
  return: (k) => k.return,
  tab: (k) => k.tab && !k.shift,
  up: (k) => k.upArrow,
  down: (k) => k.downArrow,
  left: (k) => k.leftArrow,
  right: (k) => k.rightArrow,
  home: (k) => k.home,
  end: (k) => k.end,
  backspace: (k) => k.backspace,
  delete: (k) => k.delete,
  pageup: (k) => k.pageUp,
  pagedown: (k) => k.pageDown,
};

/** Does one key spec match what `useInput` reported? */
export function matchesKey(spec: string, input: string, key: Key): boolean {
  if (spec.startsWith('ctrl+')) return key.ctrl && input.toLowerCase() === spec.slice('ctrl+'.length);
  const named = NAMED[spec];
  if (named) return named(key);
  return !key.ctrl && !key.meta && input === spec;
}

/** The action bound to this key in the first scope (in the order given) that has one. */
export function resolveKey(scopes: readonly KeyScope[], input: string, key: Key): KeyAction | undefined {
  for (const scope of scopes) {
    for (const binding of KEY_TABLE) {
      if (binding.scope === scope && binding.keys.some((spec) => matchesKey(spec, input, key))) return binding.action;
    }
  }
  return undefined;
}

const KEY_NAMES: Record<string, string> = {
  escape: 'Esc',
  return: 'Enter',
  tab: 'Tab',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  home: 'Home',
  end: 'End',
  backspace: 'Backspace',
  delete: 'Del',
  pageup: 'PgUp',
  pagedown: 'PgDn',
};

/** How a key spec is printed in help: `Esc`, `Ctrl+C`, `:`. */
export function formatKey(spec: string): string {
  if (spec.startsWith('ctrl+')) return `Ctrl+${spec.slice('ctrl+'.length).toUpperCase()}`;
  return KEY_NAMES[spec] ?? spec;
}

export function bindingsIn(scope: KeyScope): KeyBinding[] {
  return KEY_TABLE.filter((binding) => binding.scope === scope);
}

/** The first key bound to an action, as help prints it: messages name keys through the table. */
export function keyOf(action: KeyAction): string {
  const binding = KEY_TABLE.find((b) => b.action === action);
  return binding ? formatKey(binding.keys[0] ?? '') : '';
}
