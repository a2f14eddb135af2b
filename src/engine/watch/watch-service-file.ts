// Watches the learner's service file and reports each save as the content that is on disk, whatever way the
// editor saved it: in place, temp file + rename, delete + create, truncate + write.
import { watch } from 'chokidar';
import { open, realpath } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { describeError, HotlabError } from '../errors.ts';

/** One save as the watcher saw it. Times are wall-clock ms since the epoch, with sub-ms precision. */
export type SaveEvent =
  | {
      kind: 'change';
      file: string;
      content: string;
      /** The file's mtime when read; `eventAt - mtimeMs` is the detect time (can be ≤ 0 when a write landed
       * between the event and the read, as the event then belongs to an older write). */
      mtimeMs: number;
      /** When the watcher event that led to this read arrived. */
      eventAt: number;
      /** How long opening, stat-ing and reading the file took. */
      readMs: number;
    }
  | { kind: 'deleted'; file: string; eventAt: number }
  /** The path is there but cannot be read as a file (it became a folder, lost its permissions): said once. */
  | { kind: 'unreadable'; file: string; eventAt: number; reason: string };

/** How to watch. */
export interface WatchServiceFileOptions {
  /** Poll with `stat` instead of file system events, for file systems where events never arrive. @default false */
  polling?: boolean;
  /** Hears failures of the watcher or of a read other than the file being missing (EACCES, EISDIR, …).
   * Without it they are dropped: the watcher keeps going, and the next save is read afresh. */
  onError?: (error: WatchError) => void;
  /** Hears what the watcher saw but did not report as a save: what the lesson on watching files shows, and
   * what tests wait on. */
  onNote?: (note: WatchNote) => void;
}

/** An event that did not become a {@link SaveEvent}, and why. */
export type WatchNote =
  /** The file read empty; the report waits {@link EMPTY_READ_GRACE_MS} (again) for the editor's write. */
  | { kind: 'empty-read'; file: string; eventAt: number }
  /** The read matched the last report (mtime and content): a duplicate event, or a chmod. */
  | { kind: 'unchanged'; file: string; eventAt: number; mtimeMs: number }
  /** The file was gone, as in the middle of a rename save; `deleted` comes only if it stays gone. */
  | { kind: 'missing'; file: string; eventAt: number };

/** A running watch. */
export interface ServiceFileWatcher {
  /** Stops watching; no event is reported once this has resolved. */
  close(): Promise<void>;
}

/** The watcher or a read of the watched file failed. */
export class WatchError extends HotlabError {
  readonly file: string;

  constructor(message: string, file: string, options?: ErrorOptions) {
    super(message, options);
    this.file = file;
  }
}

/**
 * How long an empty read waits for the next event before the file is re-read and reported even if empty.
 * The re-read reports what is there unless it is an empty file from a newer write than the one that read empty
 * (another save is under way: chokidar holds its event back for up to 50 ms), in which case it waits again.
 *
 * Editors that save with `open(O_TRUNC)` then `write` (VS Code, anything on Node's async `fs.writeFile`) leave
 * the file empty for a moment. Measured on this machine (2 cores, ext4, Node 24; inotify → readFileSync in a
 * tight loop until non-empty, 150–1,200 async `writeFile` saves per run): empty for p50 0.4 ms / max 1.4 ms
 * when idle, and p50 0.4 ms / p99 10–12 ms / max 17–81 ms with the CPU oversubscribed by busy loops.
 * `fs.writeFileSync`, shell redirection, Python and vim never showed an empty file. chokidar already holds an
 * empty `change` for 10 ms, so by our first read the writer has had ≥ 10 ms; 25 ms more covers the loaded p99
 * with room. It only delays reporting a file that really is empty; a writer slower than that yields an empty
 * report followed by the real content, which the engine rejects and then applies.
 */
export const EMPTY_READ_GRACE_MS = 25;

