// Pure: the description of the latest change to the service, as styled rows. Every update gets it, whatever
// caused it (a save, a key, a REPL command): what happened, under which strategy, how long, whether state was
// kept, what failed, for a program of several modules what the update did to them (the modules line, the same as
// `hotlab serve` prints: engine/describe-modules.ts), the notes (replaced ping(), ⚠ stale reference…), and for a
// refusal the place (in whichever module it is), the cause and the refused line with a caret. It stays on screen until the next change. The compact form fits a row
// budget and says when it left something out; the full form (the reading view) leaves nothing out.
import { formatCodeFrame } from '../../engine/source/code-frame.ts';
import type { EngineSnapshot, UpdateRecord } from '../../engine/types.ts';
import { cellWidth, firstLine, formatLocation, formatMs, truncate } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
import { recordState, stateWords } from '../shared/record-state.ts';
import { fitRows, wrapPieces, type Row } from '../shared/rows.ts';
import { appliedLabel, modulesLine, strategyLabel, versionLabel } from './describe-update.ts';


/** What the strip describes: nothing yet, the newest update, or a save that went back to the running code. */
export type LatestChange =
  | { kind: 'none' }
  | { kind: 'record'; record: UpdateRecord }
  | { kind: 'reverted'; version: number };

export function latestChange(snapshot: Pick<EngineSnapshot, 'updates' | 'rejection' | 'reverted'>): LatestChange {
  const record = snapshot.updates[snapshot.updates.length - 1];
  if (snapshot.reverted && (!record || record.startedAt <= snapshot.reverted.at)) return { kind: 'reverted', version: snapshot.reverted.version };
  return record ? { kind: 'record', record } : { kind: 'none' };
}

export interface ChangeContext {
  messages: Messages;
  /** Paths are shown relative to this folder. */
  base: string;
  width: number;
  /** Whether no version has run yet in this program (a refusal then says "nothing runs yet"). */
  waiting: boolean;
  /** Modules in the program now (`snapshot.modules.length`); a one-module program gets no modules line. @default 1 */
  programSize?: number;
  /**
   * Said at the end of the headline when the compact rows leave something out (`(v: read all)`); the headline is
   * wrapped with it, so it ends the sentence rather than splitting it.
   */
  more?: string;
}

export interface ChangeRows {
  rows: Row[];
  /** Something was left out or cut to fit: the reading view shows it all. */
  cut: boolean;
}

/** Notes that warn (state not handed over, a stale reference) rather than inform (replaced ping()). */
const WARNING_NOTE = /stale reference|not taken over|was not called|without snapshot|never reads|died|fresh state/i;

/** The change in full: every note and every line of the cause, wrapped to the width. */
export function fullChangeRows(change: LatestChange, context: ChangeContext): Row[] {
  return changeRows(change, context, Number.POSITIVE_INFINITY).rows;
}

/** The change in at most `maxRows` rows (at least the headline when maxRows ≥ 1), with `context.more` when cut. */
export function changeRows(change: LatestChange, context: ChangeContext, maxRows: number): ChangeRows {
  const { more, ...plain } = context;
  const planned = plannedRows(change, plain, maxRows, []);
  if (!planned.cut || !more || !Number.isFinite(maxRows)) return planned;
  return { ...plannedRows(change, plain, maxRows, [{ text: ' ' }, { text: more, tone: 'muted', whole: true }]), cut: true };
}

