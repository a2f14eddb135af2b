// Pure: the help overlay as rows that fit its box. Sections (lab, lesson, REPL, commands) flow into as many
// columns as the width allows, each exactly as tall as the box; what does not fit goes on further pages (PgDn).
// Every cell is pre-cut to its column, so columns can never run into each other.
import { cellWidth, padEnd } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
import { COMMANDS } from '../repl/repl-commands.ts';
import { formatKey, KEY_TABLE, type KeyBinding, type KeyScope } from './key-table.ts';

export const keysLabel = (binding: KeyBinding) => binding.keys.map(formatKey).join(' ');

export interface HelpCell {
  keys: string;
  text: string;
  kind: 'heading' | 'binding' | 'note';
}

export interface HelpPlan {
  /** Each row: one cell per column (missing cells are blank). */
  rows: HelpCell[][];
  columns: number;
  columnWidth: number;
  keyWidth: number;
  page: number;
  pages: number;
}

const SECTIONS: ReadonlyArray<{ title: (m: Messages) => string; scopes: readonly KeyScope[] }> = [
  { title: (m) => m.helpKeys, scopes: ['global', 'overlay', 'always'] },
  { title: (m) => m.lesson.helpLessons, scopes: ['lesson', 'list', 'confirm'] },
  { title: (m) => m.helpRepl, scopes: ['repl'] },
];

/** Another binding does the same with these keys and more (the overlays' PgDn, the lesson's PgDn ]): said there. */
const saidElsewhere = (binding: KeyBinding) =>
  KEY_TABLE.some((other) => other.action === binding.action && other.keys.length > binding.keys.length && binding.keys.every((key) => other.keys.includes(key)));

export function helpCells(messages: Messages): HelpCell[] {
  const cells: HelpCell[] = [];
  // A key that does the same in several scopes (q quits in a question too) is said once.
  const said = new Set<string>();
  for (const section of SECTIONS) {
    cells.push({ keys: '', text: section.title(messages), kind: 'heading' });
    for (const binding of KEY_TABLE.filter((b) => section.scopes.includes(b.scope))) {
      const id = `${binding.action} ${binding.keys.join(' ')}`;
      if (said.has(id) || saidElsewhere(binding)) continue;
      said.add(id);
      cells.push({ keys: keysLabel(binding), text: messages.describe[binding.action], kind: 'binding' });
    }
  }
  cells.push({ keys: '', text: messages.helpCommands, kind: 'heading' });
  // Commands two or three to a row, so they stay whole.
  const names = COMMANDS.map((name) => `:${name}`);
  for (let i = 0; i < names.length; i += 3) cells.push({ keys: '', text: names.slice(i, i + 3).join(' '), kind: 'binding' });
  cells.push({ keys: '', text: messages.helpCommandsNote, kind: 'note' });
  cells.push({ keys: '', text: messages.helpEditorNote, kind: 'note' });
  return cells;
}

/** Narrowest column that holds a key and most descriptions whole. */
const MIN_COLUMN = 38;
const GAP = 2;

export function planHelp(messages: Messages, width: number, height: number, page: number): HelpPlan {
  const perColumn = Math.max(1, height);
  const maxColumns = Math.max(1, Math.min(3, Math.floor((width + GAP) / (MIN_COLUMN + GAP))));
  // The fewest columns that hold everything on one page (wider columns cut less), else as many as fit.
  let plan = layout(messages, width, perColumn, maxColumns);
  for (let columns = 1; columns < maxColumns; columns++) {
    const fewer = layout(messages, width, perColumn, columns);
    if (fewer.flowed.length <= columns) {
      plan = fewer;
      break;
    }
  }
  const { flowed, columns, columnWidth, keyWidth } = plan;
  const pages = Math.max(1, Math.ceil(flowed.length / columns));
  const at = Math.max(0, Math.min(page, pages - 1));
  const shown = flowed.slice(at * columns, at * columns + columns);
  const rows: HelpCell[][] = [];
  for (let r = 0; r < perColumn; r++) {
    if (!shown.some((c) => c[r])) break;
    rows.push(shown.map((c) => c[r] ?? { keys: '', text: '', kind: 'note' }));
  }
  return { rows, columns, columnWidth, keyWidth, page: at, pages };
}

function layout(messages: Messages, width: number, perColumn: number, columns: number) {
  const columnWidth = Math.floor((width - GAP * (columns - 1)) / columns);
  const all = helpCells(messages);
  const keyWidth = Math.min(12, Math.max(...all.filter((c) => c.kind === 'binding').map((c) => cellWidth(c.keys))));
  // A description too long for its column continues on the next row, under the descriptions.
  const cells: HelpCell[] = [];
  for (const cell of all) {
    const lead = cell.kind === 'binding' && cell.keys !== '' ? keyWidth + 1 : 0;
    const room = Math.max(8, columnWidth - lead);
    let rest = cell.text;
    let first = true;
    while (rest !== '') {
      let cut = rest;
      if (cellWidth(rest) > room) {
        const space = rest.lastIndexOf(' ', room);
        cut = space > room / 2 ? rest.slice(0, space) : truncateTo(rest, room);
      }
      cells.push({ ...cell, keys: first ? cell.keys : cell.keys === '' ? '' : ' ', text: cut });
      rest = rest.slice(cut.length).trimStart();
      first = false;
    }
  }
  // Cells flow down a column, then on to the next; a section heading never ends a column.
  const flowed: HelpCell[][] = [];
  let column: HelpCell[] = [];
  for (const cell of cells) {
    if (column.length === perColumn || (cell.kind === 'heading' && column.length === perColumn - 1)) {
      flowed.push(column);
      column = [];
    }
    column.push(cell);
  }
  if (column.length > 0) flowed.push(column);
  return { flowed, columns, columnWidth, keyWidth };
}

/** The longest start of `text` that fits `width` cells (for a word longer than a column). */
function truncateTo(text: string, width: number): string {
  let out = '';
  for (const char of text) {
    if (cellWidth(out + char) > width) break;
    out += char;
  }
  return out || text.slice(0, 1);
}

/** One cell as text of exactly `width` cells: keys padded to `keyWidth`, then the description. */
export function cellText(cell: HelpCell, width: number, keyWidth: number): string {
  if (cell.kind !== 'binding' || cell.keys === '') return padEnd(cell.text, width);
  return padEnd(`${padEnd(cell.keys.trim(), keyWidth)} ${cell.text}`, width);
}
