// `hotlab serve DIR_OR_ENTRY`: the live service over HTTP, updated on every save of any of its modules, without
// a screen.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Engine } from '../engine/engine.ts';
import type { RestartMode, StrategyName, UpdateRecord } from '../engine/types.ts';
import { formatCodeFrame } from '../engine/source/code-frame.ts';
import { formatRecord } from './format-record.ts';
import { lineWriter, untilStopped } from './serve-lifetime.ts';

export interface ServeOptions {
  /** The entry module, or the workspace folder holding it (service.ts or service.js). */
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
    file: entryOf(options.file),
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
  engine.on('update', (record) => line(options.json ? { event: 'update', ...record } : formatRecord(record, engine.getSnapshot().modules.length || (record.modules?.length ?? 1))));
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
  const reason = await stopped;
  await engine.stop();
  if (!options.json) line(reason.kind === 'parent-gone' ? `hotlab: stopped (the process that started it, ${reason.parent}, is gone)` : 'hotlab: stopped');
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

/** A folder stands for its entry module: service.ts if it has one, else service.js (the error names both). */
export function entryOf(path: string): string {
  const resolved = resolve(path);
  if (!isFolder(resolved)) return resolved;
  return ENTRY_FILES.map((name) => join(resolved, name)).find((file) => existsSync(file)) ?? join(resolved, ENTRY_FILES.at(-1)!);
}

/** Entry module names a workspace may have, TypeScript first. */
const ENTRY_FILES = ['service.ts', 'service.js'];

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
