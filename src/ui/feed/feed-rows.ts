// Pure planning of the live service area: which requests fit the feed, and what of the latest change and the
// logs fits the message strip under it, with the pre-cut text of each row. A busy service costs a fixed number
// of short rows per frame.
import type { FeedEntry, LogEntry } from '../../engine/types.ts';
import { cellWidth, formatMs, oneLine, truncate } from '../shared/format.ts';
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
  request: string;
  status: string;
  body: string;
  latency: string;
}

/** `GET /hello?name=gopher`: the request as curl would show it (the query URL-encoded, so the row stays ASCII). */
export function requestLine(entry: Pick<FeedEntry, 'method' | 'path' | 'query'>): string {
  const query = new URLSearchParams(entry.query ?? {}).toString();
  return `${entry.method} ${entry.path}${query ? `?${query}` : ''}`;
}

/** `GET /ping` · `200` · body cut to what is left of `width` · latency when there is room. */
export function requestCells(entry: FeedEntry, width: number): RequestCells {
  const target = requestLine(entry).slice(entry.method.length + 1);
  // The path and its query take what they need, up to all but the room the status, version and the start of
  // the body need (a narrow feed still shows /hello?name=gopher whole); the body has the rest.
  const room = Math.max(8, Math.max(Math.floor(width / 2), width - 16) - entry.method.length - 1);
  const request = `${entry.method} ${truncate(oneLine(target, 200), room, '...')}`;
  const status = String(entry.status);
  const latency = width >= 60 ? formatMs(entry.latencyMs) : '';
  // request + ' -> ' + status + ' FAIL' + ' v12 ' + body [+ ' ' + latency]
  const used = cellWidth(request) + 4 + status.length + 5 + 5 + (latency ? latency.length + 1 : 0);
  return { request, status, body: truncate(oneLine(entry.body, width * 2), Math.max(0, width - used), '...'), latency };
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
