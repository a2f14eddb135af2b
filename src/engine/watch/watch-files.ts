// Watches the files of one directory tree that a filter accepts, through the directory (watching a file's inode
// would lose it on a rename save), and reports each save of each file as the content on disk (file-tracker.ts).
import { watch } from 'chokidar';
import { basename, resolve } from 'node:path';
import { describeError } from '../errors.ts';
import { trackFile, type FileTracker } from './file-tracker.ts';
import { WatchError, type FileWatcher, type SaveEvent, type WatchOptions } from './save-events.ts';

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

export interface WatchFilesOptions extends WatchOptions {
  /** Levels of subdirectories to watch below `directory`. @default 0 */
  depth?: number;
  /** Which files to report (absolute paths). */
  accept(file: string): boolean;
  /** Which subdirectories to leave out (absolute paths). @default none */
  skipDirectory?(directory: string): boolean;
}

const now = (): number => performance.timeOrigin + performance.now();

/**
 * Calls `onEvent` for every distinct content saved to an accepted file under `directory`, and once when such a
 * file is deleted. Resolves once the watcher is ready, so a save made after the promise resolves is seen.
 */
export async function watchFiles(directory: string, options: WatchFilesOptions, onEvent: (event: SaveEvent) => void): Promise<FileWatcher> {
  const root = resolve(directory);
  const trackers = new Map<string, FileTracker>();
  const trackerOf = (file: string): FileTracker => {
    let tracker = trackers.get(file);
    if (!tracker) {
      tracker = trackFile(file, {
        onEvent,
        onNote: options.onNote,
        onError: (message, cause) => options.onError?.(new WatchError(`${message} ${basename(file)}: ${describeError(cause)}`, file, { cause })),
      });
      trackers.set(file, tracker);
    }
    return tracker;
  };

  // chokidar itself adds two fixed delays, neither configurable in v6 (policy.js): it holds a `change` that
  // stats an empty file for 10 ms waiting for the data, and passes one `change` per file per 50 ms, replaying
  // the last one at the end of the window. So a save within 50 ms of the previous one is seen up to 50 ms late;
  // the first save of a burst is not delayed.
  const polling = options.polling ?? false;
  const watcher = watch(root, {
    ignoreInitial: true,
    depth: options.depth ?? 0,
    // The root must pass, or nothing under it is watched; a path chokidar has not stat-ed yet may be a folder.
    ignored: (path: string, stats?: { isFile(): boolean; isDirectory(): boolean }) => {
      if (path === root) return false;
      if (stats?.isDirectory()) return options.skipDirectory?.(path) ?? false;
      if (stats?.isFile() || options.accept(path)) return !options.accept(path);
      return options.skipDirectory?.(path) ?? false;
    },
    backend: polling ? 'polling' : 'native',
    pollingInterval: POLLING_INTERVAL_MS,
    atomic: polling ? POLLING_ATOMIC_WINDOW_MS : ATOMIC_WINDOW_MS,
    // Stays off: it holds every event until the size is stable for its threshold (seconds by default);
    // the empty-read grace covers half-written files for a fraction of that.
    awaitWriteFinish: false,
  });
  watcher.on('all', (event, path) => {
    const eventAt = now();
    if (!options.accept(path)) return;
    if (event === 'unlink') trackerOf(path).signal('unlink', eventAt);
    else if (event === 'add' || event === 'change') trackerOf(path).signal('event', eventAt);
  });

  // Listen for errors before anything can emit one: an EventEmitter with no 'error' listener throws. Until
  // 'ready' an error fails the start (an unreadable directory would never report a save); after, onError hears it.
  let failStart: ((error: WatchError) => void) | null = null;
  watcher.on('error', (error) => {
    if (failStart) failStart(new WatchError(`Could not watch ${root}: ${describeError(error)}`, root, { cause: error }));
    else options.onError?.(new WatchError(`Watcher failed for ${root}: ${describeError(error)}`, root, { cause: error }));
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
      await watcher.close();
      await Promise.all([...trackers.values()].map((tracker) => tracker.close()));
    },
  };
}
