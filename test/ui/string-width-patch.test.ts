// The bundle's string-width (src/build/string-width-lazy-emoji.ts) measures every string as the original does: it
// only skips the RGI emoji regex for clusters that cannot be one, and sums a text of one-unit clusters from a table.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { stringWidthLazyEmoji } from '../../src/build/string-width-lazy-emoji.ts';
import { lessonLines } from './lesson-lines.ts';

type StringWidth = (text: string, options?: { ambiguousIsNarrow?: boolean }) => number;

let scratch: string;
let original: StringWidth;
let patched: StringWidth;

/** string-width bundled on its own, as the lab's bundle holds it, with or without the plugin. */
async function bundled(name: string, withPlugin: boolean): Promise<StringWidth> {
  const outfile = join(scratch, `${name}.mjs`);
  await build({
    stdin: { contents: "export { default } from 'string-width';", resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    plugins: withPlugin ? [stringWidthLazyEmoji] : [],
    logLevel: 'error',
  });
  return ((await import(pathToFileURL(outfile).href)) as { default: StringWidth }).default;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'hotlab-string-width-'));
  original = await bundled('original', false);
  patched = await bundled('patched', true);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function differences(texts: Iterable<string>, options?: { ambiguousIsNarrow?: boolean }): string[] {
  const found: string[] = [];
  for (const text of texts) {
    const [got, expected] = [patched(text, options), original(text, options)];
    if (got !== expected) found.push(`${JSON.stringify(text)}: ${got} instead of ${expected}`);
  }
  return found;
}

/**
 * Every code point of the BMP and of the emoji and tag blocks alone, and every emoji code point with the marks that
 * make it an emoji cluster (VS16, the keycap mark).
 */
const EMOJI = /\p{Emoji}/u;

function* codePointCases(): Generator<string> {
  const ranges: Array<[number, number]> = [
    [0x20, 0xd7ff],
    [0xe000, 0xffff],
    [0x1f000, 0x1faff],
    [0xe0000, 0xe007f],
  ];
  for (const [from, to] of ranges) {
    for (let cp = from; cp <= to; cp++) {
      const c = String.fromCodePoint(cp);
      yield c;
      if (EMOJI.test(c)) {
        yield `${c}\uFE0F`;
        yield `${c}\u20E3`;
      }
    }
  }
}

/** Every BMP code point in a text of several units: between a letter and a `·`, twice between ANSI codes, after CJK. */
function* severalUnitCases(): Generator<string> {
  for (let cp = 0; cp <= 0xffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCharCode(cp);
    yield `a${c}·\x1b[1m${c}${c}\x1b[22m中${c}`;
  }
}

describe('string-width with the RGI emoji regex built on first need, and one-unit clusters summed from a table', () => {
  test('the bundle step finds the declaration it replaces', () => {
    expect(patched).not.toBe(original);
  });

  test('every code point alone, every emoji code point with VS16 and with the keycap mark', () => {
    expect(differences(codePointCases())).toEqual([]);
  });

  test('every BMP code point in texts of several units, with ambiguous characters narrow (and wide, one in five)', () => {
    expect(differences(severalUnitCases())).toEqual([]);
    expect(differences([...severalUnitCases()].filter((_, index) => index % 5 === 0), { ambiguousIsNarrow: false })).toEqual([]);
  });

  test('emoji sequences: keycaps, flags, skin tones, ZWJ families, tag flags, text-style symbols', () => {
    const sequences = [
      '1\uFE0F\u20E3', '#\u20E3', '🇫🇷', '🇺🇸🇯🇵', '🇦', '👍🏽', '👋🏿 hi', '👨‍👩‍👧‍👦', '🧑🏻‍💻', '❤️‍🔥', '🏳️‍🌈', '🏴‍☠️',
      '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}', '☺', '☺️', '⚠', '⚠️', '✓ ✗ ✔ ✔️', '▶ ▶️', '©️ ® ™',
      '👁‍🗨', '🫱🏼‍🫲🏾', 'e\u0301', '\u1100\u1161\u11A8', 'ｶﾞ', '中文，全角。', '·—…•›', '\u200D', 'a\u200Db',
    ];
    expect(differences(sequences)).toEqual([]);
  });

  test('every line of every lesson, in both languages', async () => {
    const lines = await lessonLines();
    expect(lines.length).toBeGreaterThan(500);
    expect(differences(lines)).toEqual([]);
  });
});
