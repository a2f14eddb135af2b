// Entry point of the TUI: render the lab for an engine and report when it has exited.
import { render } from 'ink';
import type { LessonSession } from '../engine/lessons/lesson-session.ts';
import type { LabEngine } from '../engine/types.ts';
import { App } from './app.tsx';
import { stopOnce } from './shared/engine-context.tsx';
import { LabStopError } from './lab-stop-error.ts';
import type { Lang } from './shared/messages.ts';
import { colorFromEnv } from './shared/theme.ts';

export interface RunLabOptions {
  /** @default 'en' */
  lang?: Lang;
  /** @default process.stdout */
  stdout?: NodeJS.WriteStream;
  /** @default process.stdin */
  stdin?: NodeJS.ReadStream;
  /** @default process.stderr */
  stderr?: NodeJS.WriteStream;
  /** Read for NO_COLOR. @default process.env */
  env?: Record<string, string | undefined>;
  /** @default process.cwd() */
  cwd?: string;
  /** Draw on the alternate screen, as full-screen terminal programs do, restoring the shell on exit. @default stdout.isTTY */
  alternateScreen?: boolean;
  /** Route stray `console.*` output around the frame instead of through it. @default true */
  patchConsole?: boolean;
  /** The lesson session (goal, checks, progress); the lab runs without one too. @default null */
  lessons?: LessonSession | null;
}

export interface LabHandle {
  /** Settles once the lab has exited, the engine has stopped and the terminal is restored. */
  waitUntilExit(): Promise<void>;
  /** Closes the screen without the learner asking: the lab could not start. */
  close(): void;
}

export function runLab(engine: LabEngine, options: RunLabOptions = {}): LabHandle {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const stop = stopOnce(engine);
  const instance = render(
    <App engine={engine} lang={options.lang ?? 'en'} color={colorFromEnv(options.env ?? process.env)} cwd={options.cwd} stop={stop} lessons={options.lessons ?? null} />,
    {
      stdout,
      stdin: options.stdin ?? process.stdin,
      stderr,
      // q and Ctrl+C go through the lab so the engine (sandbox processes, HTTP server) stops before Ink
      // restores the terminal; Ink's own Ctrl+C handler would unmount without stopping anything.
      exitOnCtrlC: false,
      // Ink goes non-interactive (final frame only) when it sees CI=true, even on a terminal. The lab only
      // starts on a TTY, so a CI variable in the learner's shell (or in our tmux end-to-end test) must not
      // leave the screen blank.
      interactive: Boolean(stdout.isTTY),
      alternateScreen: options.alternateScreen ?? Boolean(stdout.isTTY),
      patchConsole: options.patchConsole ?? true,
      // Ink rebuilds and measures the whole frame on every render (~2–5 ms at 80×24–160×50) and throttles
      // frames to this rate, so it bounds how long a key press waits to show: 30 keeps that under ~33 ms
      // while leaving the CPU to the updates the lab times (20 measured 40–115 ms key-to-screen at 1,000 req/s).
      maxFps: 30,
    },
  );
  const exited = instance.waitUntilExit().then(
    () => undefined,
    async (error: unknown) => {
      if (error instanceof LabStopError) {
        // The learner asked to quit and did: report the engine's trouble, keep exit code 0.
        const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
        stderr.write(`hotlab: ${error.message}: ${cause}\n`);
        return;
      }
      // The screen itself failed: stop the engine so no sandbox process outlives it, then report.
      // A failure to stop here is secondary: the screen error is the one worth reporting.
      await stop().catch(() => undefined);
      throw error;
    },
  );
  return { waitUntilExit: () => exited, close: () => instance.unmount() };
}
