// Pure planning of the live service area: which requests fit the feed, and which logs and which rejected
// update fit the message strip under it, with the pre-cut text of each row. A busy service costs a fixed
// number of short rows per frame.
import type { FeedEntry, LogEntry, UpdateRecord } from '../../engine/types.ts';
import { cellWidth, firstLine, formatLocation, formatMs, oneLine, truncate } from '../shared/format.ts';

/** Where (one line), then why and what kept serving (wrapped over two lines). */
export const REJECTION_ROWS = 3;

/** The newest update when it was rejected: what the learner must fix now. Older ones live in the stats. */
export function currentRejection(updates: readonly UpdateRecord[]): UpdateRecord | null {
  const last = updates[updates.length - 1];
  return last && last.outcome === 'rejected' ? last : null;
}

export interface MessagesPlan {
  rejection: UpdateRecord | null;
  logs: readonly LogEntry[];
  rows: number;
}

/**
 * The message strip takes at most a third of the main area: the rejection first, then the newest logs. The
 * engine also logs a rejection's reason; that log line is left out while the rejection itself is shown.
 */
export function planMessages(logs: readonly LogEntry[], updates: readonly UpdateRecord[], mainRows: number): MessagesPlan {
  let free = Math.floor(mainRows / 3);
  const rejection = free >= REJECTION_ROWS ? currentRejection(updates) : null;
  if (rejection) free -= REJECTION_ROWS;
  const candidates = rejection ? logs.filter((log) => !(log.source === 'engine' && log.message === rejection.reason)) : logs;
  const logCount = Math.min(candidates.length, free);
  const shown = logCount > 0 ? candidates.slice(-logCount) : [];
  return { rejection, logs: shown, rows: (rejection ? REJECTION_ROWS : 0) + shown.length };
}

/** The newest requests that fit under the feed's header row. */
export function visibleRequests(feed: readonly FeedEntry[], height: number): readonly FeedEntry[] {
  const rows = Math.max(0, height - 1);
  return rows > 0 ? feed.slice(-rows) : [];
}

export interface RequestCells {
  request: string;
  status: string;
  body: string;
  latency: string;
}

/** `GET /ping` · `200` · body cut to what is left of `width` · latency when there is room. */
export function requestCells(entry: FeedEntry, width: number): RequestCells {
  const request = `${entry.method} ${truncate(oneLine(entry.path, 200), Math.max(8, Math.floor(width / 3)), '...')}`;
  const status = String(entry.status);
  const latency = width >= 60 ? formatMs(entry.latencyMs) : '';
  // request + ' -> ' + status + ' FAIL' + ' v12 ' + body [+ ' ' + latency]
  const used = cellWidth(request) + 4 + status.length + 5 + 5 + (latency ? latency.length + 1 : 0);
  return { request, status, body: truncate(oneLine(entry.body, width * 2), Math.max(0, width - used), '...'), latency };
}

/**
 * The rejection as two parts: `where` for the header and the reason to read. The engine's reason is already a
 * sentence that may start with the location (`service.js:3:5: …`) and end with what kept serving; a leading
 * location is dropped (the header shows it) and `kept` is added only when the reason does not say it.
 */
export function rejectionLines(record: UpdateRecord, base: string, kept: string): { where: string; reason: string } {
  const where = record.location ? formatLocation(record.location, base) : '';
  let reason = firstLine(record.reason ?? '');
  if (record.location) {
    const { line, column } = record.location;
    const prefix = new RegExp(`^\\S*:${line}:${column}:\\s*`);
    reason = reason.replace(prefix, '');
  }
  if (!reason.includes(kept)) reason = reason === '' ? kept : `${reason} — ${kept}`;
  return { where, reason };
}

export function logText(entry: LogEntry, width: number): string {
  return truncate(oneLine(entry.message, width * 2), width);
}
