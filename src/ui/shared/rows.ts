// Styled terminal rows as data: pieces of text with a tone, pre-cut or wrapped to a width. Pure, so what a
// panel shows is tested without a terminal; `StyledRow` (shared/styled-row.tsx) renders one.
import { cellWidth, truncate } from './format.ts';
import type { Tone } from './theme.ts';

export interface Piece {
  text: string;
  tone?: Tone;
  /**
   * Wrapping moves the piece whole to the next row rather than breaking it at its spaces: one fact of a headline
   * (` · downtime 112ms`), `(v: read all)`. A leading ` · ` is the gap before it, dropped where the row breaks.
   */
  whole?: boolean;
}
export type Row = Piece[];

export interface FittedRows {
  rows: Row[];
  /** Some row was cut. */
  cut: boolean;
}

/** Cuts each row to `width` cells (not in full form, where rows were wrapped already). */
export function fitRows(rows: Row[], width: number, full = false): FittedRows {
  if (full) return { rows, cut: false };
  let cut = false;
  const fitted = rows.map((row) => {
    const out: Row = [];
    let used = 0;
    for (const piece of row) {
      const room = width - used;
      if (room <= 0) {
        cut = true;
        break;
      }
      const w = cellWidth(piece.text);
      if (w <= room) {
        out.push(piece);
        used += w;
      } else {
        out.push({ ...piece, text: truncate(piece.text, room) });
        used = width;
        cut = true;
      }
    }
    return out;
  });
  return { rows: fitted, cut };
}

/** Spaces, or a ` · ` separator: where a row may break, dropped at either end of a row. */
const GAP = /^(\s+·\s+|\s+)$/;

/** The words of a piece: split at spaces, or a whole piece as its leading gap and the rest. */
function wordsOf(piece: Piece): string[] {
  if (!piece.whole) return piece.text.split(/(\s+)/);
  const [, gap = '', rest = ''] = /^(\s+·\s+|\s+)?([\s\S]*)$/.exec(piece.text) ?? [];
  return [gap, rest];
}

/** Word-wraps styled pieces to `width`; continuation rows start with `indent`, the first with `lead`. */
export function wrapPieces(pieces: Row, width: number, indent: string, lead = ''): Row[] {
  const rows: Row[] = [];
  let row: Row = lead ? [{ text: lead }] : [];
  let used = cellWidth(lead);
  const room = Math.max(8, width);
  for (const piece of pieces) {
    for (const word of wordsOf(piece)) {
      if (word === '') continue;
      const w = cellWidth(word);
      if (used + w > room && used > cellWidth(indent) && !GAP.test(word)) {
        trimEnd(row);
        rows.push(row);
        row = [{ text: indent }];
        used = cellWidth(indent);
      }
      if (GAP.test(word) && used === cellWidth(indent) && rows.length > 0) continue;
      // A word longer than a whole row is cut into row-sized pieces.
      let rest = word;
      while (used + cellWidth(rest) > room && rest.length > 0) {
        const head = truncate(rest, room - used, '');
        if (head === '') break;
        row.push({ text: head, tone: piece.tone });
        rows.push(row);
        row = [{ text: indent }];
        used = cellWidth(indent);
        rest = rest.slice(head.length);
      }
      if (rest !== '') {
        row.push({ text: rest, tone: piece.tone });
        used += cellWidth(rest);
      }
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Cells a row takes. */
export function rowWidth(row: Row): number {
  return row.reduce((sum, piece) => sum + cellWidth(piece.text), 0);
}

/** Drops the gap a row ends with (where it was broken). */
function trimEnd(row: Row): void {
  const last = row[row.length - 1];
  if (last) last.text = last.text.replace(/(\s+·)?\s+$/, '');
}
