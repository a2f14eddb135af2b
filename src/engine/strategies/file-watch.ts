// file-watch: the watcher sees the save and the whole file is evaluated again (Go: fsnotify + reload).
// Module state starts over, except what the module keeps in `hot.data`, which is handed to the new version.
import { readsHotData } from '../source/reads-hot-data.ts';
import { loadNextToOld } from './load-next-to-old.ts';
import type { Strategy } from './strategy.ts';

export const fileWatch: Strategy = {
  name: 'file-watch',
  summary: 're-evaluate the whole file; state resets except hot.data',
  goOriginal: 'fsnotify.NewWatcher() + reload on fsnotify.Write',
  apply: async (context) => {
    const outcome = await loadNextToOld(context, 'hot-data', false);
    // State is kept when the new version got a non-empty hot.data *and* reads it back: handed over but never
    // read, the counter a learner watches starts from its initialiser, so "kept" would be untrue.
    if (outcome.kind !== 'applied' || !outcome.stateKept || readsHotData(context.next.shape)) return outcome;
    return {
      ...outcome,
      stateKept: false,
      notes: [...outcome.notes, 'hot.data was handed over, but this version never reads it back: its state starts fresh'],
    };
  },
};
