// Pure: the program of several modules as rows. Which modules run (in evaluation order, the entry last), the
// version that loaded each one's live instance (a plugin-swap of greet.js leaves service.js at v1 and greet.js at
// v3), the old instances plugin-swap keeps next to it and their heap, what the last update did to each (re-ran,
// swapped, patched, rebuilt; state kept, lost, or none to lose), and the heap warning. Three forms: one row for
// the stats panel, one row for the heap warning, and the whole page (the modules overlay, m, and the reading view).
import { isAbsolute, join } from 'node:path';
import type { EngineSnapshot, ModuleChange, ModuleStatus, UpdateRecord } from '../../engine/types.ts';
import { strategyLabel, versionLabel } from '../feed/describe-update.ts';
import { cellWidth, firstLine, formatBytes, padEnd, padStart } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
import { wrapPieces, type Piece, type Row } from '../shared/rows.ts';
import type { Tone } from '../shared/theme.ts';

export type ProgramSnapshot = Pick<EngineSnapshot, 'entry' | 'modules' | 'version' | 'updates' | 'sandbox' | 'heapWarning' | 'retainedVersions'>;

/** A program of more than one module: the screen only talks about modules then (one file looks as it always did). */
export const isMultiModule = (modules: readonly ModuleStatus[]) => modules.length > 1;

/** Modules of the program besides the entry. */
export const otherModules = (modules: readonly ModuleStatus[]) => Math.max(0, modules.length - 1);

/**
 * The stats panel's row: `3 modules greet.js v3 +2 old · routes.js v1 · service.js v1`. A module the newest
 * version (re)loaded stands out; old instances warn. Null for a one-module program.
 */
export function programRow(modules: readonly ModuleStatus[], version: number | null, messages: Messages): Row | null {
  if (!isMultiModule(modules)) return null;
  const row: Row = [{ text: `${messages.program.count(modules.length)} `, tone: 'heading' }];
  modules.forEach((status, i) => {
    if (i > 0) row.push({ text: ' · ', tone: 'muted' });
    row.push({ text: status.module }, { text: ` ${versionLabel(status.version)}`, tone: status.version === version ? 'accent' : 'muted' });
    if (status.retainedVersions > 0) row.push({ text: ` ${messages.program.old(status.retainedVersions)}`, tone: 'warn' });
  });
  return row;
}

const percent = (used: number, limit: number) => Math.round((used / limit) * 100);

/** Old instances' heap, summed over the modules (bytes). */
export const retainedHeap = (modules: readonly ModuleStatus[]) => modules.reduce((sum, m) => sum + m.retainedHeap, 0);

/**
 * The heap warning in one row, in the learner's language: how full, what fills it, what to do. Null while the
 * engine sees room. The engine's own sentence (how many more saves fit) is on the modules page.
 */
export function heapNoticeRow(snapshot: ProgramSnapshot, messages: Messages, keys: { unload: string; modules: string }): Row | null {
  const warning = snapshot.heapWarning ?? null;
  if (warning === null) return null;
  const { heapUsed, heapLimit } = snapshot.sandbox;
  const p = messages.program;
  const head = heapUsed !== null && heapLimit ? p.heap(formatBytes(heapUsed), formatBytes(heapLimit), percent(heapUsed, heapLimit)) : firstLine(warning);
  const retained = snapshot.retainedVersions > 0;
  const what = retained ? p.heapRetained(snapshot.retainedVersions, formatBytes(retainedHeap(snapshot.modules))) : p.heapService;
  return [
    { text: '⚠ ', tone: 'warn' },
    { text: p.heapWarning(head, what), tone: 'warn' },
    { text: ` · ${retained ? p.heapActions(keys.unload, keys.modules) : p.heapActionsKeyOnly(keys.modules)}`, tone: 'muted' },
  ];
}

/**
 * `/abs/lib/greet.ts:3:5` when the refusal that stands is in a module other than the entry (the lesson pane's
 * footer points there instead of at the entry); null otherwise.
 */
export function refusedElsewhere(snapshot: Pick<EngineSnapshot, 'file' | 'workspace' | 'rejection'>): string | null {
  const location = snapshot.rejection?.location;
  if (!location || !/\.[cm]?[jt]s$/.test(location.file)) return null;
  const file = isAbsolute(location.file) ? location.file : join(snapshot.workspace, location.file);
  return file === snapshot.file ? null : `${file}:${location.line}:${location.column}`;
}

/** The newest applied update: what the modules column "last update" describes. */
function lastApplied(updates: readonly UpdateRecord[]): UpdateRecord | undefined {
  for (let i = updates.length - 1; i >= 0; i--) if (updates[i]!.outcome === 'applied') return updates[i];
  return undefined;
}

