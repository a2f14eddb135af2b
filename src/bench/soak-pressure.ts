// The soak's second part: the loads that used to kill or stall the sandbox (issue 12) — a burst of large answers,
// a service holding most of its heap, versions piling up, many test-runs of a large module, a large source.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../engine/engine.ts';
import { SandboxProcess } from '../engine/sandbox/sandbox-process.ts';
import type { SandboxStats } from '../engine/sandbox/protocol.ts';
import { compileModule } from '../engine/source/compile-module.ts';
import { loadGraph } from '../engine/graph/load-graph.ts';
import { loadableProgram } from '../engine/graph/loadable-program.ts';
import type { UpdateRecord } from '../engine/types.ts';
import { expectRecord } from '../engine/wait-for-record.ts';
import { describeMemory, memoryFigures } from './process-memory.ts';

/** One line of the pressure report. */
export interface PressureRow {
  what: string;
  outcome: string;
  memory: string;
}

const MB = 1024 * 1024;

async function withEngine<T>(source: string, options: Partial<EngineOptions>, work: (engine: Engine, file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'hotlab-soak-'));
  const file = join(dir, 'service.js');
  await writeFile(file, source);
  const engine = new Engine({ file, traffic: { rate: 0 }, ...options });
  try {
    await engine.start();
    return await work(engine, file);
  } finally {
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const get = async (engine: Engine, path = '/ping'): Promise<string> =>
  (await engine.request({ method: 'GET', path, query: {}, headers: {}, body: '' })).body;

/** `count` concurrent HTTP requests for answers of `size` characters. */
export async function responseBurst(size: number, count: number): Promise<PressureRow> {
  const source = `const big = 'x'.repeat(${size});\nlet hits = 0;\nexport function handle(req) {\n  hits++;\n  return req.path === '/big' ? big : 'pong ' + hits;\n}\n`;
  return withEngine(source, { http: { port: 0, host: '127.0.0.1' } }, async (engine) => {
    const url = engine.getSnapshot().httpUrl!;
    const started = performance.now();
    const statuses: Record<string, number> = {};
    await Promise.all(
      Array.from({ length: count }, async () => {
        try {
          const response = await fetch(`${url}/big`);
          await response.arrayBuffer();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        } catch {
          statuses['reset'] = (statuses['reset'] ?? 0) + 1;
        }
      }),
    );
    const after = await get(engine);
    const kept = after === `pong ${count + 1}`;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return {
      what: `${count} × ${size >= 1_000_000 ? `${(size / 1_000_000).toFixed(0)} MB` : `${size / 1024} KB`} answers at once (HTTP)`,
      outcome: `${Object.entries(statuses).map(([status, n]) => `${n}× ${status}`).join(', ')} in ${seconds} s; restarts ${engine.getSnapshot().sandbox.restarts}; state ${kept ? 'kept' : `LOST (${after})`}`,
      memory: describeMemory(memoryFigures()),
    };
  });
}

/** `saves` file-watch saves of a service holding `mb` MB of its 64 MB heap, counting in hot.data, with traffic. */
export async function largeStateSaves(mb: number, saves: number): Promise<PressureRow> {
  const source = (n: number): string =>
    `const table = new Array(${Math.round((mb * MB) / 8)}).fill(0.5);\nhot.data.hits ??= 0;\nexport function handle(req) {\n  hot.data.hits++;\n  return 's${n} ' + hot.data.hits;\n}\n`;
  return withEngine(source(0), { strategy: 'file-watch', traffic: { rate: 50 } }, async (engine, file) => {
    const records: UpdateRecord[] = [];
    let resets = 0;
    let last = 0;
    for (let n = 1; n <= saves; n++) {
      const next = expectRecord(engine, 30_000);
      await writeFile(file, source(n));
      records.push(await next);
      const hits = Number((await get(engine)).split(' ')[1]);
      if (hits < last) resets++;
      last = hits;
    }
    const snapshot = engine.getSnapshot();
    const applied = records.filter((r) => r.outcome === 'applied').length;
    return {
      what: `${saves} file-watch saves of a service holding ${mb} MB (traffic 50/s)`,
      outcome: `${applied} applied, ${records.length - applied} refused; failed requests ${snapshot.failed}; restarts ${snapshot.sandbox.restarts}; state resets ${resets}`,
      memory: `heap ${((snapshot.sandbox.heapUsed ?? 0) / MB).toFixed(0)} MB · ${describeMemory(memoryFigures())}`,
    };
  });
}

/** plugin-swap saves of a service holding `mb` MB per version until one would not fit; then unload and save once more. */
export async function retainedVersionsFill(mb: number, maxSaves: number): Promise<PressureRow> {
  const source = (n: number): string =>
    `const table = new Array(${Math.round((mb * MB) / 8)}).fill(0.5);\nlet hits = 0;\nexport function handle(req) {\n  hits++;\n  return 's${n} ' + hits;\n}\nexport function snapshot() { return { hits }; }\nexport function migrate(prev) { hits = prev.hits; }\n`;
  return withEngine(source(0), { strategy: 'plugin-swap', traffic: { rate: 50 } }, async (engine, file) => {
    let applied = 0;
    let firstWarningAt: number | null = null;
    let refusedAt: number | null = null;
    let resets = 0;
    let last = 0;
    for (let n = 1; n <= maxSaves && refusedAt === null; n++) {
      const next = expectRecord(engine, 30_000);
      await writeFile(file, source(n));
      const record = await next;
      if (record.outcome === 'applied') applied++;
      else if (record.reason?.includes('would not fit')) refusedAt = n;
      if (firstWarningAt === null && record.notes.some((note) => note.includes('heap'))) firstWarningAt = n;
      const hits = Number((await get(engine)).split(' ')[1]);
      if (hits < last) resets++;
      last = hits;
    }
    const unloaded = await engine.unloadRetained();
    const next = expectRecord(engine, 30_000);
    await writeFile(file, source(maxSaves + 1));
    const afterUnload = await next;
    const snapshot = engine.getSnapshot();
    return {
      what: `plugin-swap saves of ${mb} MB versions until the heap is full (traffic 50/s)`,
      outcome: `${applied} applied; first heap warning at save ${firstWarningAt ?? '—'}; refused "would not fit" at save ${refusedAt ?? '—'}; unloaded ${unloaded}, next save ${afterUnload.outcome}; failed requests ${snapshot.failed}; restarts ${snapshot.sandbox.restarts}; state resets ${resets}`,
      memory: describeMemory(memoryFigures()),
    };
  });
}

/** `count` test-runs of a ~1 MB module in one verifier process: its heap and memory must not creep up. */
export async function manyVerifies(count: number): Promise<PressureRow> {
  let body = '';
  for (let i = 0; body.length < MB; i++) body += `function helper${i}(a) { return a + ${i}; }\n`;
  const program = loadableProgram(loadGraph('service.js', { read: () => `${body}export function handle(req) { return 'ok ' + helper1(1); }\n` }));
  const verifier = new SandboxProcess({ limits: { memoryLimitMb: 64, callTimeoutMs: 100, initTimeoutMs: 1000 } });
  try {
    await verifier.ready;
    const heaps: number[] = [];
    let failures = 0;
    const probe = JSON.stringify({ method: 'GET', path: '/', query: {}, headers: {}, body: '' });
    for (let i = 1; i <= count; i++) {
      try {
        await verifier.send({ op: 'verify', program, probe });
      } catch {
        failures++;
      }
      if (i % Math.max(1, Math.floor(count / 5)) === 0) heaps.push((await verifier.send<SandboxStats>({ op: 'stats' })).heapUsed / MB);
    }
    return {
      what: `${count} test-runs of a 1 MB module in one verifier`,
      outcome: `${count - failures} passed, ${failures} failed; heap along the way ${heaps.map((h) => h.toFixed(0)).join(' → ')} MB (garbage included)`,
      memory: describeMemory(memoryFigures()),
    };
  } finally {
    await verifier.stop();
  }
}

/** compileModule on sources of growing size (CPU time: the host is blocked for this long). */
export function parseTimes(sizesKb: number[]): PressureRow {
  const times = sizesKb.map((kb) => {
    let body = '';
    for (let i = 0; body.length < kb * 1024; i++) body += `function helper${i}(a) { return a + ${i}; }\n`;
    const source = `${body}export function handle(req) { return 'ok'; }\n`;
    const before = process.cpuUsage();
    compileModule(source, 'service.js');
    const spent = process.cpuUsage(before);
    return `${kb >= 1024 ? `${kb / 1024} MB` : `${kb} KB`} ${((spent.user + spent.system) / 1000).toFixed(0)} ms`;
  });
  return { what: 'parse + compile in the host, small top-level functions', outcome: times.join(' · '), memory: describeMemory(memoryFigures()) };
}

/** A 0.5 MB first version: how long until it serves; then a 2 MB save under HTTP traffic. */
export async function largeSourceLifecycle(): Promise<PressureRow> {
  const big = (kb: number, text: string): string => {
    let body = '';
    for (let i = 0; body.length < kb * 1024; i++) body += `function helper${i}(a) { return a + ${i}; }\n`;
    return `${body}hot.data.hits ??= 0;\nexport function handle(req) {\n  hot.data.hits++;\n  return '${text} ' + hot.data.hits;\n}\n`;
  };
  const started = performance.now();
  return withEngine(big(512, 'v1'), { strategy: 'file-watch', traffic: { rate: 50 }, http: { port: 0, host: '127.0.0.1' } }, async (engine, file) => {
    const ready = ((performance.now() - started) / 1000).toFixed(1);
    const next = expectRecord(engine, 60_000);
    const savedAt = performance.now();
    await writeFile(file, big(2048, 'v2'));
    let record = await next;
    // A 2 MB write can be read half-way (then refused as a syntax error) before the whole file is there.
    while (record.outcome === 'rejected') record = await expectRecord(engine, 60_000);
    const applied = ((performance.now() - savedAt) / 1000).toFixed(1);
    const snapshot = engine.getSnapshot();
    return {
      what: '0.5 MB first version, then a 2 MB save (traffic 50/s)',
      outcome: `ready in ${ready} s; 2 MB save applied in ${applied} s, state ${record.stateKept ? 'kept' : 'LOST'}; failed requests ${snapshot.failed}; restarts ${snapshot.sandbox.restarts}`,
      memory: describeMemory(memoryFigures()),
    };
  });
}

/**
 * What the host's RSS after the cases above is made of: V8 keeps the heap pages it freed (its page pool, a young
 * generation grown to 128 MB under a burst) and gives them back only on a memory-reducing collection. Needs
 * --expose-gc (npm run soak has it).
 */
export function hostHeapRelease(): PressureRow {
  const gc = (globalThis as { gc?: (options?: object) => void }).gc;
  const figures = (): string => {
    const { rss, heapUsed, heapTotal } = process.memoryUsage();
    return `RSS ${(rss / MB).toFixed(0)} MB, heap ${(heapUsed / MB).toFixed(0)} of ${(heapTotal / MB).toFixed(0)} MB`;
  };
  if (typeof gc !== 'function') return { what: 'host memory after the cases', outcome: `${figures()} (run node with --expose-gc to see what a memory-reducing collection gives back)`, memory: describeMemory(memoryFigures()) };
  const before = figures();
  gc();
  const collected = figures();
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return {
    what: 'host memory after the cases: as left, after a full GC, after a memory-reducing GC',
    outcome: `${before} → ${collected} → ${figures()}`,
    memory: describeMemory(memoryFigures()),
  };
}
