// What the watchers report: each save as the content on disk, a deletion, or why an event was not a save.
import { HotlabError } from '../errors.ts';

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
export interface WatchOptions {
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
export interface FileWatcher {
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
