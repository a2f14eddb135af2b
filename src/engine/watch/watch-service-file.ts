// Watches one file (a one-file service, a lesson check's scratch file) and reports each save of it.
import { dirname, resolve } from 'node:path';
import type { FileWatcher, SaveEvent, WatchOptions } from './save-events.ts';
import { watchFiles } from './watch-files.ts';

export { EMPTY_READ_GRACE_MS, WatchError } from './save-events.ts';
export type { FileWatcher, SaveEvent, WatchNote, WatchOptions } from './save-events.ts';

/**
 * Calls `onEvent` for every distinct content saved to `file`, and once when it is deleted. Resolves once the
 * watcher is ready, so a save made after the promise resolves is seen.
 */
export function watchServiceFile(file: string, options: WatchOptions, onEvent: (event: SaveEvent) => void): Promise<FileWatcher> {
  const target = resolve(file);
  return watchFiles(dirname(target), { ...options, depth: 0, accept: (path) => path === target }, onEvent);
}
