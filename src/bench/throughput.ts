// Capacity: handler calls per second through the in-process path, and requests per second over HTTP.
import { fork, spawn } from 'node:child_process';
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

export interface HttpCapacity {
  perSecond: number;
  failed: number;
  /** What generated the load: wrk (C, light on the shared CPU) when installed, else a Node client. */
  client: 'wrk' | 'node';
}

/**
 * A separate client process (so it does not share the server's event loop) with keep-alive connections. On two
 * cores the client competes with the server and the sandbox for CPU: a Node client costs about as much as the
 * server itself (measured here: 4.6k req/s with it, 7.8k with wrk), so wrk is used where it is installed.
 */
export function httpRequestsPerSecond(durationMs: number, connections = 32): Promise<HttpCapacity> {
  return withEngine(true, async (engine) => {
    const url = engine.getSnapshot().httpUrl!;
    const wrk = await runWrk(url + '/ping', durationMs, connections);
    if (wrk) return { ...wrk, client: 'wrk' };
    const child = fork(LOAD_CLIENT, [url + '/ping', String(durationMs), String(connections)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    const result = await new Promise<{ ok: number; failed: number; ms: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { ok: number; failed: number; ms: number }));
      child.once('error', reject);
      child.once('exit', (code) => code !== 0 && reject(new Error(`load client exited with ${code}`)));
    });
    return { perSecond: result.ok / (result.ms / 1000), failed: result.failed, client: 'node' };
  });
}

/** wrk in its own process; asynchronously, since the server it measures lives in this process's event loop. */
function runWrk(url: string, durationMs: number, connections: number): Promise<{ perSecond: number; failed: number } | null> {
  return new Promise((resolve) => {
    const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${Math.max(1, Math.round(durationMs / 1000))}s`, url], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', () => resolve(null)); // not installed
    child.on('close', (code) => {
      const perSecond = /Requests\/sec:\s+([\d.]+)/.exec(out);
      if (code !== 0 || !perSecond) return resolve(null);
      const errors = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
      resolve({ perSecond: Number(perSecond[1]), failed: errors ? Number(errors[1]) : 0 });
    });
  });
}
