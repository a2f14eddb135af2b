// Pure planning of the live service area: which requests fit the feed, and what of the latest change and the
// logs fits the message strip under it, with the pre-cut text of each row. A busy service costs a fixed number
// of short rows per frame.
import type { FeedEntry, LogEntry } from '../../engine/types.ts';
import { cellWidth, formatMs, oneLine, truncate, wrapRows } from '../shared/format.ts';
import { versionLabel } from './describe-update.ts';
import { changeRows, type ChangeContext, type ChangeRows, type LatestChange } from './change-rows.ts';

export interface MessagesPlan {
  /** The latest change (update, refusal, revert), as rows that fit. */
  change: ChangeRows;
  logs: readonly LogEntry[];
  rows: number;
}

/** The most rows the latest change takes: headline, cause, frame, a note or two. */
const CHANGE_ROWS = 5;

/**
 * The message strip under the feed: the latest change first (at most half the main area), then the newest logs
 * (at most a third of it).
 */
export function planMessages(logs: readonly LogEntry[], change: LatestChange, context: ChangeContext, mainRows: number): MessagesPlan {
  const strip = Math.max(1, Math.floor(mainRows / 2));
  const planned = changeRows(change, context, Math.min(CHANGE_ROWS, strip));
  const logCount = Math.min(logs.length, Math.floor(mainRows / 3), strip - planned.rows.length);
  const shown = logCount > 0 ? logs.slice(-logCount) : [];
  return { change: planned, logs: shown, rows: planned.rows.length + shown.length };
}

/** The newest requests that fit under the feed's header row; each takes two rows when headers are shown. */
export function visibleRequests(feed: readonly FeedEntry[], height: number, headers = false): readonly FeedEntry[] {
  const rows = Math.max(0, height - 1);
  const count = headers ? Math.floor(rows / 2) : rows;
  return count > 0 ? feed.slice(-count) : [];
}

export interface RequestCells {
  /** `GET /ping`, or in a compact row the target alone (`/ping`; a method other than GET stays). */
  request: string;
  /** Whether ` -> ` stands between the request and the status; a compact row drops it. */
  arrow: boolean;
  status: string;
  /** The version that answered, `v2`, padded to line up in a full row. */
  tag: string;
  body: string;
  latency: string;
  /**
   * The rest of a body a compact row could not hold (`/stats` answering a JSON object of counts), on rows of
   * their own under it, indented; at most `MAX_MORE_ROWS`, the last cut with `...`.
   */
  more: string[];
}

/** Continuation rows a body may take under its request row: a long answer stays readable, the window moving. */
export const MAX_MORE_ROWS = 2;
const MORE_INDENT = '  ';

/** `GET /hello?name=gopher`: the request as curl would show it (the query URL-encoded, so the row stays ASCII). */
export function requestLine(entry: Pick<FeedEntry, 'method' | 'path' | 'query'>): string {
  const query = new URLSearchParams(entry.query ?? {}).toString();
  return `${entry.method} ${entry.path}${query ? `?${query}` : ''}`;
}

/** The cells of a row, shown whole: `GET /ping -> 200 v2  pong 74 (load 3)`, latency when there is room. */
function fullCells(entry: FeedEntry, width: number): RequestCells {
  return {
    request: `${entry.method} ${oneLine(requestLine(entry).slice(entry.method.length + 1), 200)}`,
    arrow: true,
    status: String(entry.status),
    tag: versionLabel(entry.version).padEnd(3),
    body: oneLine(entry.body, width * (MAX_MORE_ROWS + 2)),
    latency: width >= 60 ? formatMs(entry.latencyMs) : '',
    more: [],
  };
}

/** Cells of the row as `RequestRow` prints them: request[ ->] status[ FAIL] tag body[ latency]. */
function rowWidth(cells: RequestCells, failed: boolean): number {
  return (
    cellWidth(cells.request) + (cells.arrow ? 4 : 1) + cells.status.length + (failed ? 5 : 0) + 1 + cells.tag.length + 1 +
    cellWidth(cells.body) + (cells.latency ? cells.latency.length + 1 : 0)
  );
}

