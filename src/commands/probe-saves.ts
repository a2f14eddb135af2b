// The measurements behind `hotlab doctor`: save a scratch file in the workspace the two ways editors do, and
// time how long the engine's own watcher takes to report each save. No printing here.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SaveHow } from '../engine/lessons/check-types.ts';
import { saveAs } from '../engine/lessons/save-file.ts';
import { watchServiceFile, type SaveEvent, type FileWatcher, type WatchOptions } from '../engine/watch/watch-service-file.ts';

export type WatchFunction = (file: string, options: WatchOptions, onEvent: (event: SaveEvent) => void) => Promise<FileWatcher>;

/** One kind of save, tried a few times. */
export interface SaveProbe {
  how: SaveHow;
  tried: number;
  seen: number;
  /** Write → watcher report, ms, for the saves that were seen. */
  latenciesMs: number[];
}

export interface ProbeReport {
  backend: 'events' | 'polling';
  probes: SaveProbe[];
  /** Every save was seen within the timeout. */
  ok: boolean;
}

export interface ProbeOptions {
  polling?: boolean;
  /** How long one save may take to be reported before it counts as missed. @default 1000 */
  timeoutMs?: number;
  /** Saves per kind. @default 3 */
  rounds?: number;
  /** The watcher to test. @default the engine's watchServiceFile */
  watch?: WatchFunction;
}

const now = (): number => performance.timeOrigin + performance.now();

/** Saves `<dir>/probe.js` in place and by rename, `rounds` times each; a kind stops at its first miss. */
export async function probeSaves(dir: string, options: ProbeOptions = {}): Promise<ProbeReport> {
  const timeoutMs = options.timeoutMs ?? 1000;
  const rounds = options.rounds ?? 3;
  const polling = options.polling ?? false;
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'probe.js');
  await writeFile(file, '// hotlab doctor: a scratch file, safe to delete\n');
  let waiting: { content: string; resolve: (at: number) => void } | null = null;
  const watcher = await (options.watch ?? watchServiceFile)(file, { polling }, (event) => {
    if (event.kind === 'change' && waiting && event.content === waiting.content) waiting.resolve(event.eventAt);
  });
  const probes: SaveProbe[] = [];
  let counter = 0;
  try {
    for (const how of ['in-place', 'rename'] as const) {
      const probe: SaveProbe = { how, tried: 0, seen: 0, latenciesMs: [] };
      probes.push(probe);
      for (let round = 0; round < rounds; round++) {
        const content = `// hotlab doctor: save ${++counter} (${how})\n`;
        const seen = new Promise<number | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), timeoutMs);
          waiting = {
            content,
            resolve: (at) => {
              clearTimeout(timer);
              resolve(at);
            },
          };
        });
        const writtenAt = now();
        probe.tried++;
        await saveAs(file, content, how);
        const at = await seen;
        waiting = null;
        if (at === null) break; // one miss tells us enough; do not make the learner wait for more
        probe.seen++;
        probe.latenciesMs.push(Math.max(0, at - writtenAt));
        // chokidar passes one change per file per 50 ms; spacing the saves keeps each measurement its own.
        await new Promise((r) => setTimeout(r, 60));
      }
    }
  } finally {
    await watcher.close();
    await rm(dir, { recursive: true, force: true });
  }
  return { backend: polling ? 'polling' : 'events', probes, ok: probes.every((p) => p.seen === p.tried) };
}
