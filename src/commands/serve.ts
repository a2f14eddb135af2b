// `hotlab serve FILE`: the live service over HTTP, updated on every save, without a screen.
import { Engine } from '../engine/engine.ts';
import type { RestartMode, StrategyName, UpdateRecord } from '../engine/types.ts';
import { formatRecord } from './format-record.ts';
import { lineWriter, untilStopped } from './serve-lifetime.ts';

export interface ServeOptions {
  file: string;
  strategy: StrategyName;
  restart: RestartMode;
  port: number;
  host: string;
  json: boolean;
  rate: number;
  callTimeoutMs?: number;
  memoryLimitMb?: number;
  polling: boolean;
}

export async function serve(options: ServeOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const write = lineWriter(out);
  const line = (value: unknown): void => write(typeof value === 'string' ? `${value}\n` : `${JSON.stringify(value)}\n`);
  // Listening from the start: output can close (`| head -1`) while the first version is still booting.
  const stopped = untilStopped(out);
  const engine = new Engine({
    file: options.file,
    strategy: options.strategy,
    restart: options.restart,
    http: { port: options.port, host: options.host },
    traffic: { rate: options.rate },
    watch: { polling: options.polling },
    limits: {
      ...(options.callTimeoutMs !== undefined ? { callTimeoutMs: options.callTimeoutMs } : {}),
      ...(options.memoryLimitMb !== undefined ? { memoryLimitMb: options.memoryLimitMb } : {}),
    },
  });
  engine.on('update', (record) => line(options.json ? { event: 'update', ...record } : formatRecord(record)));
  engine.on('rejected', (record) => line(options.json ? rejectedEvent(record) : formatRecord(record)));
  engine.on('log', (entry) => {
    if (options.json) line({ event: 'log', ...entry });
    else if (entry.source === 'service') line(`  [v${entry.version ?? '?'} ${entry.level}] ${entry.message}`);
    else if (entry.level !== 'error') line(`  hotlab: ${entry.message}`); // rejections are printed by their record
  });
  engine.on('ready', (ready) => {
    if (options.json) line({ event: 'ready', port: ready.port, url: ready.url, version: ready.version, strategy: ready.strategy, file: engine.file });
    else line(`hotlab: serving ${engine.file} at ${ready.url} — v${ready.version}, ${ready.strategy}${ready.strategy === 'binary-replace' ? ` (${options.restart})` : ''}. Save the file to update; Ctrl+C stops.`);
  });
  await engine.start();
  const reason = await stopped;
  await engine.stop();
  if (!options.json) line(reason.kind === 'parent-gone' ? `hotlab: stopped (the process that started it, ${reason.parent}, is gone)` : 'hotlab: stopped');
  return 0;
}

function rejectedEvent(record: UpdateRecord): Record<string, unknown> {
  return {
    event: 'rejected',
    version: record.version,
    reason: record.reason,
    file: record.location?.file ?? null,
    line: record.location?.line ?? null,
    column: record.location?.column ?? null,
    strategy: record.strategy,
    record,
  };
}
