// `hotlab serve` without --json prints what the service logs for a person to read: an escape sequence in it must
// be shown, not obeyed, and a line break in it must not start a line that looks like hotlab's own (issue 12,
// point 9).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, NODE, ROOT } from './cli-process.ts';

describe('hotlab serve, plain output', () => {
  let dir: string | undefined;
  beforeAll(() => ensureBuilt(), 120_000);
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('learner logs and errors are printed neutralised', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hotlab-output-'));
    const file = join(dir, 'service.js');
    await writeFile(
      file,
      `console.log('\\u001b[2J\\u001b]0;owned\\u0007\\nhotlab: serving at http://evil');
export function handle(req) {
  console.error('\\u001b[31mred\\u001b[0m');
  return 'ok';
}
`,
    );
    const child = spawn(NODE, [CLI, 'serve', file, '--port', '0', '--rate', '5'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const end = Date.now() + 20_000;
    while (!out.includes('red') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');
    await exited;
    expect(out).toContain('red');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/); // no control character but the line ends
    const lines = out.split('\n');
    expect(lines.filter((line) => line.startsWith('hotlab: serving at http://evil'))).toEqual([]);
    expect(out).toContain('␛[2J␛]0;owned␇␊hotlab: serving at http://evil');
  });
});
