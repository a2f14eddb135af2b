// One update as a terminal line, for `hotlab serve` without --json.
import { describeModules } from '../engine/describe-modules.ts';
import type { UpdateRecord } from '../engine/types.ts';

const STAGES = ['detect', 'debounce', 'read', 'compile', 'link', 'migrate', 'swap', 'firstResponse'] as const;

export function ms(value: number | undefined): string {
  if (value === undefined) return '—';
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toString();
}

/** `programSize`: modules in the program now (a one-module program gets no modules line). */
export function formatRecord(record: UpdateRecord, programSize = 1): string {
  if (record.outcome === 'rejected') return `✗ rejected (${record.strategy}): ${record.reason}`;
  const stages = STAGES.filter((s) => record.timings[s] !== undefined)
    // The save's own moment is not known: detect is the machine's measured write → event latency, so say "about".
    .map((s) => `${s} ${s === 'detect' && record.timings.detectEstimated ? '~' : ''}${ms(record.timings[s])}`)
    .join(' · ');
  const facts = [
    record.stateKept ? 'state kept' : 'state reset',
    `${record.failedRequests} failed`,
    record.downtimeMs > 0 ? `down ${ms(record.downtimeMs)} ms` : 'no downtime',
    record.retainedVersions > 0 ? `${record.retainedVersions} old versions retained` : '',
  ].filter(Boolean);
  const modules = describeModules(record, programSize);
  const notes = [...(modules ? [modules] : []), ...record.notes].map((note) => `\n    ${note}`).join('');
  return `✓ v${record.previousVersion ?? '–'} → v${record.version} by ${record.strategy}${record.restart ? ` (${record.restart})` : ''} in ${record.timings.detectEstimated ? '~' : ''}${ms(record.total)} ms — ${facts.join(', ')}\n    ${stages}${notes}`;
}
