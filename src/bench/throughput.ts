// Capacity: handler calls per second through the in-process path, and requests per second over HTTP.
import { fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../engine/engine.ts';
import type { ServiceRequest } from '../engine/types.ts';
import { serviceSource } from './scripted-edits.ts';

const REQUEST: ServiceRequest = { method: 'GET', path: '/ping', query: {}, headers: {}, body: '' };
const LOAD_CLIENT = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './http-load-client.ts' : './http-load-client.js', import.meta.url));

async function withEngine<T>(http: boolean, work: (engine: Engine) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'hotlab-bench-'));
  const file = join(dir, 'service.js');
  await writeFile(file, serviceSource(0));
  const engine = new Engine({ file, traffic: { rate: 0 }, watch: false, http: http ? { port: 0, host: '127.0.0.1' } : false });
  try {
    await engine.start();
    return await work(engine);
  } finally {
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Keep `concurrency` calls outstanding through engine.request for `durationMs`; calls completed per second. */
export function inProcessCallsPerSecond(durationMs: number, concurrency = 2000): Promise<{ perSecond: number; failed: number }> {
  return withEngine(false, async (engine) => {
    let done = 0;
    let failed = 0;
    const end = performance.now() + durationMs;
    const start = performance.now();
    const worker = async (): Promise<void> => {
      while (performance.now() < end) {
        const response = await engine.request(REQUEST, 'check');
        done++;
        if (response.failed) failed++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { perSecond: done / ((performance.now() - start) / 1000), failed };
  });
}

/** A separate client process (so it does not share the server's event loop) with keep-alive connections. */
export function httpRequestsPerSecond(durationMs: number, connections = 32): Promise<{ perSecond: number; failed: number }> {
  return withEngine(true, async (engine) => {
    const url = engine.getSnapshot().httpUrl!;
    const child = fork(LOAD_CLIENT, [url + '/ping', String(durationMs), String(connections)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    const result = await new Promise<{ ok: number; failed: number; ms: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { ok: number; failed: number; ms: number }));
      child.once('error', reject);
      child.once('exit', (code) => code !== 0 && reject(new Error(`load client exited with ${code}`)));
    });
    return { perSecond: result.ok / (result.ms / 1000), failed: result.failed };
  });
}
