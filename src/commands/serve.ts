// `hotlab serve FILE`: the live service over HTTP, updated on every save, without a screen.
import { Engine } from '../engine/engine.ts';
import type { RestartMode, StrategyName, UpdateRecord } from '../engine/types.ts';
import { formatCodeFrame } from '../engine/source/code-frame.ts';
import { formatRecord } from './format-record.ts';

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
  const line = (value: unknown): void => {
    out.write(typeof value === 'string' ? `${value}\n` : `${JSON.stringify(value)}\n`);
  };
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
  engine.on('rejected', (record) => line(options.json ? rejectedEvent(record) : withFrame(record)));
  engine.on('log', (entry) => {
    if (options.json) line({ event: 'log', ...entry });
    else if (entry.source === 'service') line(`  [v${entry.version ?? '?'} ${entry.level}] ${entry.message}`);
    else line(`  hotlab: ${entry.message}`);
  });
  engine.on('ready', (ready) => {
    if (options.json) line({ event: 'ready', port: ready.port, url: ready.url, version: ready.version, strategy: ready.strategy, file: engine.file });
    else if (ready.version === null) line(`hotlab: listening at ${ready.url} — no version runs yet (requests get 503): fix ${engine.file} and save to start v1; Ctrl+C stops.`);
    else line(`hotlab: serving ${engine.file} at ${ready.url} — v${ready.version}, ${ready.strategy}${ready.strategy === 'binary-replace' ? ` (${options.restart})` : ''}. Save the file to update; Ctrl+C stops.`);
  });
  await engine.start();
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await engine.stop();
  if (!options.json) line('hotlab: stopped');
  return 0;
}

/** A rejection as terminal lines: the record's sentence, then the refused line and a caret under the column. */
function withFrame(record: UpdateRecord): string {
  const frame = record.frame ? formatCodeFrame(record.frame).map((row) => `    ${row}`) : [];
  return [formatRecord(record), ...frame].join('\n');
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
