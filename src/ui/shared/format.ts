// Pure text helpers for fixed-width terminal cells. Panels pre-cut their strings with these so a 1 MB
// response body never reaches Ink's layout, and columns line up.
import path from 'node:path';
import type { SourceLocation } from '../../engine/types.ts';

// Wide (two-cell) code points: CJK, Hangul, full-width forms and most emoji. A small table is enough
// for the lab's own strings (English and Simplified Chinese) and learner bodies that contain CJK.
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]/u;
// Zero-width: combining marks and joiners.
const ZERO = /[\u0300-\u036F\u200B-\u200F\uFE00-\uFE0F]/u;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** Terminal cells a string occupies. */
export function cellWidth(text: string): number {
  // Printable ASCII is one cell a character: no need to test each one against the tables.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const char of text) {
    if (ZERO.test(char)) continue;
    width += WIDE.test(char) ? 2 : 1;
  }
  return width;
}

/**
 * Cut to at most `width` cells, ending with `ellipsis` when something was cut. The busy feed passes an ASCII
 * ellipsis: Ink measures every row of every frame with string-width, whose ASCII-only path is ~100× faster.
 */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (text.length <= width && cellWidth(text) <= width) return text;
  const room = width - cellWidth(ellipsis);
  if (room <= 0) return ellipsis.slice(0, width);
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = ZERO.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
    if (used + w > room) break;
    out += char;
    used += w;
  }
  return `${out}${ellipsis}`;
}

/** Truncate, then pad with spaces to exactly `width` cells. */
export function padEnd(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - cellWidth(cut)));
}

/** Truncate, then right-align in exactly `width` cells (numbers). */
export function padStart(text: string, width: number): string {
  const cut = truncate(text, width);
  return ' '.repeat(Math.max(0, width - cellWidth(cut))) + cut;
}

/** One line of something that may be long or multi-line (a body, a reason): newlines shown as `\n`. */
export function oneLine(text: string, max = 400): string {
  const head = text.length > max ? text.slice(0, max) : text;
  return head.replace(/\r?\n/g, '\\n').replace(/[\t\r]/g, ' ');
}

/** The first line only: a reason or error message without the stack that may follow it. */
export function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.trim();
}

/** Milliseconds for tables: `0.42ms`, `4.2ms`, `312ms`, `1.25s`; `—` when not measured. */
export function formatMs(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '—';
  if (ms === 0) return '0ms';
  if (ms < 1) return `${ms.toFixed(2)}ms`;
  if (ms < 100) return `${ms.toFixed(1)}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

/** Bytes as `512B`, `3.1KB`, `12.4MB`; `—` when unknown. */
export function formatBytes(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null || !Number.isFinite(bytes)) return '—';
  if (bytes < 1024) return `${Math.round(bytes)}B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)}KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)}MB`;
}

/** Counters with thousands separators, fixed to one locale so tests and screenshots agree. */
export function formatCount(value: number): string {
  // The counters are whole numbers, grouped here as en-US groups them: Intl's first number format loads ICU's
  // data, ~6-10 ms of CPU in the lab's first frame (its status line and feed title show counters).
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return value.toLocaleString('en-US');
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A path as the learner would type it: relative to `base` when inside it, else unchanged. */
export function displayPath(file: string, base: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(base, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** `service.js:3:5`, the form editors and terminals turn into a jump. */
export function formatLocation(location: SourceLocation, base: string): string {
  return `${displayPath(location.file, base)}:${location.line}:${location.column}`;
}

const BREAK_AFTER = new Set([',', ' ', '{', '[']);

/**
 * The first `width` cells of `text` and the rest, for text that goes on over several rows. The break falls after
 * a `,`, `{`, `[` or a space when one is in the last two thirds of the row, so a number or a word is not split in
 * two (`{"/ping":12,` | `"/stats":3}`); the spaces at the break go.
 */
export function breakAt(text: string, width: number): [string, string] {
  const chars = [...text];
  let used = 0;
  let end = 0;
  while (end < chars.length && used + cellWidth(chars[end]!) <= width) used += cellWidth(chars[end++]!);
  let soft = end - 1;
  while (soft >= 0 && !BREAK_AFTER.has(chars[soft]!)) soft--;
  if (soft + 1 > end / 3 && soft + 1 < end) end = soft + 1;
  return [chars.slice(0, end).join('').trimEnd(), chars.slice(end).join('').trimStart()];
}

/**
 * `text` on at most `maxRows` rows, row n holding `widthOf(n)` cells, broken as breakAt breaks; what the last row
 * cannot hold is cut with `ellipsis`. Shared by the feed's long bodies and the REPL's long results.
 */
export function wrapRows(text: string, widthOf: (row: number) => number, maxRows: number, ellipsis?: string): string[] {
  const rows: string[] = [];
  let rest = text;
  do {
    const width = widthOf(rows.length);
    const last = rows.length === maxRows - 1;
    const [head, tail] = last || cellWidth(rest) <= width ? [truncate(rest, width, ellipsis), ''] : breakAt(rest, width);
    rows.push(head);
    rest = tail;
  } while (rest !== '');
  return rows;
}
