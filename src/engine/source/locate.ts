// Offsets and acorn positions → the 1-based SourceLocation editors and the engine speak.
import { getLineInfo } from 'acorn';
import type { Position } from 'acorn';
import type { SourceLocation } from '../types.ts';

/** Location of a 0-based UTF-16 offset in `source`. */
export function locationAt(file: string, source: string, offset: number): SourceLocation {
  return fromPosition(file, getLineInfo(source, offset));
}

/**
 * Locations of many offsets in one source: the line starts are found once, each lookup is a binary search.
 * (acorn's getLineInfo scans from the start on every call; its `locations` option allocates three objects per
 * node and token, which made the garbage collector most of a large source's parse time.) Lines break where
 * acorn's do: \r\n, \n, \r, \u2028, \u2029.
 */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(source: string) {
    const breaks = /\r\n?|[\n\u2028\u2029]/g;
    for (let match = breaks.exec(source); match; match = breaks.exec(source)) this.#starts.push(match.index + match[0].length);
  }

  /** 1-based line and column of a 0-based UTF-16 offset. */
  at(file: string, offset: number): SourceLocation {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.#starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { file, line: low + 1, column: offset - (this.#starts[low] as number) + 1 };
  }
}

/** Acorn lines are 1-based but its columns are 0-based; editors show both 1-based. */
export function fromPosition(file: string, position: Position): SourceLocation {
  return { file, line: position.line, column: position.column + 1 };
}
