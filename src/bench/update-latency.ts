// Save → first response for every strategy, with real saves on disk and traffic flowing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wallNow } from '../engine/clock.ts';
import type { CompareCase } from '../engine/compare.ts';
import { Engine } from '../engine/engine.ts';
import { expectRecord } from '../engine/wait-for-record.ts';
import type { UpdateRecord } from '../engine/types.ts';
import { programFiles, save, writeProgram, type ProgramShape, type SaveStyle } from './scripted-edits.ts';

/** Between one update's first response and the next save. */
const PAUSE_BETWEEN_SAVES_MS = 150;

export interface LatencyRun {
  case: CompareCase;
  style: SaveStyle;
  shape: ProgramShape;
  records: UpdateRecord[];
  /**
   * Measured by the benchmark itself: just before the write → first response from the new version. The
   * records' `total` starts at the watcher's event less an estimate of the write → event latency (the moment of
   * a save is not known to the engine).
   */
  saveToFirstResponse: number[];
  retainedHeap: number;
}

export interface LatencyOptions {
  edits: number;
  rate: number;
}

export async function measureUpdates(c: CompareCase, style: SaveStyle, options: LatencyOptions, shape: ProgramShape = 'one file'): Promise<LatencyRun> {
  const dir = await mkdtemp(join(tmpdir(), 'hotlab-bench-'));
  await writeProgram(dir, programFiles(shape, 0).files);
  const engine = new Engine({ file: join(dir, 'service.js'), strategy: c.strategy, restart: c.restart, traffic: { rate: options.rate }, http: false });
  const run: LatencyRun = { case: c, style, shape, records: [], saveToFirstResponse: [], retainedHeap: 0 };
  try {
    await engine.start();
    await new Promise((r) => setTimeout(r, 100));
    for (let edit = 1; edit <= options.edits; edit++) {
      const next = expectRecord(engine, 10_000);
      const { files, edited } = programFiles(shape, edit);
      const savedAt = wallNow();
      await save(join(dir, edited), files[edited]!, style);
      const record = await next;
      run.records.push(record);
      if (record.outcome === 'applied' && record.firstResponseAt !== undefined) run.saveToFirstResponse.push(record.firstResponseAt - savedAt);
      run.retainedHeap = record.retainedHeap ?? 0;
      // People save seconds apart. chokidar holds back a second change of one file within 50 ms of the last,
      // so saves closer than that would measure chokidar's throttle, not the update path.
      await new Promise((r) => setTimeout(r, PAUSE_BETWEEN_SAVES_MS));
    }
  } finally {
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return run;
}
