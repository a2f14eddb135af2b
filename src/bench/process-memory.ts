// Resident memory of this process and of the processes it started (the sandboxes), for the soak's report.
// Linux /proc only; elsewhere the children's figures are absent.
import { readdirSync, readFileSync } from 'node:fs';

export interface MemoryFigures {
  /** This process (the host: engine, HTTP, traffic), MB. */
  hostRss: number;
  /** Each direct child (a sandbox process), MB: now and at its peak. */
  sandboxes: Array<{ pid: number; rss: number; peak: number }>;
}

/** One process's memory, MB. */
export interface ProcessMemory {
  pid: number;
  /** Resident now (VmRSS): counts the pages it shares with its siblings (the node binary, libraries) in full. */
  rss: number;
  /** Its highest resident figure so far (VmHWM). */
  peak: number;
  /** Anonymous resident memory (RssAnon): its own heaps, what grows when it keeps more; shared code not included. */
  anon: number;
}

const MB = 1024 * 1024;

export function memoryFigures(): MemoryFigures {
  return {
    hostRss: process.memoryUsage().rss / MB,
    sandboxes: childPids().flatMap((pid) => {
      const memory = processMemory(pid);
      return memory ? [{ pid, rss: memory.rss, peak: memory.peak }] : [];
    }),
  };
}

/** The memory of process `pid`, or null when it is gone (or there is no /proc). */
export function processMemory(pid: number): ProcessMemory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    return { pid, rss: kb('VmRSS'), peak: kb('VmHWM'), anon: kb('RssAnon') };
  } catch {
    return null;
  }
}

/** The processes whose parent is `parent` (this one by default). */
export function childPids(parent: number = process.pid): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (in parentheses) may hold spaces: the fields after it are state, then the parent's pid.
      if (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(parent)) found.push(Number(name));
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
