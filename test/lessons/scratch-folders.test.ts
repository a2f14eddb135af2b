// A scratch service's temp folder goes with the process however the process ends: the lab whose terminal closed
// mid-check gives its clean-up a few seconds, then exits; each such exit left a hotlab-check-* folder behind.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRATCH = fileURLToPath(new URL('../../src/engine/lessons/scratch-service.ts', import.meta.url));
const LESSONS = fileURLToPath(new URL('../../src/engine/lessons/load-lessons.ts', import.meta.url));

describe('scratch folders', () => {
  it('a process that exits with a scratch service up (never stopped) leaves no hotlab-check-* folder', async () => {
    const temp = await mkdtemp(join(tmpdir(), 'hotlab-scratch-exit-'));
    try {
      const script = `
        const { ScratchService } = await import(${JSON.stringify(SCRATCH)});
        const { loadLessons } = await import(${JSON.stringify(LESSONS)});
        const { lessons } = await loadLessons();
        await ScratchService.boot(lessons[0], { tmpRoot: ${JSON.stringify(temp)} });
        const { readdirSync } = await import('node:fs');
        console.log(readdirSync(${JSON.stringify(temp)}).join(','));
        process.exit(3); // as the lab does when its clean-up takes too long
      `;
      const result = await run(process.execPath, ['--input-type=module', '-e', script]).catch((error: { code: number; stdout: string }) => error);
      expect(result.stdout, 'the service was up in its folder').toMatch(/hotlab-check-/);
      expect(await readdir(temp)).toEqual([]);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }, 60_000);
});
