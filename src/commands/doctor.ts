// `hotlab doctor`: can hotlab see the learner's saves in their workspace, and how fast? If file system events
// do not arrive (network drives, some container and VM mounts), it tries polling and says how to use it.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { commandFor, resolveWorkspace, type ResolvedWorkspace } from '../engine/lessons/workspace-dir.ts';
import { probeSaves, type ProbeReport, type SaveProbe, type WatchFunction } from './probe-saves.ts';

export interface DoctorOptions {
  /** @default the current folder when it holds .hotlab/, else ./sandbox (workspace-dir.ts) */
  workspace?: string;
  json?: boolean;
  /** For tests: the watcher to probe. */
  watch?: WatchFunction;
  /** @default 1000 */
  timeoutMs?: number;
}

export interface DoctorReport {
  workspace: string;
  events: ProbeReport;
  /** Only run when events missed a save. */
  polling?: ProbeReport;
  /** What the learner should do, in one line. */
  advice: string;
  ok: boolean;
}

export async function doctor(options: DoctorOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const resolved = resolveWorkspace(options.workspace);
  const workspace = resolved.dir;
  const info = await stat(workspace).catch(() => null);
  if (!info?.isDirectory()) {
    out.write(`hotlab doctor: ${workspace} is not a folder. Open the lab once (${commandFor('hotlab', resolved)}) or create it, then run the doctor again.\n`);
    return 2;
  }
  if (!options.json) out.write(`hotlab doctor — can hotlab see your saves in ${workspace}?\n`);
  const report = await diagnose(resolved, options);
  if (options.json) {
    out.write(`${JSON.stringify(report)}\n`);
  } else {
    for (const probe of report.events.probes) out.write(`${describeProbe(probe)}\n`);
    if (report.polling) {
      out.write('  with polling instead of events:\n');
      for (const probe of report.polling.probes) out.write(`  ${describeProbe(probe)}\n`);
    }
    out.write(`${report.advice}\n`);
  }
  return report.ok ? 0 : 1;
}

const POLLING_PROBE_MIN_MS = 1000;

/** `where`: the workspace folder, or as resolved from --workspace (the advice then names --workspace only when needed). */
export async function diagnose(where: string | ResolvedWorkspace, options: Pick<DoctorOptions, 'watch' | 'timeoutMs'> = {}): Promise<DoctorReport> {
  const resolved = typeof where === 'string' ? resolveWorkspace(where) : where;
  const workspace = resolved.dir;
  // Inside the workspace (its .hotlab folder): same file system, same mount, same event behaviour as service.js.
  const dir = join(workspace, '.hotlab', `doctor-${process.pid}`);
  const probe = { timeoutMs: options.timeoutMs ?? 1000, ...(options.watch ? { watch: options.watch } : {}) };
  const events = await probeSaves(dir, probe);
  if (events.ok) {
    return { workspace, events, ok: true, advice: 'File system events work here: saves are seen at once, no need for --polling.' };
  }
  // Polling sees a save only on its next poll, and a busy machine stretches that: give it at least a second, so
  // a slow poll is not read as "polling does not work either".
  const polling = await probeSaves(dir, { ...probe, polling: true, timeoutMs: Math.max(probe.timeoutMs, POLLING_PROBE_MIN_MS) });
  const file = join(workspace, 'service.js');
  const advice = polling.ok
    ? `Saves do not arrive as file system events in this folder (network drives, some Docker/VM mounts and WSL's /mnt do this). Polling sees them: run ${commandFor('hotlab', resolved)} --polling (or hotlab serve ${file} --polling), or move the workspace to a local disk.`
    : `Neither events nor polling saw the saves in ${workspace}. Check that the folder is writable and on a local disk, or choose another with --workspace.`;
  return { workspace, events, polling, ok: false, advice };
}

function describeProbe(probe: SaveProbe): string {
  const what = probe.how === 'in-place' ? 'in-place save (truncate + write)' : 'rename save (temp file + rename)';
  if (probe.seen === 0) return `  ✗ ${what}: not seen within the time limit`;
  const sorted = [...probe.latenciesMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const slowest = sorted.at(-1)!;
  const mark = probe.seen === probe.tried ? '✓' : '✗';
  return `  ${mark} ${what}: seen after ${median.toFixed(1)} ms (${probe.seen} of ${probe.tried}; slowest ${slowest.toFixed(1)} ms)`;
}
