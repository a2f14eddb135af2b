// The lab's terminal can go away under it: the window closed, ssh dropped, tmux killed. The kernel then sends
// SIGHUP (a service manager or `kill` sends SIGTERM). Node's default for both is to die at once, which left the
// lesson check's scratch folder in the temp directory (one more per closed lab: 80 had piled up on one machine)
// and skipped stopping the engine in order. A hang-up is a quit: the lab closes as on q and cleans up behind it.

const SIGNALS: NodeJS.Signals[] = ['SIGHUP', 'SIGTERM', 'SIGINT'];

/** Past this, a clean-up that hangs gives way to exiting: the sandboxes kill themselves when we are gone. */
const GIVE_UP_MS = 5_000;

/**
 * Until the returned function is called, SIGHUP, SIGTERM and SIGINT call `quit()` (once); a second signal, or a
 * clean-up still running after GIVE_UP_MS, exits at once.
 */
export function quitOnHangUp(quit: () => void): () => void {
  let quitting = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (quitting) {
      process.exit(128 + signalNumber(signal));
    }
    quitting = true;
    // The terminal is gone: the last frame Ink writes (and any read) fails with EIO. That is expected now, and an
    // 'error' with no listener would crash the process before it cleans up.
    process.stdout.on('error', ignore);
    process.stdin.on('error', ignore);
    setTimeout(() => process.exit(128 + signalNumber(signal)), GIVE_UP_MS).unref();
    quit();
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}

function ignore(): void {}

function signalNumber(signal: NodeJS.Signals): number {
  return process.getBuiltinModule('node:os').constants.signals[signal] ?? 1;
}
