// Watches the files of one directory tree that a filter accepts, through the directory (watching a file's inode
// would lose it on a rename save), and reports each save of each file as the content on disk (file-tracker.ts).
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
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
 * Calls `onEvent` for every distinct content saved to an accepted file under `directory`, once when such a file
 * is deleted, and once when it becomes unreadable (a folder in its place). Resolves once the watcher is ready, so
 * a save made after the promise resolves is seen.
 *
 * A symlinked file is edited through the link, so its saves land in the real file's folder: that folder is
 * watched too, and its events are reported as the link's (issue 12, point 8: with chokidar following the link
 * itself, a second save within 50 ms was lost). When a link is pointed elsewhere, the new target's folder is
 * watched instead. Reads always go through the link.
 */
export async function watchFiles(directory: string, options: WatchFilesOptions, onEvent: (event: SaveEvent) => void): Promise<FileWatcher> {
  const root = resolve(directory);
  const trackers = new Map<string, FileTracker>();
  let closed = false;
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

  /** Real file → the link (in the tree) it is read through; and the real files' folders, watched as well. */
  const linkOf = new Map<string, string>();
  const realOf = new Map<string, string>();
  /** Folders watched for a link's target (outside the tree, or below the depth watched). */
  const targetFolders = new Set<string>();
  const follow = async (link: string): Promise<void> => {
    const real = await realpath(link).catch(() => link);
    if (closed || realOf.get(link) === real) return;
    const before = realOf.get(link);
    if (before) linkOf.delete(before);
    if (real === link) {
      realOf.delete(link);
      return;
    }
    realOf.set(link, real);
    linkOf.set(real, link);
    const folder = dirname(real);
    if (folder !== root && !targetFolders.has(folder)) {
      targetFolders.add(folder);
      watcher.add(folder);
    }
  };

  // chokidar itself adds two fixed delays, neither configurable in v6 (policy.js): it holds a `change` that
  // stats an empty file for 10 ms waiting for the data, and passes one `change` per file per 50 ms, replaying
  // the last one at the end of the window. So a save within 50 ms of the previous one is seen up to 50 ms late;
  // the first save of a burst is not delayed.
  const polling = options.polling ?? false;
  const atomic = polling ? POLLING_ATOMIC_WINDOW_MS : ATOMIC_WINDOW_MS;
  // chokidar loads with the first watcher, not with the engine: the lab's first frame comes before the engine starts
  // watching, and importing chokidar (with the node:fs/promises and stream modules it needs) was ~10-20 ms of CPU.
  const { watch } = await import('chokidar');
  const watcher = watch(root, {
    ignoreInitial: true,
    depth: options.depth ?? 0,
    // The root must pass, or nothing under it is watched; a path chokidar has not stat-ed yet may be a folder.
    // A link's target folder outside the tree is watched for that target alone.
    ignored: (path: string, stats?: { isFile(): boolean; isDirectory(): boolean }) => {
      if (path === root || targetFolders.has(path)) return false;
      if (!isUnder(root, path)) return !linkOf.has(path);
      if (stats?.isDirectory()) return options.skipDirectory?.(path) ?? false;
      if (stats?.isFile() || options.accept(path)) return !options.accept(path) && !linkOf.has(path);
      return options.skipDirectory?.(path) ?? false;
    },
    // A link is watched as the link, its target as a file of its own folder.
    followSymlinks: false,
    backend: polling ? 'polling' : 'native',
    pollingInterval: POLLING_INTERVAL_MS,
    atomic,
    // Stays off: it holds every event until the size is stable for its threshold (seconds by default);
    // the empty-read grace covers half-written files for a fraction of that.
    awaitWriteFinish: false,
  });
  const reported = (path: string): string | null => {
    const file = linkOf.get(path) ?? path;
    return options.accept(file) ? file : null;
  };
  watcher.on('all', (event, path) => {
    const eventAt = now();
    const file = reported(path);
    if (!file) return;
    if (file === path && (event === 'add' || event === 'change')) void follow(file).catch((error: unknown) => options.onError?.(new WatchError(`Could not follow the link ${basename(file)}: ${describeError(error)}`, file, { cause: error })));
    // A folder put where a file was arrives as addDir, and goes as unlinkDir.
    if (event === 'unlink' || event === 'unlinkDir') trackerOf(file).signal('unlink', eventAt);
    else if (event === 'add' || event === 'change' || event === 'addDir') trackerOf(file).signal('event', eventAt);
  });
  // The file system's own event (chokidar's raw event, emitted as it arrives) starts a look at once: chokidar's
  // 'change' follows only after its own stat of the file, a thread-pool round trip later (~1 ms, more under
  // load), and then finds nothing new. And chokidar swallows an unlink followed within its atomic window by
  // anything but a file (`rm service.js && mkdir service.js` reported nothing), so any raw event on a watched
  // file's name gets one more look once the window has passed; for an ordinary save it finds nothing new.
  const lateLooks = new Map<string, NodeJS.Timeout>();
  watcher.on('raw', (_event, path, details) => {
    const eventAt = now();
    if (typeof path !== 'string' || path === '') return;
    const folder = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
    const full = isAbsolute(path) ? path : typeof folder === 'string' ? join(folder, path) : null;
    const file = full ? reported(full) : null;
    if (!file) return;
    trackerOf(file).signal('event', eventAt);
    clearTimeout(lateLooks.get(file));
    lateLooks.set(file, setTimeout(() => trackerOf(file).signal('event', now()), atomic + 50));
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
  // Links that were there before the watch began.
  const existing = Object.entries(watcher.getWatched()).flatMap(([folder, names]) => names.map((name) => join(folder, name)));
  await Promise.all(existing.filter((file) => options.accept(file)).map(follow));

  return {
    async close() {
      closed = true;
      for (const timer of lateLooks.values()) clearTimeout(timer);
      await watcher.close();
      await Promise.all([...trackers.values()].map((tracker) => tracker.close()));
    },
  };
}

function isUnder(root: string, path: string): boolean {
  return path === root || path.startsWith(`${root}/`);
}
