// One keyboard router for the lab. Every key goes to exactly one mode, decided from the newest state (refs that
// change the moment a key is handled, see shared/use-sync-reducer.ts), not from the last render: Ink attaches a
// useInput listener in an effect, a turn after the render that activated it, so with one hook per mode a key
// typed right after `:` could still reach the lab keys. Modes, in order: Ctrl+C (always); while quitting only
// quit; the REPL when it has focus; a modal (the lesson list, a question before files are replaced); else the lab keys.
import { useInput, type Key } from 'ink';
import { useRef } from 'react';
import { resolveKey, type KeyAction, type KeyScope } from './key-table.ts';

export type KeyHandlers = Partial<Record<KeyAction, (input: string) => void>>;

/** The scopes the lab keys listen in: overlay keys first when one is open; lesson keys only when none is. */
export function labScopes(overlayOpen: boolean, lessons: boolean): KeyScope[] {
  if (overlayOpen) return ['overlay', 'global'];
  return lessons ? ['lesson', 'global'] : ['global'];
}

export type KeyMode =
  | { kind: 'quitting' }
  | { kind: 'repl' }
  | { kind: 'modal'; scope: 'list' | 'confirm' }
  | { kind: 'lab'; overlayOpen: boolean; lessons: boolean };

export interface KeyRoutes {
  /** The mode now, computed from the newest state. */
  mode: () => KeyMode;
  /** The current handlers (read when a key arrives, so they are the newest render's). */
  lab: KeyHandlers;
  list: KeyHandlers;
  confirm: KeyHandlers;
  /** Printable text the list's filter takes. */
  onListText: (text: string) => void;
  repl: (input: string, key: Key) => void;
  quit: () => void;
}

export function useKeyRouter(routes: KeyRoutes): void {
  const latest = useRef(routes);
  latest.current = routes;
  const route = (input: string, key: Key): void => {
    const r = latest.current;
    if (resolveKey(['always'], input, key) === 'interrupt') return r.quit();
    const mode = r.mode();
    switch (mode.kind) {
      case 'quitting':
        // Pressed again while the engine stops, quit exits without waiting.
        if (resolveKey(['global'], input, key) === 'quit') r.quit();
        return;
      case 'repl':
        return r.repl(input, key);
      case 'modal': {
        const handlers = mode.scope === 'list' ? r.list : r.confirm;
        const action = resolveKey([mode.scope], input, key);
        if (action) handlers[action]?.(input);
        else if (mode.scope === 'list' && isText(input, key)) r.onListText(input);
        return;
      }
      case 'lab': {
        const action = resolveKey(labScopes(mode.overlayOpen, mode.lessons), input, key);
        if (action) r.lab[action]?.(input);
      }
    }
  };
  useInput((input, key) => {
    // Keys typed faster than the terminal is read arrive as one chunk ("12⏎" in the lesson list): Ink hands it over
    // whole, and the filter took none of it. In the list each character is routed in order as if typed one by one.
    // Nowhere else: a chunk there is most often a paste, and split into keys, "Ready" would reset the lesson (R, y).
    const mode = latest.current.mode();
    if ([...input].length > 1 && !key.ctrl && !key.meta && !key.escape && mode.kind === 'modal' && mode.scope === 'list') {
      for (const character of input) route(character, keyOf(character));
      return;
    }
    route(input, key);
  });
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** What Ink would have said of one character typed alone. */
function keyOf(character: string): Key {
  return {
    ...NO_KEY,
    return: character === '\r' || character === '\n',
    tab: character === '\t',
    backspace: character === '\b',
    delete: character === '\u007f',
    shift: character !== character.toLowerCase(),
  };
}

/** Printable text, not a control or navigation key (the list's filter types it). */
function isText(input: string, key: Key): boolean {
  return input !== '' && !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab && /^[^\u0000-\u001F\u007F]+$/u.test(input);
}
