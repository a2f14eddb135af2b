// Edits that keep every character where it was, so V8's positions in the edited code are the learner's.

/** Line terminators as ECMAScript counts them: V8's line numbers change if any of them goes. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * A copy of a source that can be blanked and overwritten in place, in UTF-16 code units (the unit of acorn's
 * offsets and V8's columns). Edits are kept as a list and applied once in toString: a source is large and its
 * edits are few (the `export` keywords), and one string per character made a 1 MB file cost a million of them.
 */
export class PositionPreservingText {
  readonly #source: string;
  /** Non-overlapping edits, each replacing [start, end) with `text` of the same length. */
  readonly #edits: Array<{ start: number; end: number; text: string }> = [];

  constructor(source: string) {
    this.#source = source;
  }

  /** Replace [start, end) with spaces, keeping line terminators so no line moves. */
  blank(start: number, end: number): void {
    this.#edits.push({ start, end, text: this.#source.slice(start, end).replace(/[^\n\r\u2028\u2029]/g, ' ') });
  }

  /** Blank [start, end) and write `text` at its start; the range must be one line and long enough. */
  overwrite(start: number, end: number, text: string): void {
    if (text.length > end - start) throw new RangeError(`"${text}" does not fit in ${end - start} characters`);
    if (LINE_TERMINATOR.test(text) || LINE_TERMINATOR.test(this.#source.slice(start, end))) {
      throw new RangeError('overwrite cannot move a line break');
    }
    this.#edits.push({ start, end, text: text.padEnd(end - start, ' ') });
  }

  toString(): string {
    const edits = [...this.#edits].sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const edit of edits) {
      if (edit.end <= at) continue;
      // Edits never overlap today; should they, the later-starting one applies from where the earlier ended.
      out += edit.start >= at ? this.#source.slice(at, edit.start) + edit.text : edit.text.slice(at - edit.start);
      at = edit.end;
    }
    return out + this.#source.slice(at);
  }
}

/** Does [start, end) of `source` span more than one line? */
export function spansLines(source: string, start: number, end: number): boolean {
  return LINE_TERMINATOR.test(source.slice(start, end));
}
