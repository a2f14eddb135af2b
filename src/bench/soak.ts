// `npm run soak`: a long session under load, as a hostile learner and a load generator would run it (issue 12),
// and what it holds in memory (issue 11). Not part of `npm test`: it takes several minutes. Options: --saves N
// (per strategy, default 500), --quick (50 saves, smaller loads), --only saves|pressure|memory, --strategies
// file-watch,plugin-swap,… (memory part), --every N (memory part: a point every N saves).
import { loadavg } from 'node:os';
import type { RestartMode, StrategyName } from '../engine/types.ts';
import { benchArgs } from './bench-args.ts';
import { renderTable } from './render-table.ts';
import { describeMemory } from './process-memory.ts';
import { hostHeapRelease, largeSourceLifecycle, largeStateSaves, manyVerifies, parseTimes, responseBurst, retainedVersionsFill, type PressureRow } from './soak-pressure.ts';
import { soakSaves, type SaveSoakResult } from './soak-saves.ts';
import { renderMemoryRuns } from './render-memory.ts';
import { collectHost, memoryAcrossSaves, type MemoryRun } from './soak-memory.ts';

const CASES: Array<[StrategyName, RestartMode]> = [
  ['file-watch', 'graceful'],
  ['plugin-swap', 'graceful'],
  ['reflection-patch', 'graceful'],
  ['binary-replace', 'graceful'],
];

/** The memory part measures binary-replace's cold restart too: it starts a process per save. */
const MEMORY_CASES: Array<[StrategyName, RestartMode]> = [...CASES, ['binary-replace', 'cold']];

const MB = 1024 * 1024;
const ms = (value: number | undefined): string => (value === undefined ? '—' : value < 100 ? value.toFixed(1) : Math.round(value).toString());

async function main(): Promise<void> {
  const values = benchArgs('npm run soak -- [--saves 500] [--quick] [--only memory|pressure|saves] [--strategies file-watch,plugin-swap] [--every N]', {
    saves: { type: 'string' },
    quick: { type: 'boolean' },
    only: { type: 'string' },
    strategies: { type: 'string' },
    every: { type: 'string' },
  });
  const quick = values.quick ?? false;
  const saves = Number(values.saves ?? (quick ? 50 : 500));
  const progress = (text: string): void => {
    process.stderr.write(`\r\x1b[K${text}`);
  };
  const started = performance.now();
  const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');
  process.stdout.write(`hotlab soak — ${new Date().toISOString()} — node ${process.version}, ${saves} saves per strategy — load average ${load()}\n\n`);

  if (values.only === 'memory' || values.only === undefined) {
    const wanted = values.strategies?.split(',');
    const runs: MemoryRun[] = [];
    for (const [strategy, restart] of MEMORY_CASES) {
      const name = strategy === 'binary-replace' ? `${strategy}-${restart}` : strategy;
      if (wanted && !wanted.some((w) => name.startsWith(w))) continue;
      runs.push(await memoryAcrossSaves(strategy, restart, { saves, ...(values.every ? { every: Number(values.every) } : {}) }, progress));
    }
    progress('');
    process.stdout.write(renderMemoryRuns(runs, collectHost()));
    process.stdout.write(`load average after: ${load()}\n\n`);
  }

  if (values.only === 'saves' || values.only === undefined) {
    const results: SaveSoakResult[] = [];
    for (const [strategy, restart] of CASES) results.push(await soakSaves(strategy, restart, saves, progress));
    progress('');
    process.stdout.write(`Saves with traffic (100 req/s in process; a check request after each save)\n`);
    process.stdout.write(
      renderTable(
        ['strategy', 'saves', 'applied', 'refused', 'unloads', 'served', 'failed', 'restarts', 'state resets', 'not kept', 'heap max/end MB', 'heap warnings', 'p50/p95 ms', 'memory', 's'],
        results.map((r) => [
          r.strategy,
          String(r.saves),
          String(r.applied),
          String(r.rejected),
          String(r.unloads),
          String(r.served),
          String(r.failedRequests),
          String(r.restarts),
          String(r.stateResets),
          String(r.notKept),
          `${(r.heapMax / MB).toFixed(1)}/${(r.heapEnd / MB).toFixed(1)}`,
          String(r.heapWarnings),
          `${ms(r.totalP50)}/${ms(r.totalP95)}`,
          describeMemory(r.memory),
          r.seconds.toFixed(0),
        ]),
      ),
    );
    process.stdout.write('\n');
  }

  if (values.only === 'pressure' || values.only === undefined) {
    const rows: PressureRow[] = [];
    const step = async (label: string, run: () => Promise<PressureRow> | PressureRow): Promise<void> => {
      progress(label);
      try {
        rows.push(await run());
      } catch (error) {
        rows.push({ what: label, outcome: `FAILED: ${error instanceof Error ? error.message : String(error)}`, memory: '' });
      }
    };
    await step('1 MB burst', () => responseBurst(1_000_000, quick ? 20 : 100));
    await step('256 KB burst', () => responseBurst(256 * 1024, quick ? 80 : 400));
    await step('64 KB burst', () => responseBurst(64 * 1024, quick ? 200 : 2000));
    await step('large state', () => largeStateSaves(36, quick ? 3 : 10));
    await step('retained versions', () => retainedVersionsFill(4, 30));
    await step('verifies', () => manyVerifies(quick ? 20 : 100));
    await step('parse', () => parseTimes(quick ? [256, 1024] : [256, 1024, 2048, 5120]));
    await step('large source', () => largeSourceLifecycle());
    await step('host memory', () => hostHeapRelease());
    progress('');
    process.stdout.write('Pressure\n');
    process.stdout.write(renderTable(['what', 'outcome', 'memory'], rows.map((r) => [r.what, r.outcome, r.memory])));
  }
  process.stdout.write(`\ndone in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`\nsoak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
