// How long `hotlab serve` runs: until a signal asks it to stop, until nobody reads its output any more, or until the
// process that started it is gone (issue 12, point 8).
//
// `npx hotlab serve` (the README's command) puts npm between the shell and hotlab, and npm does not pass a
// SIGTERM on: killing it left hotlab and both sandboxes serving, orphaned. `serve --json | head -1` closes the
// pipe after one line, and the next write failed with an unhandled EPIPE and a stack trace.

/** Why serve stopped. */
export type StopReason =
  | { kind: 'signal'; signal: NodeJS.Signals }
  | { kind: 'output-closed' }
  | { kind: 'parent-gone'; parent: number };

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** How often the parent is looked at: a `process.ppid` read, cheap enough to do twice a second. */
const PARENT_POLL_MS = 500;

/**
 * Resolves with the first reason to stop. `out` is where serve writes; an EPIPE there (or any write error) means
 * the reader is gone. The parent is watched unless it is already init (pid 1): a process started detached has
 * no parent to outlive.
 */
export function untilStopped(out: NodeJS.WritableStream): Promise<StopReason> {
  return new Promise((resolve) => {
    const parent = process.ppid;
    const onSignal = (signal: NodeJS.Signals): void => finish({ kind: 'signal', signal });
    const onOutputError = (): void => finish({ kind: 'output-closed' });
    const parentWatch =
      parent > 1
        ? setInterval(() => {
            if (process.ppid !== parent) finish({ kind: 'parent-gone', parent });
          }, PARENT_POLL_MS)
        : null;
    parentWatch?.unref();
    const finish = (reason: StopReason): void => {
      for (const signal of SIGNALS) process.off(signal, onSignal);
      // Stays listening: a write still queued when the pipe closed fails later and must not become unhandled.
      if (parentWatch) clearInterval(parentWatch);
      resolve(reason);
    };
    for (const signal of SIGNALS) process.on(signal, onSignal);
    out.on('error', onOutputError);
  });
}

/** A writer that stops writing once the output is closed, instead of raising EPIPE on every later line. */
export function lineWriter(out: NodeJS.WritableStream): (text: string) => void {
  let open = true;
  out.on('error', () => {
    open = false;
  });
  return (text) => {
    if (!open) return;
    try {
      out.write(text);
    } catch {
      open = false; // a synchronous EPIPE (a pipe written from the main thread): same as the 'error' above
    }
  };
}
