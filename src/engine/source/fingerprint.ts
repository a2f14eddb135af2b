// A version-independent identity for a piece of code: equal fingerprints mean "nothing to patch".
import type { Token } from 'acorn';

/** acorn's Token carries the cooked value, but its published type leaves it out. */
interface ValuedToken extends Token {
  value?: unknown;
}

/**
 * Fingerprints ranges of one parsed source: the tokens in the range joined by spaces, comments and
 * whitespace ignored. Strings, numbers and template chunks count by value, so `'a'`/`"a"` and
 * `1000`/`1e3` are the same; semicolons inserted by ASI count as written ones.
 */
export class Fingerprinter {
  readonly #source: string;
  readonly #tokens: readonly Token[];
  readonly #implicitSemicolons: readonly number[];

  /** `tokens` and `implicitSemicolons` must be sorted by offset, as acorn produces them. */
  constructor(source: string, tokens: readonly Token[], implicitSemicolons: readonly number[]) {
    this.#source = source;
    this.#tokens = tokens;
    this.#implicitSemicolons = implicitSemicolons;
  }

  /** The fingerprint of the code in [start, end). */
  of(start: number, end: number): string {
    const parts: string[] = [];
    let semicolon = firstAtOrAfter(this.#implicitSemicolons, start + 1, (offset) => offset);
    for (let i = firstAtOrAfter(this.#tokens, start, (token) => token.start); i < this.#tokens.length; i++) {
      const token = this.#tokens[i] as ValuedToken;
      if (token.end > end || token.type.label === 'eof') break;
      // An implied `;` sits at the end of the node before it, so ahead of any token starting there or later.
      while (semicolon < this.#implicitSemicolons.length && (this.#implicitSemicolons[semicolon] as number) <= token.start) {
        parts.push(';');
        semicolon++;
      }
      parts.push(this.#text(token));
    }
    while (semicolon < this.#implicitSemicolons.length && (this.#implicitSemicolons[semicolon] as number) <= end) {
      parts.push(';');
      semicolon++;
    }
    return parts.join(' ');
  }

  #text(token: ValuedToken): string {
    const { label } = token.type;
    const value = token.value;
    if (label === 'string' && typeof value === 'string') return `string:${JSON.stringify(value)}`;
    if (label === 'template' && typeof value === 'string') return `template:${JSON.stringify(value)}`;
    if (label === 'num' && typeof value === 'number') return `num:${value}`;
    if (label === 'num' && typeof value === 'bigint') return `num:${value}n`;
    return this.#source.slice(token.start, token.end);
  }
}

/** Binary search for the first element whose offset is at least `offset`. */
function firstAtOrAfter<T>(sorted: readonly T[], offset: number, offsetOf: (item: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (offsetOf(sorted[mid] as T) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
