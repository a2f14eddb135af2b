// One readable line about an update, for the REPL console after :reload, :rollback and :strategy.
import { describeModules } from '../../engine/describe-modules.ts';
import type { UpdateRecord } from '../../engine/types.ts';
import { firstLine, formatLocation, formatMs } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
import { recordState, stateWords } from '../shared/record-state.ts';
import type { ReplLineKind } from '../repl/repl-state.ts';

export const versionLabel = (version: number | null | undefined) =>
  version === null || version === undefined ? 'v-' : `v${version}`;

/** `v1 → v2 applied`, or `v1 started` when no version ran before it (there is no `v-` to come from). */
export function appliedLabel(record: Pick<UpdateRecord, 'previousVersion' | 'version'>, messages: Messages): string {
  return record.previousVersion === null
    ? messages.started(versionLabel(record.version))
    : `${versionLabel(record.previousVersion)} → ${versionLabel(record.version)} ${messages.applied}`;
}

export function strategyLabel(record: Pick<UpdateRecord, 'strategy' | 'restart'>): string {
  return record.strategy === 'binary-replace' && record.restart ? `${record.strategy} (${record.restart})` : record.strategy;
}

/**
 * The modules line of an applied update (engine/describe-modules.ts, in the learner's language), or null: a
 * one-module program, a rejection. `programSize`: modules in the program now.
 */
export function modulesLine(record: UpdateRecord, messages: Messages, programSize = 1): string | null {
  // The program's size comes with the engine's next stats, a moment after the record: until then, what the
  // record touched is the least it has.
  const touched = (record.modules ?? []).filter((m) => m.action !== 'removed').length;
  return describeModules(record, Math.max(programSize, touched), messages.modules);
}

export function describeUpdate(
  record: UpdateRecord | null,
  messages: Messages,
  base: string,
  nothing = messages.noChange,
  /** Modules in the program (a one-module program gets no modules line). */
  programSize = 1,
): { kind: ReplLineKind; text: string } {
  if (!record) return { kind: 'info', text: nothing };
  if (record.outcome === 'rejected') {
    const where = record.location ? ` (${formatLocation(record.location, base)})` : '';
    const kept = record.version === null ? (record.previousVersion === null ? messages.nothingYet : messages.nothingServing) : messages.keepsServing(versionLabel(record.version));
    return {
      kind: 'error',
      text: `✗ ${strategyLabel(record)} ${messages.rejected}${where}: ${firstLine(messages.engineNote(record.cause ?? record.reason ?? ''))} — ${kept}`,
    };
  }
  const parts = [
    appliedLabel(record, messages),
    strategyLabel(record),
    formatMs(record.total),
    stateWords(recordState(record, programSize), messages).text,
    messages.failedCount(String(record.failedRequests)),
  ];
  if (record.downtimeMs > 0) parts.push(`${messages.downtime} ${formatMs(record.downtimeMs)}`);
  const modules = modulesLine(record, messages, programSize);
  const notes = [...(modules ? [`\n  ↳ ${modules}`] : []), ...record.notes.map((note) => `\n  ⚠ ${firstLine(messages.engineNote(note))}`)].join('');
  return { kind: 'result', text: `✓ ${parts.join(' · ')}${notes}` };
}
