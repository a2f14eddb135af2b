// Renders the lab into fake streams of a chosen size and waits for frames (never for the clock).
import { EventEmitter } from 'node:events';
import { render, type Instance } from 'ink';
import { App, type AppProps } from '../../src/ui/app.tsx';

/** A stdout with a size, recording every frame; `frame` fires on each write. */
export class FakeStdout extends EventEmitter {
  columns: number;
  rows: number;
  isTTY: boolean;
  readonly frames: string[] = [];

  constructor(columns: number, rows: number, isTTY = false) {
    super();
    this.columns = columns;
    this.rows = rows;
    this.isTTY = isTTY;
  }

  // Ink waits for a write's callback before it settles waitUntilExit, as with a real stream.
  write = (frame: string, encodingOrCallback?: BufferEncoding | (() => void), callback?: () => void): boolean => {
    if (frame !== '') {
      this.frames.push(frame);
      this.emit('frame', frame);
    }
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (done) queueMicrotask(done);
    return true;
  };

  lastFrame(): string {
    return this.frames[this.frames.length - 1] ?? '';
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** Ink reads keys with `readable` + `read()`; this is the same shape as ink-testing-library's stdin. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string): void => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = (): string | null => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

export const KEYS = {
  enter: '\r',
  escape: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  tab: '\t',
  backspace: '\u007F',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  ctrlC: '\u0003',
} as const;

/** Resolves once `check(frame)` holds for the latest frame; fails with that frame after `timeout` ms. */
export function waitForFrame(stdout: FakeStdout, check: (frame: string) => boolean, timeout = 3000): Promise<string> {
  if (check(stdout.lastFrame())) return Promise.resolve(stdout.lastFrame());
  return new Promise((resolve, reject) => {
    const onFrame = (frame: string) => {
      if (!check(frame)) return;
      clearTimeout(timer);
      stdout.off('frame', onFrame);
      resolve(frame);
    };
    const timer = setTimeout(() => {
      stdout.off('frame', onFrame);
      reject(new Error(`timed out after ${timeout} ms; last frame:\n${stdout.lastFrame()}`));
    }, timeout);
    stdout.on('frame', onFrame);
  });
}

/**
 * React attaches a newly active useInput listener in a passive effect, one event-loop turn after the frame
 * that showed the change. Tests wait for that turn (not for time) before typing into a newly focused REPL.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface LabHarness {
  stdout: FakeStdout;
  stdin: FakeStdin;
  instance: Instance;
  lastFrame(): string;
  waitFor(expected: string | ((frame: string) => boolean), timeout?: number): Promise<string>;
  press(...keys: string[]): Promise<void>;
  unmount(): void;
}

export async function renderLab(
  props: AppProps,
  { columns = 80, rows = 24 }: { columns?: number; rows?: number } = {},
): Promise<LabHarness> {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const stderr = new FakeStdout(columns, rows);
  const instance = render(<App cwd="/work/lab" {...props} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    // Debug mode writes each frame whole, with no cursor movement: what a person would read.
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const waitFor = (expected: string | ((frame: string) => boolean), timeout?: number) =>
    waitForFrame(stdout, typeof expected === 'string' ? (frame) => frame.includes(expected) : expected, timeout);
  await waitFor((frame) => frame.length > 0);
  await nextTurn(); // input listeners attach in effects after the first frame
  return {
    stdout,
    stdin,
    instance,
    lastFrame: () => stdout.lastFrame(),
    waitFor,
    // Each key is its own write, as a person types; a turn between keys lets focus changes attach listeners.
    press: async (...keys) => {
      for (const key of keys) {
        stdin.write(key);
        await nextTurn();
      }
    },
    unmount: () => {
      instance.unmount();
      instance.cleanup();
    },
  };
}
