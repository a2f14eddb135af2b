// `hotlab serve` at the edges of its process (issue 12, point 8): its reader goes away (`| head -1`), the process
// that started it goes away (`npx hotlab serve` puts npm in between, and npm does not pass a SIGTERM on). Either
// way hotlab stops, cleanly, and takes both sandboxes with it.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, NODE, ROOT } from './cli-process.ts';

/** Every process whose parent chain leads to `pid` (Linux /proc), or null where there is no /proc. */
function descendants(pid: number): number[] | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  for (const name of entries) {
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) for (const child of children.get(queue.shift()!) ?? []) queue.push(child), found.push(child);
  return found;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first line a process prints, as JSON. */
function firstLine(stream: NodeJS.ReadableStream): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const lines = createInterface({ input: stream });
    lines.once('line', (line) => {
      lines.close();
      resolve(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

const service = (text: string): string => `export function handle(req) {\n  return '${text}';\n}\n`;

describe('hotlab serve stops with what it depends on', () => {
  let dir: string;
  const started: number[] = [];
  beforeAll(() => ensureBuilt(), 120_000);
  afterEach(async () => {
    for (const pid of started.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone, as it should be
      }
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('`serve --json | head -1`, then a save: no EPIPE, a clean exit, the sandboxes gone', async ({ skip }) => {
    dir = await mkdtemp(join(tmpdir(), 'hotlab-edges-'));
    const file = join(dir, 'service.js');
    await writeFile(file, service('one'));
    const child = spawn(NODE, [CLI, 'serve', file, '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child.pid!);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    expect(await firstLine(child.stdout)).toMatchObject({ event: 'ready' });
    const sandboxes = descendants(child.pid!);
    if (sandboxes === null) return skip('no /proc on this system');
    expect(sandboxes.length).toBe(2);
    // What `head -1` does after its line: close the reading end.
    child.stdout.destroy();
    await writeFile(file, service('two'));
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stderr).not.toMatch(/EPIPE|Error/);
    await until(() => sandboxes.every((pid) => !alive(pid)), 'the sandboxes to stop');
  });

  it('the process that started it is killed: hotlab and its sandboxes stop', async ({ skip }) => {
    dir = await mkdtemp(join(tmpdir(), 'hotlab-edges-'));
    const file = join(dir, 'service.js');
    await writeFile(file, service('one'));
    // A parent that, like npm, neither forwards signals nor is waited on by hotlab.
    const parent = spawn('sh', ['-c', `"${NODE}" "${CLI}" serve "${file}" --port 0 --json; true`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    started.push(parent.pid!);
    expect(await firstLine(parent.stdout)).toMatchObject({ event: 'ready' });
    const tree = descendants(parent.pid!);
    if (tree === null) return skip('no /proc on this system');
    expect(tree.length).toBe(3); // hotlab and its two sandboxes
    started.push(...tree);
    parent.kill('SIGKILL');
    await until(() => tree.every((pid) => !alive(pid)), 'hotlab and its sandboxes to stop');
  });

  it('SIGTERM to `npx hotlab serve` (the README command) stops hotlab and both sandboxes', async ({ skip }) => {
    if (spawnSync('npx', ['--version'], { encoding: 'utf8' }).status !== 0) return skip('no npx on this system');
    dir = await mkdtemp(join(tmpdir(), 'hotlab-edges-'));
    const file = join(dir, 'service.js');
    await writeFile(file, service('one'));
    const npx = spawn('npx', ['hotlab', 'serve', file, '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    started.push(npx.pid!);
    expect(await firstLine(npx.stdout)).toMatchObject({ event: 'ready' });
    const tree = descendants(npx.pid!);
    if (tree === null) return skip('no /proc on this system');
    const hotlab = tree.filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('serve'));
    expect(hotlab.length).toBeGreaterThan(0);
    started.push(...tree);
    npx.kill('SIGTERM');
    await until(() => tree.every((pid) => !alive(pid)), 'hotlab and its sandboxes to stop');
  }, 120_000);
});
