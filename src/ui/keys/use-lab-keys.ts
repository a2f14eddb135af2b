// Global keys: resolved through the key table, handed to the screen's handlers. Inactive while the REPL
// has focus, so typing `r` in the REPL never reloads the service.
import { useInput } from 'ink';
import { resolveKey, type KeyAction, type KeyScope } from './key-table.ts';

export type KeyHandlers = Partial<Record<KeyAction, (input: string) => void>>;

/** The scopes the lab keys listen in: overlay keys first when one is open; lesson keys only when none is. */
export function labScopes(overlayOpen: boolean, lessons: boolean): KeyScope[] {
  if (overlayOpen) return ['overlay', 'global'];
  return lessons ? ['lesson', 'global'] : ['global'];
}

export function useLabKeys({
  isActive,
  overlayOpen,
  lessons = false,
  handlers,
}: {
  isActive: boolean;
  overlayOpen: boolean;
  /** A lesson session is open: its keys (h, n, l…) listen too. @default false */
  lessons?: boolean;
  handlers: KeyHandlers;
}) {
  const scopes = labScopes(overlayOpen, lessons);
  useInput(
    (input, key) => {
      // The listener detaches in a passive effect after the commit that deactivated it; until then this
      // handler (always the latest render's) already knows it is inactive.
      if (!isActive) return;
      const action = resolveKey(scopes, input, key);
      if (action) handlers[action]?.(input);
    },
    { isActive },
  );
}

/** Ctrl+C in every mode, the REPL included. */
export function useInterruptKey(onInterrupt: () => void) {
  useInput((input, key) => {
    if (resolveKey(['always'], input, key) === 'interrupt') onInterrupt();
  });
}

/**
 * Keys of a modal scope (the lesson list, a y/n question): while active, the lab keys are inactive. Printable
 * keys that are not bound go to `onText` (the list's filter), so typing `q` filters rather than quits.
 */
export function useScopedKeys({
  isActive,
  scope,
  handlers,
  onText,
}: {
  isActive: boolean;
  scope: KeyScope;
  handlers: KeyHandlers;
  onText?: (text: string) => void;
}) {
  useInput(
    (input, key) => {
      if (!isActive) return;
      const action = resolveKey([scope], input, key);
      if (action) handlers[action]?.(input);
      else if (onText && input !== '' && !key.ctrl && !key.meta && !key.escape && !key.return && !key.tab && /^[^\u0000-\u001F\u007F]+$/u.test(input)) onText(input);
    },
    { isActive },
  );
}
