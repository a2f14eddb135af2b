// Stands in for `new Intl.Segmenter(…)` in the terminal-text packages Ink draws with (string-width, wrap-ansi,
// slice-ansi, cli-truncate, @alcalzone/ansi-tokenize, Ink's line-update): the bundle step swaps it in
// (src/build/lazy-grapheme-segmenter.ts). Each of them builds its grapheme segmenter when it is imported, and the
// first Intl.Segmenter of a process loads ICU's break-iterator data: ~20 ms of CPU on the way to the lab's first
// frame, for text that is almost all one code point per cluster.

/**
 * Code points that always form a grapheme cluster of their own among themselves (Unicode TS #29): every one has the
 * Grapheme_Cluster_Break value Other, Control or LF, so no rule joins two of them. Left out: CR (CR LF is one
 * cluster), combining marks (U+0300…, U+302A–U+302F, U+3099–U+309A, U+FF9E–U+FF9F), the joiners and marks of
 * U+200B–U+200F, Hangul jamo and syllables, and everything outside the BMP (emoji, regional indicators), so one
 * UTF-16 unit here is one code point and one cluster. Covered: Latin, the punctuation, arrows, maths, box drawing,
 * shapes and symbols the lab draws, ESC and the rest of an ANSI sequence, and CJK text with its punctuation.
 * test/ui/lazy-grapheme-segmenter.test.ts checks every code point in it against Intl.Segmenter.
 */
const ONE_UNIT_PER_CLUSTER =
  /^[\u0000-\u000C\u000E-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2100-\u218B\u2190-\u2426\u2440-\u244A\u2460-\u2B73\u2B76-\u2B95\u2B97-\u2BFF\u3000-\u3029\u3030-\u303F\u3041-\u3096\u309B-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uFF01-\uFF60]*$/;

/** True when Intl.Segmenter would cut `text` into its UTF-16 units, one cluster each. */
export function isOneUnitPerCluster(text: string): boolean {
  return ONE_UNIT_PER_CLUSTER.test(text);
}

interface SegmentData {
  segment: string;
  index: number;
  input: string;
}

/** What Intl.Segmenter's segment() returns for a text in ONE_UNIT_PER_CLUSTER: one segment per UTF-16 unit. */
class OneUnitSegments implements Iterable<SegmentData> {
  readonly #input: string;

  constructor(input: string) {
    this.#input = input;
  }

  containing(index?: number): SegmentData | undefined {
    const at = Math.trunc(Number(index ?? 0)) || 0;
    if (at < 0 || at >= this.#input.length) return undefined;
    return { segment: this.#input[at]!, index: at, input: this.#input };
  }

  *[Symbol.iterator](): Iterator<SegmentData> {
    const input = this.#input;
    for (let index = 0; index < input.length; index++) yield { segment: input[index]!, index, input };
  }
}

/**
 * A grapheme segmenter that builds the real Intl.Segmenter only for a text that needs it; a text of
 * ONE_UNIT_PER_CLUSTER is cut the same way without it. Another granularity gets the real segmenter at once.
 */
export class LazyGraphemeSegmenter {
  readonly #locales: string | string[] | undefined;
  readonly #options: Intl.SegmenterOptions | undefined;
  #real: Intl.Segmenter | undefined;

  constructor(locales?: string | string[], options?: Intl.SegmenterOptions) {
    if (options?.granularity !== undefined && options.granularity !== 'grapheme') {
      // A constructor may hand back another object: word and sentence segmenting are not stood in for.
      return new Intl.Segmenter(locales, options) as unknown as LazyGraphemeSegmenter;
    }
    this.#locales = locales;
    this.#options = options;
  }

  #segmenter(): Intl.Segmenter {
    return (this.#real ??= new Intl.Segmenter(this.#locales, this.#options));
  }

  segment(input: string): Intl.Segments | OneUnitSegments {
    const text = `${input}`;
    return isOneUnitPerCluster(text) ? new OneUnitSegments(text) : this.#segmenter().segment(text);
  }

  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    return this.#segmenter().resolvedOptions();
  }
}
