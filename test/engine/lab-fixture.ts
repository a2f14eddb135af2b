// A real engine on a real temp workspace, for tests: save files as an editor would and wait for what the
// learner would see (the next update record, a response), never for a fixed time.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import { expectRecord } from '../../src/engine/wait-for-record.ts';
import type { ServiceResponse, UpdateRecord } from '../../src/engine/types.ts';

export interface Lab {
  engine: Engine;
  dir: string;
  file: string;
  /** Write the service file and resolve with the update record it caused (waiting up to `timeoutMs`, 10 s). */
  save(source: string, timeoutMs?: number): Promise<UpdateRecord>;
  /** GET a path through the engine (as the traffic does). */
  get(path?: string): Promise<ServiceResponse>;
  close(): Promise<void>;
}

export async function startLab(source: string, options: Partial<EngineOptions> = {}): Promise<Lab> {
  const dir = await mkdtemp(join(tmpdir(), 'hotlab-test-'));
  const file = join(dir, 'service.js');
  await writeFile(file, source);
  const engine = new Engine({ file, traffic: { rate: 50 }, ...options });
  try {
    await engine.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    engine,
    dir,
    file,
    async save(next, timeoutMs) {
      const record = nextRecord(engine, timeoutMs);
      await writeFile(file, next);
      return record;
    },
    get: (path = '/ping') => engine.request({ method: 'GET', path, query: {}, headers: {}, body: '' }),
    async close() {
      await engine.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function nextRecord(engine: Engine, timeoutMs = 10_000): Promise<UpdateRecord> {
  return expectRecord(engine, timeoutMs);
}

/** Poll a condition until true (for things with no event, like a restarted sandbox). */
export async function eventually<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 20));
    last = await probe();
  }
  return last;
}

/** A counter service whose reply text is `${text} ${hits}`; extra code is appended. */
export function counter(text: string, extra = ''): string {
  return `let hits = 0;
export function handle(req) {
  hits++;
  return \`${text} \${hits}\`;
}
${extra}`;
}

export const SNAPSHOT_MIGRATE = `export function snapshot() { return { hits }; }
export function migrate(prev) { hits = prev.hits; }
`;
