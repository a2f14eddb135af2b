// file-watch: the watcher sees the save and the saved module is evaluated again, with every module that imports
// it, up to the entry or a module that accepts its own updates (Go: fsnotify + reload; Vite: HMR propagation).
// Module state starts over in each re-run module, except what it keeps in its own `hot.data` and reads back
// (isolate-runtime.ts decides "kept" per module: handed a non-empty hot.data, and the new code reads it).
import { loadNextToOld } from './load-next-to-old.ts';
import type { Strategy } from './strategy.ts';

export const fileWatch: Strategy = {
  name: 'file-watch',
  summary: 're-evaluate the saved module and its importers; state resets except hot.data',
  goOriginal: 'fsnotify.NewWatcher() + reload on fsnotify.Write',
  apply: (context) => loadNextToOld(context, { kind: 're-run', changed: context.changed }),
};
