// How long this machine's file system takes to tell a watcher about a write: the one stage of an update that
// cannot be timed, because the moment of the learner's save is not known to hotlab. A file's mtime would say it,
// but Linux stamps mtimes from a coarse clock (up to a few ms behind the write), so `save → first answer` from the
// mtime read several ms high. The latency is measured once instead, at start, the way saves are seen (fs.watch
// on a folder, a write into it), and every update's `detect` is that estimate, marked as one.
import { mkdirSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** Used when the measurement cannot be made (a file system without events): what this machine showed idle. */
export const DEFAULT_DETECT_MS = 0.5;
const SAMPLES = 9;
/** Measured after this pause, so the start-up's own work (sandbox processes booting) is over. */
const SETTLE_MS = 1000;
const SAMPLE_TIMEOUT_MS = 200;

const now = (): number => performance.timeOrigin + performance.now();

/** Median of a few write → event latencies in a scratch folder under `dir`, in ms; the default once `stop` aborts. */
export async function measureDetectLatency(dir: string, stop: AbortSignal): Promise<number> {
  const folder = join(dir, `detect-${process.pid}`);
  const cancelled = (): boolean => stop.aborted;
  const settled = await delay(SETTLE_MS, true, { signal: stop, ref: false }).catch(() => false);
  if (!settled) return DEFAULT_DETECT_MS;
  try {
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'probe.js');
    const samples: number[] = [];
    let seen: ((at: number) => void) | null = null;
    const watcher = watch(folder, () => seen?.(now()));
    try {
      for (let i = 0; i < SAMPLES && !cancelled(); i++) {
        const event = new Promise<number | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), SAMPLE_TIMEOUT_MS);
          seen = (at) => {
            clearTimeout(timer);
            seen = null;
            resolve(at);
          };
        });
        const writtenAt = now();
        writeFileSync(file, `export const probe = ${i};\n`);
        const at = await event;
        if (at !== null) samples.push(Math.max(0, at - writtenAt));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } finally {
      watcher.close();
    }
    if (samples.length === 0 || cancelled()) return DEFAULT_DETECT_MS;
    samples.sort((a, b) => a - b);
    return samples[samples.length >> 1]!;
  } catch {
    return DEFAULT_DETECT_MS;
  } finally {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // A scratch folder left in the state folder is harmless; an engine that cannot stop is not.
    }
  }
}