/** Whether the row, whole and without its latency, fits `width`. */
function fitsWhole(entry: FeedEntry, width: number): boolean {
  return rowWidth({ ...fullCells(entry, width), latency: '' }, entry.failed) <= width;
}

/**
 * The feed's rows. The body is what a lesson asks the learner to watch (`pong 74 (load 3)`, `hello, gopher`), so
 * when a row does not fit whole, every row of the window turns compact (one shape for the whole window, so the
 * columns do not jump from row to row): no `GET`, no arrow, no latency, `/ping 200 v3 pong 74 (load 3)`. What
 * still does not fit is shared: the target keeps up to half the room, the body the rest.
 */
export function planRequestRows(entries: readonly FeedEntry[], width: number): RequestCells[] {
  const compact = entries.some((entry) => !fitsWhole(entry, width));
  return entries.map((entry) => (compact ? compactCells(entry, width) : fitWhole(entry, width)));
}

/** The newest requests whose rows (continuation rows and header rows included) fit under the feed's header row. */
export function planFeedWindow(feed: readonly FeedEntry[], width: number, height: number, headers = false): { entries: readonly FeedEntry[]; cells: RequestCells[] } {
  const room = Math.max(0, height - 1);
  let entries = visibleRequests(feed, height, headers);
  for (;;) {
    const cells = planRequestRows(entries, width);
    const rows = cells.reduce((sum, c) => sum + 1 + c.more.length + (headers ? 1 : 0), 0);
    if (rows <= room || entries.length <= 1) return { entries, cells };
    entries = entries.slice(1);
  }
}

/** A full row that fits: its latency goes when it alone does not fit. */
function fitWhole(entry: FeedEntry, width: number): RequestCells {
  const cells = fullCells(entry, width);
  return rowWidth(cells, entry.failed) <= width ? cells : { ...cells, latency: '' };
}

function compactCells(entry: FeedEntry, width: number): RequestCells {
  const whole = fullCells(entry, width);
  const target = whole.request.slice(entry.method.length + 1);
  const request = entry.method === 'GET' ? target : whole.request;
  const fixed = rowWidth({ ...whole, request: '', arrow: false, tag: versionLabel(entry.version), body: '', latency: '' }, entry.failed);
  const room = Math.max(0, width - fixed);
  const requestRoom = Math.min(cellWidth(request), Math.max(room - cellWidth(whole.body), Math.floor(room / 2)));
  const shownRequest = truncate(request, Math.max(1, requestRoom), '...');
  const [body, more] = wrapBody(whole.body, Math.max(0, room - cellWidth(shownRequest)), width);
  return { request: shownRequest, arrow: false, status: whole.status, tag: versionLabel(entry.version), body, latency: '', more };
}

/**
 * The body on the row's `first` cells, the rest on indented rows of `width`. A break falls after a `,`, `{`, `[` or a
 * space when one is in the last two thirds of the row, so a count or a key is never split in two.
 */
function wrapBody(body: string, first: number, width: number): [string, string[]] {
  if (cellWidth(body) <= first) return [body, []];
  const room = width - MORE_INDENT.length;
  if (first < 8 || room < 8) return [truncate(body, first, '...'), []];
  const [head, ...more] = wrapRows(body, (row) => (row === 0 ? first : room), MAX_MORE_ROWS + 1, '...');
  return [head!, more.map((row) => MORE_INDENT + row)];
}

/** The response's headers on one row under the request, `name: value` joined by ` | `, cut to the width (v reads them whole). */
export function headersLine(entry: Pick<FeedEntry, 'headers'>, width: number): string {
  // The service's own headers first (x-build…), content-type, which every text reply has, last.
  const text = Object.entries(entry.headers ?? {})
    .sort(([a], [b]) => Number(a === 'content-type') - Number(b === 'content-type'))
    .map(([name, value]) => `${name}: ${value}`)
    .join(' | ');
  return truncate(`    ${oneLine(text || '(no headers)', width * 2)}`, width, '...');
}

export function logText(entry: LogEntry, width: number): string {
  return truncate(oneLine(entry.message, width * 2), width);
}
