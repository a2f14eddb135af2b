// Resident memory of this process and of the processes it started (the sandboxes), for the soak's report.
// Linux /proc only; elsewhere the children's figures are absent.
import { readdirSync, readFileSync } from 'node:fs';

export interface MemoryFigures {
  /** This process (the host: engine, HTTP, traffic), MB. */
  hostRss: number;
  /** Each direct child (a sandbox process), MB: now and at its peak. */
  sandboxes: Array<{ pid: number; rss: number; peak: number }>;
}

const MB = 1024 * 1024;

export function memoryFigures(): MemoryFigures {
  return { hostRss: process.memoryUsage().rss / MB, sandboxes: children() };
}

function children(): MemoryFigures['sandboxes'] {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: MemoryFigures['sandboxes'] = [];
  for (const name of names) {
    try {
      if (readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] !== String(process.pid)) continue;
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
      found.push({ pid: Number(name), rss: kb('VmRSS'), peak: kb('VmHWM') });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** "host 95 MB · sandboxes 88/91 MB (peak 120/93)" */
export function describeMemory(figures: MemoryFigures): string {
  const now = figures.sandboxes.map((s) => s.rss.toFixed(0)).join('/');
  const peak = figures.sandboxes.map((s) => s.peak.toFixed(0)).join('/');
  return `host ${figures.hostRss.toFixed(0)} MB · sandboxes ${now || '—'} MB (peak ${peak || '—'})`;
}
