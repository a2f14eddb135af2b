// Loads a module with every function in it compiled at once, so that Node's compile cache keeps them all.
import { getCompileCacheDir } from 'node:module';
import { setFlagsFromString } from 'node:v8';

/**
 * The compile cache (launcher.ts) stores the bytecode V8 made while compiling a module, and V8 compiles a function
 * only when it is first called: the cache held the screen's module top level but not the functions its first
 * frame runs (React's reconciler, Ink, the panes), compiled again on every start. Compiled eagerly (V8's
 * --no-lazy, for this import only), they are all in the cache; the screen chunk's cache grows from ~0.4 to
 * ~1.4 MB and the lab's first frame costs ~40 ms less CPU (`npm run bench:startup`). Without a compile cache
 * (NODE_DISABLE_COMPILE_CACHE) eager compiling would only cost more, so the module loads as usual.
 *
 * The flag is V8's own: it changes how functions compiled from now on are compiled, and is set back as soon as
 * the import settles. Nothing else is compiled meanwhile: the lab awaits this import before it does anything else.
 */
export async function importEagerly<T>(load: () => Promise<T>): Promise<T> {
  if (getCompileCacheDir() === undefined) return load();
  setFlagsFromString('--no-lazy');
  try {
    return await load();
  } finally {
    setFlagsFromString('--lazy');
  }
}
