// The grapheme segmenter the bundle gives Ink's text packages (src/ui/shared/lazy-grapheme-segmenter.ts) cuts every
// text as Intl.Segmenter does, with or without building one.
import { describe, expect, test } from 'vitest';
import { patchSegmenters } from '../../src/build/lazy-grapheme-segmenter.ts';
import { isOneUnitPerCluster, LazyGraphemeSegmenter } from '../../src/ui/shared/lazy-grapheme-segmenter.ts';
import { lessonLines } from './lesson-lines.ts';

const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const lazy = new LazyGraphemeSegmenter(undefined, { granularity: 'grapheme' });

function cut(segments: Iterable<{ segment: string; index: number; input: string }>): string {
  return JSON.stringify([...segments].map(({ segment, index, input }) => [segment, index, input]));
}

/** Texts whose cutting differs between the two, with both cuttings and every `containing` answer. */
function differences(texts: Iterable<string>): string[] {
  const found: string[] = [];
  for (const text of texts) {
    const expected = cut(real.segment(text));
    const actual = cut(lazy.segment(text));
    if (actual !== expected) found.push(`${JSON.stringify(text)}: ${actual} instead of ${expected}`);
    for (const index of [-1, 0, 1, 1.5, text.length - 1, text.length, Number.NaN, undefined]) {
      const a = JSON.stringify(lazy.segment(text).containing(index));
      const e = JSON.stringify(real.segment(text).containing(index));
      if (a !== e) found.push(`${JSON.stringify(text)}.containing(${index}): ${a} instead of ${e}`);
    }
  }
  return found;
}

/**
 * A code point among the neighbours that the joining rules of Unicode TS #29 look at: a letter on either side
 * (Extend, SpacingMark, ZWJ, Prepend), itself (Hangul L, V, T, regional indicators), LF on either side (CR), a Hangul
 * vowel and final after it (L, LV, LVT), ANSI codes around it. Every pair of neighbours in it is one of those; a code
 * point that joins none of them joins nothing else in the set.
 */
function neighbourhood(c: string): string {
  return `a${c}a${c}${c}\n${c}\u1161x${c}\u11A8x\x1b[1m${c}\x1b[22m`;
}

describe('LazyGraphemeSegmenter', () => {
  test('every BMP code point it cuts alone is a cluster of its own for Intl.Segmenter, next to anything that could join it', () => {
    const joined: string[] = [];
    let covered = 0;
    for (let cp = 0; cp <= 0xffff; cp++) {
      const c = String.fromCharCode(cp);
      if (!isOneUnitPerCluster(c)) continue;
      covered++;
      const text = neighbourhood(c);
      let count = 0;
      for (const _ of real.segment(text)) count++;
      if (count !== text.length) joined.push(`U+${cp.toString(16).toUpperCase().padStart(4, '0')} in ${JSON.stringify(text)}`);
    }
    expect(covered).toBeGreaterThan(30_000);
    expect(joined).toEqual([]);
  });

  test('a text of such code points is cut into its units, by it and by Intl.Segmenter', () => {
    expect(isOneUnitPerCluster('Lesson 1/16 · file-watch — ✓ 中文，全角。 ─│┌ \x1b[1mbold\x1b[22m')).toBe(true);
    expect(isOneUnitPerCluster('a\r\nb')).toBe(false);
    expect(isOneUnitPerCluster('e\u0301')).toBe(false);
    expect(isOneUnitPerCluster('👍')).toBe(false);
    expect(differences(['Lesson 1/16 · file-watch — ✓ 中文，全角。', '─│┌┐└┘', '\x1b[31mred\x1b[39m ✓ ok'])).toEqual([]);
  });

  test('a BMP code point next to the code points that could join it, whichever way it is cut', () => {
    const texts: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp += 13) if (cp < 0xd800 || cp > 0xdfff) texts.push(neighbourhood(String.fromCharCode(cp)));
    expect(differences(texts)).toEqual([]);
  });

  test('clusters of several code points: CR LF, combining marks, emoji sequences, flags, Hangul, ANSI around them', () => {
    const texts = [
      '', 'plain ascii', 'a\r\nb', '\r', 'e\u0301', 'x\u0301\u0302y', '👍🏽', '👨‍👩‍👧‍👦', '🇫🇷🇯🇵', '1\uFE0F\u20E3', '❤️‍🔥', '✓ ✗ ✔️',
      '\u1100\u1161\u11A8', '한국어', 'ｶﾞ', 'か\u3099', '中文，全角。', '·—…•› ─│┌', '\x1b[31mred\x1b[39m ✓', 'a\u200Db', '\u200B',
      'a\x1b[1m\u0301', '\uD83D', 'tab\tand\nnewline',
    ];
    expect(differences(texts)).toEqual([]);
  });

  test('random texts mixing plain and joining code points', () => {
    const alphabet = ['a', ' ', '·', '—', '✓', '中', '，', '\n', '\r', '\x1b[2m', '\u0301', '\u200D', '\uFE0F', '👍', '🏽', '🇫', '\u1100', '\u1161', 'ｶ', 'ﾞ'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts = Array.from({ length: 5000 }, () => Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    expect(differences(texts)).toEqual([]);
  });

  test('every line of every lesson, in both languages', async () => {
    const lines = await lessonLines();
    expect(lines.length).toBeGreaterThan(500);
    expect(differences(lines)).toEqual([]);
  });

  test('its segments iterate by hand, as Ink walks two texts side by side', () => {
    const iterator = lazy.segment('ab')[Symbol.iterator]();
    expect(iterator.next().value).toEqual({ segment: 'a', index: 0, input: 'ab' });
    expect(iterator.next().value).toEqual({ segment: 'b', index: 1, input: 'ab' });
    expect(iterator.next().done).toBe(true);
  });

  test('a word or sentence segmenter is the real one', () => {
    const words = new LazyGraphemeSegmenter('en', { granularity: 'word' });
    expect(words).toBeInstanceOf(Intl.Segmenter);
    expect(lazy.resolvedOptions().granularity).toBe('grapheme');
  });
});

describe('the bundle step that swaps it in', () => {
  test('replaces each construction in an ES module', () => {
    const patched = patchSegmenters("import x from 'y';\nconst s = new Intl.Segmenter();\nconst t = new Intl.Segmenter(undefined, { granularity: 'grapheme' });\n");
    expect(patched).not.toBeNull();
    expect(patched).not.toContain('Intl.Segmenter');
    expect(patched!.match(/new __HotlabLazyGraphemeSegmenter\(/g)).toHaveLength(2);
  });

  test('refuses any other use, and a CommonJS file', () => {
    expect(patchSegmenters("export const S = Intl.Segmenter;\nnew Intl.Segmenter();\n")).toBeNull();
    expect(patchSegmenters("const s = new Intl.Segmenter();\nmodule.exports = s;\n")).toBeNull();
  });
});
