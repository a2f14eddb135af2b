// A real engine on a real temp workspace of several modules: save any of them as an editor would and wait for
// the update record, never for a fixed time.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import { waitForRecord } from '../../src/engine/wait-for-record.ts';
import type { ServiceResponse, UpdateRecord } from '../../src/engine/types.ts';
import { nextRecord } from './lab-fixture.ts';

export interface ProgramLab {
  engine: Engine;
  dir: string;
  /** Write one module (path relative to the workspace) and resolve with the update record it caused. */
  save(file: string, source: string): Promise<UpdateRecord>;
  /** Write one module and resolve with the record, or null when no update came (a file outside the program). */
  trySave(file: string, source: string, timeoutMs?: number): Promise<UpdateRecord | null>;
  write(file: string, source: string): Promise<void>;
  get(path?: string): Promise<ServiceResponse>;
  close(): Promise<void>;
}

/** `files`: module path → source; the entry is `service.js` unless `entry` names another. */
export async function startProgram(files: Record<string, string>, options: Partial<EngineOptions> & { entry?: string } = {}): Promise<ProgramLab> {
  const dir = await mkdtemp(join(tmpdir(), 'hotlab-program-'));
  const write = async (file: string, source: string): Promise<void> => {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), source);
  };
  for (const [file, source] of Object.entries(files)) await write(file, source);
  const { entry = 'service.js', ...engineOptions } = options;
  const engine = new Engine({ file: join(dir, entry), traffic: { rate: 0 }, ...engineOptions });
  try {
    await engine.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    engine,
    dir,
    async save(file, source) {
      const record = nextRecord(engine);
      await write(file, source);
      return record;
    },
    async trySave(file, source, timeoutMs = 1_000) {
      const record = waitForRecord(engine, timeoutMs);
      await write(file, source);
      return record;
    },
    write,
    get: (path = '/ping') => engine.request({ method: 'GET', path, query: {}, headers: {}, body: '' }),
    async close() {
      await engine.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A module that counts its own calls: `count()` returns `${label} ${n}`. */
export function countingModule(label: string, extra = ''): string {
  return `let n = 0;
export function count() {
  n++;
  return \`${label} \${n}\`;
}
${extra}`;
}
