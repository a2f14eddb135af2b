// The next update record an engine publishes (applied or rejected), or null when none comes in time.
import type { Engine } from './engine.ts';
import type { UpdateRecord } from './types.ts';

/** Subscribe before causing the update, then await: a record that comes first is not missed. */
export function waitForRecord(engine: Engine, timeoutMs: number): Promise<UpdateRecord | null> {
  return new Promise((resolve) => {
    const on = (record: UpdateRecord): void => {
      cleanup();
      resolve(record);
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve(null);
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      engine.off('update', on);
      engine.off('rejected', on);
    };
    engine.on('update', on);
    engine.on('rejected', on);
  });
}

/** The same, for callers that cannot go on without it (the benchmark, tests): no record is an error. */
export async function expectRecord(engine: Engine, timeoutMs: number): Promise<UpdateRecord> {
  const record = await waitForRecord(engine, timeoutMs);
  if (!record) throw new Error(`no update record within ${timeoutMs} ms`);
  return record;
}
