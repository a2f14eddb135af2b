// Start-up of a program of many modules against a one-file service: engine.start() → v1 serving, the same way.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../engine/engine.ts';
import { writeProgram } from './scripted-edits.ts';

/** A program of `count` modules: the entry imports a chain of routes, each importing the next, and a counter. */
export function manyModules(count: number): Record<string, string> {
  if (count <= 1) return { 'service.js': "let hits = 0;\nexport function handle(req) { hits++; return 'pong ' + hits; }\n" };
  const files: Record<string, string> = {};
  for (let i = 1; i < count; i++) {
    const next = i + 1 < count ? `import { step${i + 1} } from './m${i + 1}.js';\n` : '';
    const call = i + 1 < count ? `step${i + 1}(n + 1)` : 'n';
    files[`lib/m${i}.js`] = `${next}let calls = 0;\nexport function step${i}(n) { calls++; return ${call}; }\n`;
  }
  files['service.js'] = "import { step1 } from './lib/m1.js';\nlet hits = 0;\nexport function handle(req) { hits++; return 'pong ' + hits + ' depth ' + step1(1); }\n";
  return files;
}

/** Milliseconds from `new Engine(...).start()` to v1 serving, for each of `runs` fresh workspaces. */
export async function measureStartup(modules: number, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const dir = await mkdtemp(join(tmpdir(), 'hotlab-bench-start-'));
    await writeProgram(dir, manyModules(modules));
    const engine = new Engine({ file: join(dir, 'service.js'), traffic: { rate: 0 }, http: false });
    try {
      const started = performance.now();
      await engine.start();
      const response = await engine.request({ method: 'GET', path: '/ping', query: {}, headers: {}, body: '' });
      if (response.failed) throw new Error(`the ${modules}-module program did not serve: ${response.error}`);
      times.push(performance.now() - started);
    } finally {
      await engine.stop();
      await rm(dir, { recursive: true, force: true });
    }
  }
  return times;
}
