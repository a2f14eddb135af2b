// An esbuild plugin for the bundle (bundle.ts): string-width, which Ink measures every line of the screen with,
// builds its RGI emoji regex only for a cluster that could be one, and sums the widths of a text whose every UTF-16
// unit is a cluster of its own from a table.
import type { Plugin } from 'esbuild';
import { patchSegmenters, SHIM } from './lazy-grapheme-segmenter.ts';

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

/**
 * A line that is not plain ASCII (a `·`, a `—`, a box-drawing rule, Chinese) takes string-width's per-cluster path:
 * for every character a regex search for its visible part, the emoji tests, the Hangul test and an East Asian Width
 * lookup, ~5 ms of the lab's first frame and a share of every frame after. The width of a text is the sum of its
 * clusters' widths, each computed alone; when every UTF-16 unit is a cluster of its own (the lazy segmenter's
 * isOneUnitPerCluster, checked against Intl.Segmenter for every code point), the sum is taken over units from a
 * table filled on first sight of each unit, by string-width itself measuring that unit alone.
 */
export function patchStringWidthPerUnit(source: string): string | null {
  const asciiPath = '\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n';
  if (source.split(asciiPath).length !== 2) return null;
  const perUnit =
    '\t// (hotlab) Every unit a cluster of its own: sum the units\' widths, each measured alone once.\n' +
    '\tif (string.length > 1 && __hotlabIsOneUnitPerCluster(string)) {\n' +
    '\t\tconst widths = ambiguousIsNarrow ? __hotlabNarrowWidths : (__hotlabWideWidths ??= new Uint8Array(0x10000).fill(255));\n' +
    '\t\tlet width = 0;\n' +
    '\t\tfor (let index = 0; index < string.length; index++) {\n' +
    '\t\t\tconst unit = string.charCodeAt(index);\n' +
    '\t\t\tif (widths[unit] === 255) widths[unit] = stringWidth(string[index], {ambiguousIsNarrow, countAnsiEscapeCodes: true});\n' +
    '\t\t\twidth += widths[unit];\n' +
    '\t\t}\n' +
    '\t\treturn width;\n' +
    '\t}\n';
  const tables =
    `import { isOneUnitPerCluster as __hotlabIsOneUnitPerCluster } from ${JSON.stringify(SHIM)};\n` +
    'const __hotlabNarrowWidths = new Uint8Array(0x10000).fill(255);\n' +
    'let __hotlabWideWidths;\n';
  return tables + source.replace(asciiPath, () => asciiPath + perUnit);
}

export const stringWidthLazyEmoji: Plugin = {
  name: 'string-width-lazy-emoji',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const lazyEmoji = patchStringWidth(await readFile(args.path, 'utf8'));
      const patched = lazyEmoji === null ? null : patchStringWidthPerUnit(lazyEmoji);
      if (patched === null) {
        return { errors: [{ text: `string-width-lazy-emoji: ${args.path} no longer declares rgiEmojiRegex or has its ASCII fast path as expected; review src/build/string-width-lazy-emoji.ts` }] };
      }
      // esbuild loads a file through the first plugin that answers for it: string-width's segmenter is swapped here.
      const segmented = patchSegmenters(patched);
      if (segmented === null) return { errors: [{ text: `string-width-lazy-emoji: ${args.path} uses Intl.Segmenter in a way lazy-grapheme-segmenter does not replace` }] };
      return { contents: segmented, loader: 'js' };
    });
  },
};
