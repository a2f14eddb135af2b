// The line a rejection points at and a caret under the column, as compilers and bundlers print it:
//
//   12 │   return `pong ${hits}` +;
//      │                          ^
//
// The engine attaches the frame to a rejected update (it has the source that was refused); the lab and
// `hotlab serve` both print it with `formatCodeFrame`, so the two never disagree about where the caret goes.
import type { CodeFrame, SourceLocation } from '../types.ts';

/** Tabs are shown as this many spaces, in the text and when placing the caret. */
const TAB = '  ';

/** The frame of `location` in `source`, or undefined when the location is not in it (another file, past the end). */
export function codeFrame(source: string, location: SourceLocation): CodeFrame | undefined {
  const lines = source.split(/\r\n|\r|\n/);
  const text = lines[location.line - 1];
  if (text === undefined) return undefined;
  return { file: location.file, line: location.line, column: location.column, text };
}

export interface FrameFormat {
  /** Cells the two rows may take; the line is cut around the caret to fit. @default Infinity */
  width?: number;
  /** Terminal cells of a string (wide CJK characters take two). @default string length */
  cellWidth?: (text: string) => number;
}

/** The frame as two rows: the numbered source line and the caret row. */
export function formatCodeFrame(frame: CodeFrame, format: FrameFormat = {}): [string, string] {
  const measure = format.cellWidth ?? ((text: string) => text.length);
  const gutter = `${frame.line} │ `;
  const blank = `${' '.repeat(String(frame.line).length)} │ `;
  const chars = Array.from(frame.text.replace(/\t/g, TAB));
  // The column counts UTF-16 code units of the raw line (tabs as one); find the caret among displayed characters.
  const before = Array.from(frame.text.slice(0, Math.max(0, frame.column - 1)).replace(/\t/g, TAB)).length;
  const caretAt = Math.min(before, chars.length);
  const room = Math.max(8, (format.width ?? Number.POSITIVE_INFINITY) - measure(gutter));
  // Cut the line to `room` cells, keeping the caret in view with a little context before it.
  let start = 0;
  let end = chars.length;
  const cells = (from: number, to: number) => measure(chars.slice(from, to).join(''));
  if (cells(0, end) + 1 > room) {
    while (start < caretAt && cells(start, caretAt + 1) + 1 > Math.floor(room * 0.6)) start++;
    end = start;
    while (end < chars.length && cells(start, end + 1) + (start > 0 ? 1 : 0) + 1 <= room) end++;
  }
  const head = start > 0 ? '…' : '';
  const tail = end < chars.length ? '…' : '';
  const shown = `${head}${chars.slice(start, end).join('')}${tail}`;
  const pad = measure(head) + cells(start, caretAt);
  return [`${gutter}${shown}`.trimEnd(), `${blank}${' '.repeat(pad)}^`];
}
