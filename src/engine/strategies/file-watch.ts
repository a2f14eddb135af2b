// file-watch: the watcher sees the save and the whole file is evaluated again (Go: fsnotify + reload).
// Module state starts over, except what the module keeps in `hot.data`, which is handed to the new version.
import { loadNextToOld } from './load-next-to-old.ts';
import type { Strategy } from './strategy.ts';

export const fileWatch: Strategy = {
  name: 'file-watch',
  summary: 're-evaluate the whole file; state resets except hot.data',
  goOriginal: 'fsnotify.NewWatcher() + reload on fsnotify.Write',
  apply: (context) => loadNextToOld(context, 'hot-data', false),
};
