// `hotlab bench`: the same scripted edits under every strategy in one run, with traffic flowing, then
// capacity. One table; ratios between rows are what to read (this machine is shared and noisy).
import { measureUpdates, type LatencyRun } from '../bench/update-latency.ts';
import { httpRequestsPerSecond, inProcessCallsPerSecond } from '../bench/throughput.ts';
import { PROGRAM_SHAPES, type SaveStyle } from '../bench/scripted-edits.ts';
import { measureStartup } from '../bench/program-startup.ts';
import { measureFloor } from '../bench/floor.ts';
import { COMPARE_CASES } from '../engine/compare.ts';
import { summarize } from '../engine/stats/summarize.ts';
import { renderTable } from '../bench/render-table.ts';
import { ms } from './format-record.ts';

export interface BenchOptions {
  json: boolean;
  /** Saves per strategy and save style. @default 15 */
  edits?: number;
  /** Driver traffic during updates, requests per second. @default 1000 */
  rate?: number;
  /** How long each capacity measurement runs. @default 2000 */
  capacityMs?: number;
}

const STYLES: SaveStyle[] = ['in-place', 'rename'];

/**
 * Progress on stderr: rewritten in place on a terminal; into a pipe or a file (CI logs, `2> log`), one plain line
 * per step and no escape codes.
 */
export function progressWriter(err: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean }): (text: string) => void {
  if (err.isTTY) return (text) => void err.write(`\r\x1b[K${text}`);
  return (text) => {
    if (text !== '') err.write(`${text}\n`);
  };
}

export async function bench(options: BenchOptions, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Promise<number> {
  const edits = options.edits ?? 15;
  const rate = options.rate ?? 1000;
  const capacityMs = options.capacityMs ?? 2000;
  const write = progressWriter(err);
  const progress = (text: string): void => {
    if (!options.json) write(text);
  };
  progress('bench: the floor (in-process fs.watch + re-import) …');
  const floor = {} as Record<SaveStyle, ReturnType<typeof summarize>>;
  for (const style of STYLES) floor[style] = summarize(await measureFloor(style, edits));
  const runs: LatencyRun[] = [];
  for (const shape of PROGRAM_SHAPES) {
    for (const c of COMPARE_CASES) {
      for (const style of STYLES) {
        progress(`bench: ${c.strategy}${c.restart ? ` (${c.restart})` : ''}, ${style} saves, ${shape} …`);
        runs.push(await measureUpdates(c, style, { edits, rate }, shape));
      }
    }
  }
  progress('bench: start-up of 1 and 20 modules …');
  const startup = { oneModule: summarize(await measureStartup(1, 5)), twentyModules: summarize(await measureStartup(20, 5)) };
  progress('bench: in-process capacity …');
  const inProcess = await inProcessCallsPerSecond(capacityMs);
  progress('bench: HTTP capacity …');
  const http = await httpRequestsPerSecond(capacityMs);
  progress('');

  const rows = runs.map((run) => {
    const applied = run.records.filter((r) => r.outcome === 'applied');
    const totals = summarize(applied.flatMap((r) => (r.total !== undefined ? [r.total] : [])));
    const saveToFirst = summarize(run.saveToFirstResponse);
    return {
      strategy: run.case.strategy + (run.case.restart ? ` (${run.case.restart})` : ''),
      edit: run.shape,
      save: run.style,
      applied: `${applied.length}/${run.records.length}`,
      saveToFirstP50: saveToFirst.p50,
      /** save → first answer p50 as a multiple of the floor's, same save style, same run. */
      timesFloor: timesFloor(saveToFirst.p50, floor[run.style].p50),
      saveToFirstP95: saveToFirst.p95,
      totalP50: totals.p50,
      totalP95: totals.p95,
      downtimeMax: Math.max(0, ...run.records.map((r) => r.downtimeMs)),
      failed: run.records.reduce((n, r) => n + r.failedRequests, 0),
      stateKept: `${applied.filter((r) => r.stateKept).length}/${applied.length}`,
      retained: `${applied.at(-1)?.retainedVersions ?? 0} / ${(run.retainedHeap / 1024).toFixed(0)} KiB`,
    };
  });
  const result = { edits, rate, floor: { inPlaceP50: floor['in-place'].p50, renameP50: floor.rename.p50 }, rows, startup: { oneModuleP50: startup.oneModule.p50, twentyModulesP50: startup.twentyModules.p50 }, capacity: { inProcessCallsPerSecond: inProcess.perSecond, inProcessFailed: inProcess.failed, httpRequestsPerSecond: http.perSecond, httpFailed: http.failed, httpClient: http.client } };
  if (options.json) {
    out.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  out.write(`hotlab bench — ${edits} saves per strategy and save style, traffic at ${rate} req/s (times in ms)\n\n`);
  out.write(
    renderTable(
      ['strategy', 'edit', 'save', 'applied', 'save→1st p50', 'p95', '× floor', 'total p50', 'p95', 'downtime max', 'failed', 'state kept', 'retained (n / heap)'],
      [
        ...STYLES.map((style) => ['floor (fs.watch + import)', '', style, '', ms(floor[style].p50), ms(floor[style].p95), '1.0', '', '', '', '', '', '']),
        ...rows.map((r) => [r.strategy, r.edit, r.save, r.applied, ms(r.saveToFirstP50), ms(r.saveToFirstP95), r.timesFloor === undefined ? '—' : r.timesFloor.toFixed(1), ms(r.totalP50), ms(r.totalP95), ms(r.downtimeMax), String(r.failed), r.stateKept, r.retained]),
      ],
    ),
  );
  out.write(`\ncapacity: in-process ${Math.round(inProcess.perSecond).toLocaleString('en')} handler calls/s (${inProcess.failed} failed) · HTTP ${Math.round(http.perSecond).toLocaleString('en')} req/s over 32 keep-alive connections, load from ${http.client} (${http.failed} failed)\n`);
  out.write(`start-up (engine.start() → v1 answers): 1 module p50 ${ms(startup.oneModule.p50)} ms · 20 modules p50 ${ms(startup.twentyModules.p50)} ms\n`);
  out.write('edit: the one-file service, or the leaf module of service.js → routes.js → lib/greet.js (two imports below the entry).\n');
  out.write('floor: the same saves to an in-process reloader with nothing in between (fs.watch, import(), one call): the physical limit of this machine now. × floor: save→1st p50 over the floor\'s, same save style.\n');
  out.write('save→1st: from just before the write to the first response served by the new code. total: what the lab and serve show (~): from the watcher\'s event, plus this machine\'s write → event latency measured once at start (an estimate; under load the real one is longer).\n');
  return 0;
}

function timesFloor(p50: number | undefined, floorP50: number | undefined): number | undefined {
  return p50 !== undefined && floorP50 ? p50 / floorP50 : undefined;
}
