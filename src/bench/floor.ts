// The physical limit of "save → new code answers" on the machine the benchmark runs on: an in-process reloader
// with nothing in between (fs.watch on the folder, import() with a cache-busting query, one call of the new
// handler), measured from the write as hotlab's rows are. The same reference as the outside harness's --floor
// (../shared/bench), without its HTTP: hotlab's bench rows measure the in-process answer too.
import { watch } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { wallNow } from '../engine/clock.ts';
import { save, type SaveStyle } from './scripted-edits.ts';

const PAUSE_BETWEEN_SAVES_MS = 150;

const floorService = (edition: number): string => `let hits = 0;
export default function handle() {
  hits++;
  return \`edition ${edition}: pong \${hits}\`;
}
`;

/** Milliseconds from just before each write to the first answer of the new code, one per save. */
export async function measureFloor(style: SaveStyle, saves: number): Promise<number[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hotlab-floor-'));
  const file = join(dir, 'service.mjs');
  await save(file, floorService(0), 'in-place');
  let generation = 0;
  let loaded = '';
  let waiting: ((at: number) => void) | null = null;
  let busy = false;
  const reload = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const source = await readFile(file, 'utf8').catch(() => '');
      if (!source || source === loaded) return;
      const module = (await import(`${pathToFileURL(file).href}?gen=${++generation}`)) as { default: () => string };
      loaded = source;
      module.default();
      waiting?.(wallNow());
    } finally {
      busy = false;
    }
  };
  const watcher = watch(dir, (_event, name) => {
    if (!name || name === 'service.mjs') void reload();
  });
  const times: number[] = [];
  try {
    for (let edition = 1; edition <= saves; edition++) {
      const answered = new Promise<number>((resolve) => (waiting = resolve));
      const savedAt = wallNow();
      await save(file, floorService(edition), style);
      times.push((await answered) - savedAt);
      waiting = null;
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_SAVES_MS));
    }
  } finally {
    watcher.close();
    await rm(dir, { recursive: true, force: true });
  }
  return times;
}