/** The rows, with `tail` ending the headline. */
function plannedRows(change: LatestChange, context: ChangeContext, maxRows: number, tail: Row): ChangeRows {
  if (change.kind === 'none' || maxRows < 1) return { rows: [], cut: false };
  const { messages: m, width } = context;
  const full = !Number.isFinite(maxRows);
  if (change.kind === 'reverted') {
    return fitRows([[{ text: '✓ ', tone: 'good' }, { text: m.revertedTo(versionLabel(change.version)) }, ...tail]], width, full);
  }
  const { record } = change;
  if (record.outcome === 'applied') {
    const head: Row = [
      { text: '✓ ', tone: 'good' },
      { text: appliedLabel(record, m), tone: 'strong' },
      { text: ` · ${strategyLabel(record)}`, tone: 'muted' },
      { text: ` · ${formatMs(record.total)}` },
      { text: ' · ' },
      stateWords(recordState(record, context.programSize ?? 1), m),
      { text: ` · ${m.failedCount(String(record.failedRequests))}`, tone: record.failedRequests > 0 ? 'bad' : undefined },
      ...(record.downtimeMs > 0 ? [{ text: ` · ${m.downtime} ${formatMs(record.downtimeMs)}`, tone: 'bad' as const }] : []),
      ...tail,
    ];
    const modules = modulesLine(record, context.messages, context.programSize);
    const modulesRows = modules ? wrapPieces([{ text: '↳ ', tone: 'muted' }, { text: modules }], width, '    ', '  ') : [];
    const noteRows = (note: string, warn: boolean): Row[] =>
      wrapPieces([{ text: warn ? '⚠ ' : '· ', tone: warn ? 'warn' : 'muted' }, { text: m.engineNote(note), tone: warn ? 'warn' : undefined }], width, '    ', '  ');
    const warns = record.notes.map((note) => WARNING_NOTE.test(note));
    const notes = record.notes.map((note, i) => noteRows(note, warns[i]!));
    // The headline wraps rather than losing its last facts (failed requests, downtime) on a narrow screen, a
    // fact at a time (never `downtime` / `112ms`). A short strip keeps the warnings before the modules line and
    // the notes that only inform: lesson 15 sends the learner to its ⚠ stale-reference note, which at 80×24 fell
    // under the modules line and `replaced handlers.js: ping()`.
    const groups = [wrapPieces(wholeFacts(head), width, '  '), modulesRows, ...notes];
    const noteIndexes = notes.map((_, i) => 2 + i);
    const priority = [0, ...noteIndexes.filter((_, i) => warns[i]), 1, ...noteIndexes.filter((_, i) => !warns[i])];
    return budget(groups, maxRows, width, full, priority);
  }
  // Rejected: the place in the headline, then the cause, then the refused line with a caret.
  const where = record.location ? formatLocation(record.location, context.base) : '';
  const kept = record.version !== null ? m.keepsServing(versionLabel(record.version)) : context.waiting ? m.nothingYet : m.nothingServing;
  const head: Row = [
    { text: `✗ ${m.rejected}`, tone: 'bad' },
    { text: ` · ${strategyLabel(record)}`, tone: 'muted' },
    ...(where ? [{ text: ' · ' }, { text: where, tone: 'strong' as const }] : []),
    { text: ` · ${kept}`, tone: record.version === null ? 'bad' : 'muted' },
    ...tail,
  ];
  const cause = m.engineNote(record.cause ?? firstLine(record.reason ?? ''));
  const causeRows = wrapPieces([{ text: full ? cause : firstLine(cause) }], width, '  ', '  ');
  const frame: Row[] = record.frame
    ? formatCodeFrame(record.frame, { width: width - 2, cellWidth }).map((text, i) => [{ text: `  ${text}`, tone: i === 0 ? undefined : 'bad' }])
    : [];
  const headRows = wrapPieces(wholeFacts(head), width, '  ');
  if (full) return { rows: [...headRows, ...causeRows, ...frame], cut: false };
  // A short budget keeps, in turn: the headline, the cause's first row, the frame (where to look), the rest of
  // the cause; shown in reading order (cause before frame).
  let room = maxRows - headRows.length;
  const firstCause = causeRows.slice(0, Math.min(1, room));
  room -= firstCause.length;
  const shownFrame = room >= frame.length ? frame : [];
  room -= shownFrame.length;
  const restCause = causeRows.slice(1, 1 + Math.max(0, room));
  const rows = [...headRows, ...firstCause, ...restCause, ...shownFrame].slice(0, Math.max(1, maxRows));
  const fitted = fitRows(rows, width, false);
  return { rows: fitted.rows, cut: fitted.cut || rows.length < headRows.length + causeRows.length + frame.length || (record.cause !== undefined && cause.includes('\n')) };
}

/** A headline's pieces as facts that wrap whole. */
const wholeFacts = (head: Row): Row => head.map((piece) => ({ ...piece, whole: true }));

/**
 * Groups shown in the order given, filled in `priority` order (indexes into `groups`; default: as given), each
 * taken whole or in part while rows remain; rows are cut to the width.
 */
function budget(groups: Row[][], maxRows: number, width: number, full: boolean, priority: readonly number[] = groups.map((_, i) => i)): ChangeRows {
  const taken = groups.map(() => 0);
  let room = maxRows;
  for (const index of priority) {
    const count = Math.min(groups[index]!.length, Math.max(0, room));
    taken[index] = count;
    room -= count;
  }
  // A group cut short ends in `…`, so its last row does not read as the end of its sentence.
  const rows = groups.flatMap((group, i) => {
    const shown = group.slice(0, taken[i]);
    if (shown.length === 0 || shown.length === group.length) return shown;
    return [...shown.slice(0, -1), [...shown.at(-1)!, { text: '…', tone: 'muted' as const }]];
  });
  const cut = rows.length < groups.reduce((sum, group) => sum + group.length, 0);
  const fitted = fitRows(rows, width, full);
  return { rows: fitted.rows, cut: cut || fitted.cut };
}
