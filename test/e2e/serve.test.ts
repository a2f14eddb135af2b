// `hotlab serve` for real: the built CLI in its own process, real HTTP, real saves, its JSON lines (design §5).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli, startServe, type ServeProcess } from './cli-process.ts';

const STRATEGIES = ['file-watch', 'plugin-swap', 'reflection-patch', 'binary-replace'];

const service = (text: string): string => `export function handle(req) {
  return '${text} ' + req.path;
}
`;

describe('hotlab serve', () => {
  let dir: string;
  let serve: ServeProcess | undefined;

  beforeAll(() => ensureBuilt(), 120_000);
  afterEach(async () => {
    if (serve && serve.child.exitCode === null && serve.child.signalCode === null) {
      serve.child.kill('SIGKILL');
      await serve.exited;
    }
    serve = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves over HTTP, applies saves, refuses a syntax error with its place, and stops cleanly on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hotlab-e2e-'));
    const file = join(dir, 'service.js');
    await writeFile(file, service('hello'));
    serve = startServe([file, '--port', '0', '--json']);

    const ready = await serve.waitFor((e) => e.event === 'ready', 0, 20_000);
    expect(ready).toMatchObject({ event: 'ready', version: 1, strategy: 'file-watch' });
    expect(ready.port).toEqual(expect.any(Number));
    const url = `http://127.0.0.1:${ready.port as number}`;

    const first = await fetch(`${url}/ping`);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-hotlab-version')).toBe('1');
    expect(await first.text()).toBe('hello /ping');

    let mark = serve.events.length;
    await writeFile(file, service('bonjour'));
    const update = await serve.waitFor((e) => e.event === 'update', mark);
    expect(update).toMatchObject({ event: 'update', outcome: 'applied', version: 2, previousVersion: 1, strategy: 'file-watch' });
    const second = await fetch(`${url}/ping`);
    expect(second.headers.get('x-hotlab-version')).toBe('2');
    expect(await second.text()).toBe('bonjour /ping');

    mark = serve.events.length;
    await writeFile(file, "export function handle(req) {\n  return 'oops' +;\n}\n");
    const rejected = await serve.waitFor((e) => e.event === 'rejected', mark);
    expect(rejected).toMatchObject({ event: 'rejected', version: 2, file: 'service.js', line: 2, column: 18 });
    expect(rejected.reason).toEqual(expect.stringContaining('v2 keeps serving'));
    const third = await fetch(`${url}/ping`);
    expect(third.headers.get('x-hotlab-version')).toBe('2');
    expect(await third.text()).toBe('bonjour /ping');

    // Every stdout line was one JSON object.
    expect(serve.events.filter((e) => e.event === 'not-json')).toEqual([]);

    const stopping = Date.now();
    serve.child.kill('SIGTERM');
    const exit = await serve.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopping).toBeLessThan(5000);
  });

  it('keeps running on a first version that cannot run: says where, answers 503, and serves the first good save', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hotlab-e2e-'));
    const file = join(dir, 'service.js');
    await writeFile(file, "export function handle(req) {\n  return 'oops' +;\n}\n");
    serve = startServe([file, '--port', '0', '--json']);
    const rejected = await serve.waitFor((e) => e.event === 'rejected', 0, 20_000);
    expect(rejected).toMatchObject({ event: 'rejected', version: null, file: 'service.js', line: 2, column: 18 });
    expect((rejected.record as { frame?: unknown }).frame).toMatchObject({ line: 2, column: 18, text: "  return 'oops' +;" });
    const ready = await serve.waitFor((e) => e.event === 'ready');
    expect(ready).toMatchObject({ version: null });
    const url = `http://127.0.0.1:${ready.port as number}`;
    expect((await fetch(`${url}/ping`)).status).toBe(503);

    const mark = serve.events.length;
    await writeFile(file, service('fixed'));
    const update = await serve.waitFor((e) => e.event === 'update', mark);
    expect(update).toMatchObject({ outcome: 'applied', version: 1 });
    const fixed = await fetch(`${url}/ping`);
    expect(fixed.headers.get('x-hotlab-version')).toBe('1');
    expect(await fixed.text()).toBe('fixed /ping');
    expect(serve.child.exitCode).toBeNull();
  });

  it('an unknown strategy exits non-zero and lists the valid ones', async () => {
    const run = await runCli(['serve', 'service.js', '--strategy', 'nope']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('nope');
    for (const name of STRATEGIES) expect(run.stderr).toContain(name);
  });

  it('--help describes the commands and strategies', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('hotlab serve DIR|FILE');
    expect(run.stdout).toContain('--strategy');
    for (const name of STRATEGIES) expect(run.stdout).toContain(name);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`hotlab ${version}`);
  });
});
