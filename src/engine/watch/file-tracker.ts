// One watched file's view of its saves: reads it when its events come, one read at a time, and reports each
// distinct content once, whatever way the editor saved it (in place, temp file + rename, delete + create,
// truncate + write). The directory watcher (watch-files.ts) feeds it events.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { describeError } from '../errors.ts';
import { EMPTY_READ_GRACE_MS, type SaveEvent, type WatchNote } from './save-events.ts';

export type Trigger = 'event' | 'unlink' | 'grace';

type ReadResult =
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'read'; content: string; mtimeMs: number; ino: number; readMs: number };

const FOLDER = 'is a folder now, not a file';

export interface FileTracker {
  /** A watcher event for this file (or the grace timer) arrived at `eventAt`. */
  signal(trigger: Trigger, eventAt: number): void;
  /** Stops reporting; resolves once a read in flight has closed its file. */
  close(): Promise<void>;
}

export interface FileTrackerHooks {
  onEvent(event: SaveEvent): void;
  onNote?(note: WatchNote): void;
  /** A read failed other than by the file being missing, or a listener threw. */
  onError(message: string, cause: unknown): void;
}

export function trackFile(target: string, hooks: FileTrackerHooks): FileTracker {
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
          hooks.onError('A listener failed on a save of', error);
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
        hooks.onEvent({ kind: 'unreadable', file: target, eventAt, reason: result.reason });
      }
      return;
    }
    unreadableReported = null;
    if (result.kind === 'missing') {
      // A change event can find the file gone in the middle of a rename save; only chokidar's unlink, which
      // already waited out the atomic window, means it was deleted.
      if (trigger !== 'unlink') {
        hooks.onNote?.({ kind: 'missing', file: target, eventAt });
      } else if (!deletedReported) {
        deletedReported = true;
        last = null;
        hooks.onEvent({ kind: 'deleted', file: target, eventAt });
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
      hooks.onNote?.({ kind: 'empty-read', file: target, eventAt });
      return;
    }
    emptySeen = null;
    deletedReported = false;
    if (last && last.mtimeMs === result.mtimeMs && last.content === result.content) {
      hooks.onNote?.({ kind: 'unchanged', file: target, eventAt, mtimeMs: result.mtimeMs });
      return;
    }
    last = { mtimeMs: result.mtimeMs, content: result.content };
    hooks.onEvent({ kind: 'change', file: target, content: result.content, mtimeMs: result.mtimeMs, eventAt, readMs: result.readMs });
  };

  return {
    signal,
    async close() {
      closed = true;
      clearTimeout(graceTimer);
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

/**
 * Reads content and mtime from one file descriptor, so both describe the same inode even mid-rename. Synchronous:
 * a module is a few KB, and the thread pool's round trips made an async read of 300 bytes cost ~1.5 ms of the
 * update's time (three hops: open, fstat, read) where the read itself takes ~0.05 ms.
 *
 * A write still under way shows as a file whose size or mtime moved while it was read, or whose size is not what
 * was read: it is read again a moment later (a half-written file is refused as a syntax error or a missing export,
 * and the learner would see that flash by — seen under load when two saves came back to back).
 */
async function readFile(file: string): Promise<ReadResult> {
  const startedAt = performance.now();
  let result: ReadResult = { kind: 'missing' };
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
    const read = readOnce(file);
    if (read.kind !== 'settled') return read.result;
    result = { ...read.result, readMs: performance.now() - startedAt };
    if (read.stable) return result;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}

/** How many times a file still being written is read before what was read is taken. */
const READ_ATTEMPTS = 5;

function readOnce(file: string): { kind: 'final'; result: ReadResult } | { kind: 'settled'; result: Extract<ReadResult, { kind: 'read' }>; stable: boolean } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if (isMissing(error)) return { kind: 'final', result: { kind: 'missing' } };
    if (error instanceof Error && 'code' in error && error.code === 'EISDIR') return { kind: 'final', result: { kind: 'unreadable', reason: FOLDER } };
    throw error;
  }
  try {
    const before = fstatSync(fd);
    if (before.isDirectory()) return { kind: 'final', result: { kind: 'unreadable', reason: FOLDER } };
    const bytes = readFileSync(fd);
    const after = fstatSync(fd);
    const stable = after.size === before.size && after.mtimeMs === before.mtimeMs && bytes.length === after.size;
    return { kind: 'settled', result: { kind: 'read', content: bytes.toString('utf8'), mtimeMs: before.mtimeMs, ino: before.ino, readMs: 0 }, stable };
  } finally {
    closeSync(fd);
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}