/**
 * How long a missing file may stay missing before `deleted` is reported (chokidar's `atomic` window, whose
 * default we keep). Saves by rename (vim's backup rename) or delete + create leave the file absent between two
 * of the editor's syscalls, and reporting `deleted` there would flash a false problem. The window delays only
 * the `deleted` report, never a change (an add inside it is reported at once, as a change), so it costs no
 * save latency. Polling may see the gap on one poll and the new file on the next, so there it spans two and a
 * half polls.
 */
const ATOMIC_WINDOW_MS = 100;
const POLLING_INTERVAL_MS = 100;
const POLLING_ATOMIC_WINDOW_MS = 250;

type Trigger = 'event' | 'unlink' | 'grace';

type ReadResult =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'read'; content: string; mtimeMs: number; ino: number; readMs: number };

const now = (): number => performance.timeOrigin + performance.now();

const FOLDER = 'is a folder now, not a file';

/**
 * Watches `file` through its parent directory (watching the file's inode would lose it on a rename save) and
 * calls `onEvent` for every distinct content saved, and once when the file is deleted. Resolves once the
 * watcher is ready, so a save made after the promise resolves is seen.
 */
export async function watchServiceFile(
  file: string,
  options: WatchServiceFileOptions,
  onEvent: (event: SaveEvent) => void,
): Promise<ServiceFileWatcher> {
  const target = resolve(file);
  const directory = dirname(target);
  const reportError = (message: string, cause: unknown): void => {
    options.onError?.(new WatchError(`${message} ${basename(target)}: ${describeError(cause)}`, target, { cause }));
  };

  let closed = false;
  // Reads run one at a time; events that arrive meanwhile collapse into one pending look at the file.
  let pending: { trigger: Trigger; eventAt: number } | null = null;
  let draining = false;
  let drained: Promise<void> = Promise.resolve();
  let graceTimer: NodeJS.Timeout | undefined;
  /** The empty file the grace timer is waiting on: which write produced it. */
  let emptySeen: { mtimeMs: number; ino: number } | null = null;
  let last: { mtimeMs: number; content: string } | null = null;
  let deletedReported = false;
  let unreadableReported: string | null = null;

  const signal = (trigger: Trigger, eventAt: number): void => {
    if (closed) return;
    // A grace re-read carries the time of the event that read empty; a real event pending since is newer.
    if (pending) pending = { trigger: strongest(pending.trigger, trigger), eventAt: trigger === 'grace' ? pending.eventAt : eventAt };
    else pending = { trigger, eventAt };
    if (draining) return;
    draining = true;
    drained = drain();
  };

  const drain = async (): Promise<void> => {
    try {
      while (pending && !closed) {
        const { trigger, eventAt } = pending;
        pending = null;
        try {
          await look(trigger, eventAt);
        } catch (error) {
          // Only onEvent or onNote can throw here (read failures are handled in look); keep watching.
          reportError('A listener failed on a save of', error);
        }
      }
    } finally {
      // Cleared in the same turn as the loop's last check, so a signal can never find the flag set by a loop
      // that has already stopped looking at `pending`.
      draining = false;
    }
  };

  const look = async (trigger: Trigger, eventAt: number): Promise<void> => {
    // Whatever the read shows, it replaces the empty read the grace timer was waiting on.
    clearTimeout(graceTimer);
    let result: ReadResult;
    try {
      result = await readFile(target);
    } catch (error) {
      result = { kind: 'unreadable', reason: `cannot be read: ${describeError(error)}` };
    }
    if (closed) return;
    if (result.kind === 'unreadable') {
      // Said once per kind of trouble, so a folder that stays a folder is not reported on every event in it.
      if (unreadableReported !== result.reason) {
        unreadableReported = result.reason;
        last = null;
        onEvent({ kind: 'unreadable', file: target, eventAt, reason: result.reason });
      }
      return;
    }
    unreadableReported = null;
    if (result.kind === 'missing') {
      // A change event can find the file gone in the middle of a rename save; only chokidar's unlink, which
      // already waited out the atomic window, means it was deleted.
      if (trigger !== 'unlink') {
        options.onNote?.({ kind: 'missing', file: target, eventAt });
      } else if (!deletedReported) {
        deletedReported = true;
        last = null;
        onEvent({ kind: 'deleted', file: target, eventAt });
      }
      return;
    }
    // An empty read waits. When the grace is over, an empty file written by the same write (same mtime and
    // inode) is reported: nobody wrote since. An empty file from a newer write means saves are still coming
    // (a burst of them, whose events chokidar holds back for up to 50 ms), so it waits again.
    const emptyHere = { mtimeMs: result.mtimeMs, ino: result.ino };
    const sameEmpty = emptySeen?.mtimeMs === emptyHere.mtimeMs && emptySeen.ino === emptyHere.ino;
    if (result.content === '' && !(trigger === 'grace' && sameEmpty)) {
      emptySeen = emptyHere;
      graceTimer = setTimeout(() => signal('grace', eventAt), EMPTY_READ_GRACE_MS);
      options.onNote?.({ kind: 'empty-read', file: target, eventAt });
      return;
    }
    emptySeen = null;
    deletedReported = false;
    if (last && last.mtimeMs === result.mtimeMs && last.content === result.content) {
      options.onNote?.({ kind: 'unchanged', file: target, eventAt, mtimeMs: result.mtimeMs });
      return;
    }
    last = { mtimeMs: result.mtimeMs, content: result.content };
    onEvent({ kind: 'change', file: target, content: result.content, mtimeMs: result.mtimeMs, eventAt, readMs: result.readMs });
  };

  // chokidar itself adds two fixed delays, neither configurable in v6 (policy.js): it holds a `change` that
  // stats an empty file for 10 ms waiting for the data, and passes one `change` per file per 50 ms, replaying
  // the last one at the end of the window. So a save within 50 ms of the previous one is seen up to 50 ms late;
  // the first save of a burst is not delayed.
  //
  // A symlinked service file is edited through the link, so the saves land in the real file's folder: both
  // folders are watched, the link's and its target's (issue 12, point 8: with chokidar following the link
  // itself, a second save within 50 ms was lost). When the link is pointed elsewhere, the new target's folder
  // is watched instead. Reads always go through the link.
  const polling = options.polling ?? false;
  let real = await linkTarget(target);
  const watched = (): Set<string> => new Set([directory, target, dirname(real), real]);
  let paths = watched();
  const watcher = watch([...new Set([directory, dirname(real)])], {
    ignoreInitial: true,
    depth: 0,
    // The directories themselves must pass, or nothing under them is watched.
    ignored: (path: string) => !paths.has(path),
    // The link is watched as the link, its target as a file of its own folder.
    followSymlinks: false,
    backend: polling ? 'polling' : 'native',
    pollingInterval: POLLING_INTERVAL_MS,
    atomic: polling ? POLLING_ATOMIC_WINDOW_MS : ATOMIC_WINDOW_MS,
    // Stays off: it holds every event until the size is stable for its threshold (seconds by default);
    // the empty-read grace above covers half-written files for a fraction of that.
    awaitWriteFinish: false,
  });
  const followLink = async (): Promise<void> => {
    const now = await linkTarget(target);
    if (now === real || closed) return;
    const before = dirname(real);
    real = now;
    paths = watched();
    if (!paths.has(before)) watcher.unwatch(before);
    watcher.add(dirname(real));
  };
  watcher.on('all', (event, path) => {
    const eventAt = now();
    if (path !== target && path !== real) return;
    if (path === target && target !== real) void followLink().catch((error: unknown) => reportError('Could not follow the link', error));
    // A folder put where the file was arrives as addDir, and goes as unlinkDir.
    if (event === 'unlink' || event === 'unlinkDir') signal('unlink', eventAt);
    else if (event === 'add' || event === 'change' || event === 'addDir') signal('event', eventAt);
  });
  // chokidar swallows an unlink followed within its atomic window by anything but a file (`rm service.js &&
  // mkdir service.js` reported nothing). Any raw event on the file's name gets one more look once the window
  // has passed; for an ordinary save that look finds nothing new.
  let lateLook: NodeJS.Timeout | undefined;
  watcher.on('raw', (_event, path) => {
    if (typeof path !== 'string' || (basename(path) !== basename(target) && basename(path) !== basename(real))) return;
    clearTimeout(lateLook);
    lateLook = setTimeout(() => signal('event', now()), (polling ? POLLING_ATOMIC_WINDOW_MS : ATOMIC_WINDOW_MS) + 50);
  });

  // Listen for errors before anything can emit one: an EventEmitter with no 'error' listener throws. Until
  // 'ready' an error fails the start (an unreadable directory would never report a save); after, onError hears it.
  let failStart: ((error: WatchError) => void) | null = null;
  watcher.on('error', (error) => {
    if (failStart) failStart(new WatchError(`Could not watch ${directory}: ${describeError(error)}`, target, { cause: error }));
    else reportError('Watcher failed for', error);
  });
  try {
    await new Promise<void>((ready, fail) => {
      failStart = fail;
      watcher.once('ready', () => ready());
    });
  } catch (error) {
    await watcher.close();
    throw error;
  } finally {
    failStart = null;
  }

  return {
    async close() {
      closed = true;
      clearTimeout(graceTimer);
      clearTimeout(lateLook);
      await watcher.close();
      // Let a read in flight finish so its file handle is closed before we say we are done.
      await drained;
    },
  };
}

