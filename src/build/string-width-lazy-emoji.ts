// An esbuild plugin for the bundle (bundle.ts): string-width, which Ink measures every line of the screen with,
// builds its RGI emoji regex only for a cluster that could be one.
import type { Plugin } from 'esbuild';
import { patchSegmenters } from './lazy-grapheme-segmenter.ts';

/**
 * string-width builds `/^\p{RGI_Emoji}$/v` when it is imported and runs it on every grapheme cluster of every line
 * that is not plain ASCII (the lab's `·`, `—`, `✓`…). That regex is huge: importing string-width cost ~50 ms of CPU
 * here and its first call ~20 ms more, all on the way to the lab's first frame; with the regex built on first need,
 * ~12 ms and ~3 ms. Every RGI emoji holds a code point with Emoji_Presentation, an emoji modifier, a regional
 * indicator, VS16, the keycap mark or a zero-width joiner (Unicode TS #51's sequences); a cluster with none of them
 * cannot match, and skips the regex. test/ui/string-width-patch.test.ts compares the widths with the original's.
 */
export function patchStringWidth(source: string): string | null {
  const declaration = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
  if (source.split(declaration).length !== 2) return null;
  // A function, not a string, as the replacement: the new text holds `$'`, which a replacement string expands.
  return source.replace(
    declaration,
    () =>
      'let rgiEmojiRegexBuilt;\n' +
      'const mayBeRgiEmojiRegex = /[\\p{Emoji_Presentation}\\p{Emoji_Modifier}\\p{Regional_Indicator}\\u{FE0F}\\u{20E3}\\u{200D}]/u;\n' +
      "const rgiEmojiRegex = {test: (segment) => mayBeRgiEmojiRegex.test(segment) && (rgiEmojiRegexBuilt ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(segment)};",
  );
}

export const stringWidthLazyEmoji: Plugin = {
  name: 'string-width-lazy-emoji',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const patched = patchStringWidth(await readFile(args.path, 'utf8'));
      if (patched === null) {
        return { errors: [{ text: `string-width-lazy-emoji: ${args.path} no longer declares rgiEmojiRegex as expected; review src/build/string-width-lazy-emoji.ts` }] };
      }
      // esbuild loads a file through the first plugin that answers for it: string-width's segmenter is swapped here.
      const segmented = patchSegmenters(patched);
      if (segmented === null) return { errors: [{ text: `string-width-lazy-emoji: ${args.path} uses Intl.Segmenter in a way lazy-grapheme-segmenter does not replace` }] };
      return { contents: segmented, loader: 'js' };
    });
  },
};
