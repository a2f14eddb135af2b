// The memory soak's table: one row per moment of each strategy's run, and the words to read it by.
import { renderTable } from './render-table.ts';
import { growthPerSave, LAB_RATE, type MemoryRun } from './soak-memory.ts';

const mb = (value: number): string => value.toFixed(1);

export function renderMemoryRuns(runs: MemoryRun[], collected: boolean): string {
  const rows = runs.flatMap((run) => {
    const first = run.points[0]!;
    return run.points.map((point, index) => {
      const growth = growthPerSave(first, point);
      return [
        index === 0 ? run.strategy : '',
        point.label,
        mb(point.host),
        mb(point.serving),
        point.servingHeap === null ? '—' : mb(point.servingHeap),
        mb(point.verifier),
        point.otherCount === 0 ? '—' : `${mb(point.other)} (${point.otherCount})`,
        mb(point.total),
        mb(point.anon),
        mb(point.hostHeap),
        growth === undefined ? '—' : growth.toFixed(0),
        `${point.retainedVersions} / ${(point.retainedHeap / 1024).toFixed(0)} KB`,
      ];
    });
  });
  const outcomes = runs.map((r) => `${r.strategy} ${r.applied} applied, ${r.refused} refused, ${r.failedRequests} failed requests, ${r.seconds.toFixed(0)} s`).join(' · ');
  return [
    `Memory of the lab (RSS, MB): the engine as the lab runs it — traffic ${LAB_RATE} req/s, HTTP on a free port, a verifier, real saves each waiting for its record`,
    '',
    renderTable(['strategy', 'when', 'host', 'serving', 'its isolate heap', 'verifier', 'other (n)', 'total', 'anon', `host heap${collected ? ' (after GC)' : ''}`, 'KB/save', 'retained (n / heap)'], rows).trimEnd(),
    '',
    outcomes,
    'total: the sum of the RSS of host and every sandbox process (pages they share, the node binary and its libraries, count in each). anon: their anonymous memory only (heaps, no shared code): what grows when memory piles up.',
    'KB/save: growth of total since "idle after start", per save. retained: old versions plugin-swap keeps loaded by design (Go cannot unload a plugin), and the heap they hold in the serving sandbox; :unload in the lab drops them.',
    "its isolate heap: what the learner's versions hold in the serving sandbox's 64 MB heap once garbage is collected (the status line's figure counts garbage too).",
    'other: binary-replace\'s standby process (the next build boots in it), and an old process while it drains.',
    '',
  ].join('\n');
}