/** An unlink seen while a look is pending must not be forgotten, and any event outranks the grace re-read. */
function strongest(a: Trigger, b: Trigger): Trigger {
  if (a === 'unlink' || b === 'unlink') return 'unlink';
  if (a === 'event' || b === 'event') return 'event';
  return 'grace';
}

/** Where a symlinked file really is (the file itself when it is not a link, or not there yet). */
async function linkTarget(file: string): Promise<string> {
  try {
    return await realpath(file);
  } catch {
    return file;
  }
}

/**
 * Reads content and mtime from one open handle, so both describe the same inode even mid-rename. A write still
 * under way shows as a file whose size or mtime moved while it was read, or whose size is not what was read:
 * read again (a half-written file is refused as a syntax error or a missing export, and the learner would see
 * that flash by — seen under load when two saves came back to back).
 */
async function readFile(file: string): Promise<ReadResult> {
  const startedAt = performance.now();
  let result: ReadResult = { kind: 'missing' };
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const read = await readOnce(file);
    if (read.kind !== 'settled') return read.result;
    result = { ...read.result, readMs: performance.now() - startedAt };
    if (read.stable) return result;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}

/** How many times a file still being written is read before what was read is taken. */
const READ_ATTEMPTS = 5;

async function readOnce(file: string): Promise<{ kind: 'final'; result: ReadResult } | { kind: 'settled'; result: Extract<ReadResult, { kind: 'read' }>; stable: boolean }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if (isMissing(error)) return { kind: 'final', result: { kind: 'missing' } };
    if (error instanceof Error && 'code' in error && error.code === 'EISDIR') return { kind: 'final', result: { kind: 'unreadable', reason: FOLDER } };
    throw error;
  }
  try {
    const before = await handle.stat();
    if (before.isDirectory()) return { kind: 'final', result: { kind: 'unreadable', reason: FOLDER } };
    const bytes = await handle.readFile();
    const after = await handle.stat();
    const stable = after.size === before.size && after.mtimeMs === before.mtimeMs && bytes.length === after.size;
    return { kind: 'settled', result: { kind: 'read', content: bytes.toString('utf8'), mtimeMs: before.mtimeMs, ino: before.ino, readMs: 0 }, stable };
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

