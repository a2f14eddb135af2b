// An esbuild plugin for the bundle (bundle.ts): the packages Ink draws text with get a grapheme segmenter that
// needs no ICU data for plain text (src/ui/shared/lazy-grapheme-segmenter.ts).
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

/** The stand-in's module, imported by the files the bundle patches. */
export const SHIM = fileURLToPath(new URL('../ui/shared/lazy-grapheme-segmenter.ts', import.meta.url));
const CONSTRUCTION = /\bnew Intl\.Segmenter\(/g;

/**
 * string-width, wrap-ansi, slice-ansi, cli-truncate, @alcalzone/ansi-tokenize and Ink's line-update each build an
 * Intl.Segmenter when imported; the first one in a process loads ICU's break-iterator data (~20 ms of CPU before
 * the lab's first frame, which holds no text that needs it). Every `new Intl.Segmenter(` in an ES module of
 * node_modules becomes `new LazyGraphemeSegmenter(`. Any other use of Intl.Segmenter, or one in a CommonJS file
 * (where an import cannot be added), fails the build, to be looked at.
 */
export function patchSegmenters(source: string): string | null {
  const constructions = source.match(CONSTRUCTION)?.length ?? 0;
  const uses = source.match(/\bIntl\.Segmenter\b/g)?.length ?? 0;
  if (constructions !== uses || !/^\s*(import|export)\b/m.test(source)) return null;
  return `import { LazyGraphemeSegmenter as __HotlabLazyGraphemeSegmenter } from ${JSON.stringify(SHIM)};\n${source.replace(CONSTRUCTION, 'new __HotlabLazyGraphemeSegmenter(')}`;
}

export const lazyGraphemeSegmenter: Plugin = {
  name: 'lazy-grapheme-segmenter',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('Intl.Segmenter')) return undefined;
      const patched = patchSegmenters(source);
      if (patched === null) {
        return { errors: [{ text: `lazy-grapheme-segmenter: ${args.path} uses Intl.Segmenter in a way the plugin does not replace; review src/build/lazy-grapheme-segmenter.ts` }] };
      }
      return { contents: patched, loader: 'js' };
    });
  },
};