/** What the last update did to one module, and its state: kept, lost, or none to lose (functions alone). */
function lastCell(change: ModuleChange | undefined, record: UpdateRecord | undefined, messages: Messages): Piece[] {
  const p = messages.program;
  if (!record) return [{ text: '—', tone: 'muted' }];
  if (!change) return [{ text: p.keptRunning, tone: 'muted' }];
  const action: Piece = { text: p.actions[change.action] };
  // A module loaded for the first time, or gone, has no state of before to keep or lose.
  if (change.action === 'loaded' || change.action === 'removed') return [action];
  const state: Piece = !change.stateful ? { text: p.states.none, tone: 'muted' } : change.stateKept ? { text: p.states.kept, tone: 'good' } : { text: p.states.lost, tone: 'warn' };
  return [action, { text: ' · ', tone: 'muted' }, state];
}

export interface ProgramInput {
  snapshot: ProgramSnapshot;
  messages: Messages;
  width: number;
  /** The module the REPL evaluates in; null: the entry. */
  replScope: string | null;
}

/** The whole page: summary, the table of modules, the heap warning in full, and what the REPL can do here. */
export function planProgram({ snapshot, messages, width, replScope }: ProgramInput): Row[] {
  const p = messages.program;
  const { modules } = snapshot;
  const rows: Row[] = [];
  const { heapUsed, heapLimit } = snapshot.sandbox;
  const serving = snapshot.version === null ? p.nothing : messages.serving(versionLabel(snapshot.version));
  const heap = heapUsed !== null && heapLimit ? ` · ${p.heap(formatBytes(heapUsed), formatBytes(heapLimit), percent(heapUsed, heapLimit))}` : '';
  rows.push(...wrapPieces([{ text: p.summary(modules.length, snapshot.entry, serving), tone: 'strong' }, { text: heap, tone: snapshot.heapWarning ? 'warn' : 'muted' }], width, '  '));
  if (modules.length === 0) return rows;

  const record = lastApplied(snapshot.updates);
  if (record) rows.push([{ text: p.lastOf(`${versionLabel(record.previousVersion)} → ${versionLabel(record.version)} · ${strategyLabel(record)}`), tone: 'muted' }]);
  rows.push([]);
  const changes = new Map((record?.modules ?? []).map((change) => [change.module, change]));
  const removed = (record?.modules ?? []).filter((change) => change.action === 'removed' && !modules.some((m) => m.module === change.module));
  const h = p.headers;
  const names = [...modules.map((m) => m.module), ...removed.map((m) => m.module)];
  const nameWidth = Math.min(Math.max(cellWidth(h.module), ...names.map(cellWidth)), Math.max(12, Math.floor(width * 0.35)));
  const versionWidth = Math.max(cellWidth(h.version), 4);
  const retainedWidth = Math.max(cellWidth(h.retained), 3);
  const heapWidth = Math.max(cellWidth(h.heap), 8);
  const cells = (name: Piece, version: Piece, retained: Piece, retainedBytes: Piece, last: Piece[]): Row => [
    { ...name, text: padEnd(name.text, nameWidth) },
    { text: '  ' },
    { ...version, text: padEnd(version.text, versionWidth) },
    { text: '  ' },
    { ...retained, text: padStart(retained.text, retainedWidth) },
    { text: '  ' },
    { ...retainedBytes, text: padStart(retainedBytes.text, heapWidth) },
    { text: '  ' },
    ...last,
  ];
  const muted = (text: string): Piece => ({ text, tone: 'muted' });
  rows.push(cells(muted(h.module), muted(h.version), muted(h.retained), muted(h.heap), [muted(h.last)]));
  for (const status of modules) {
    const tone: Tone | undefined = status.version === snapshot.version ? 'accent' : undefined;
    const held = status.retainedVersions > 0;
    rows.push(
      cells(
        // The entry (named in the summary) stands out.
        { text: status.module, tone: status.module === snapshot.entry ? 'strong' : undefined },
        { text: versionLabel(status.version), ...(tone ? { tone } : {}) },
        held ? { text: String(status.retainedVersions), tone: 'warn' } : muted('—'),
        held ? { text: formatBytes(status.retainedHeap), tone: 'warn' } : muted('—'),
        lastCell(changes.get(status.module), record, messages),
      ),
    );
  }
  for (const change of removed) rows.push(cells(muted(change.module), muted('—'), muted('—'), muted('—'), lastCell(change, record, messages)));

  if (snapshot.heapWarning) {
    rows.push([]);
    rows.push(...wrapPieces([{ text: '⚠ ', tone: 'warn' }, { text: snapshot.heapWarning, tone: 'warn' }], width, '  '));
  }
  rows.push([]);
  rows.push(...wrapPieces([{ text: p.replNote(replScope ?? snapshot.entry), tone: 'muted' }], width, '  '));
  if (snapshot.retainedVersions > 0 || modules.some((m) => m.retainedVersions > 0)) rows.push(...wrapPieces([{ text: p.unloadNote, tone: 'muted' }], width, '  '));
  return rows;
}
