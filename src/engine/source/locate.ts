// Offsets and acorn positions → the 1-based SourceLocation editors and the engine speak.
import { getLineInfo } from 'acorn';
import type { Position } from 'acorn';
import type { SourceLocation } from '../types.ts';

/** Location of a 0-based UTF-16 offset in `source`. */
export function locationAt(file: string, source: string, offset: number): SourceLocation {
  return fromPosition(file, getLineInfo(source, offset));
}

/** Acorn lines are 1-based but its columns are 0-based; editors show both 1-based. */
export function fromPosition(file: string, position: Position): SourceLocation {
  return { file, line: position.line, column: position.column + 1 };
}
