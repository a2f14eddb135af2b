// Watches every module file of a workspace (any `.js`, `.mjs`, `.ts`, `.mts` under it), so a save of any module of
// the program is seen, and a save of a file the program does not import can be told apart and said so.
import { basename } from 'node:path';
import type { FileWatcher, SaveEvent, WatchOptions } from './save-events.ts';
import { watchFiles } from './watch-files.ts';

/** Subdirectory levels watched: deeper than any lesson goes, shallow enough not to crawl a home directory. */
const WORKSPACE_DEPTH = 6;

export function isModuleFile(file: string): boolean {
  return /\.m?[jt]s$/.test(file) && !file.endsWith('.d.ts');
}

/** hotlab's own state, dependencies and hidden folders (`.git`) hold no module of the learner's. */
function skipped(directory: string): boolean {
  const name = basename(directory);
  return name.startsWith('.') || name === 'node_modules';
}

export function watchWorkspace(workspace: string, options: WatchOptions, onEvent: (event: SaveEvent) => void): Promise<FileWatcher> {
  return watchFiles(workspace, { ...options, depth: WORKSPACE_DEPTH, accept: isModuleFile, skipDirectory: skipped }, onEvent);
}
