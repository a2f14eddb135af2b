// Global keys: resolved through the key table, handed to the screen's handlers. Inactive while the REPL
// has focus, so typing `r` in the REPL never reloads the service.
import { useInput } from 'ink';
import { resolveKey, type KeyAction, type KeyScope } from './key-table.ts';

export type KeyHandlers = Partial<Record<KeyAction, (input: string) => void>>;

export function useLabKeys({ isActive, overlayOpen, handlers }: { isActive: boolean; overlayOpen: boolean; handlers: KeyHandlers }) {
  const scopes: KeyScope[] = overlayOpen ? ['overlay', 'global'] : ['global'];
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
