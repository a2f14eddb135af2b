// Edits that keep every character where it was, so V8's positions in the edited code are the learner's.

/** Line terminators as ECMAScript counts them: V8's line numbers change if any of them goes. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/** A copy of a source that can be blanked and overwritten in place, one UTF-16 code unit per cell. */
export class PositionPreservingText {
  readonly #units: string[];

  constructor(source: string) {
    // split('') yields UTF-16 code units, the unit of acorn's offsets and V8's columns.
    this.#units = source.split('');
  }

  /** Replace [start, end) with spaces, keeping line terminators so no line moves. */
  blank(start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const unit = this.#units[i];
      if (unit !== undefined && !LINE_TERMINATOR.test(unit)) this.#units[i] = ' ';
    }
  }

  /** Blank [start, end) and write `text` at its start; the range must be one line and long enough. */
  overwrite(start: number, end: number, text: string): void {
    if (text.length > end - start) throw new RangeError(`"${text}" does not fit in ${end - start} characters`);
    if (LINE_TERMINATOR.test(text) || LINE_TERMINATOR.test(this.#units.slice(start, end).join(''))) {
      throw new RangeError('overwrite cannot move a line break');
    }
    this.blank(start, end);
    for (let i = 0; i < text.length; i++) this.#units[start + i] = text.charAt(i);
  }

  toString(): string {
    return this.#units.join('');
  }
}

/** Does [start, end) of `source` span more than one line? */
export function spansLines(source: string, start: number, end: number): boolean {
  return LINE_TERMINATOR.test(source.slice(start, end));
}
