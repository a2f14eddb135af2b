// `hotlab serve DIR` for a workspace of several modules, TypeScript among them: the built CLI, real HTTP, real saves.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, startServe, type ServeProcess } from './cli-process.ts';

describe('hotlab serve DIR: a program of modules', () => {
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

  it('serves the folder\'s service.ts, applies a save of a module two imports deep, and names the modules', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hotlab-e2e-program-'));
    await mkdir(join(dir, 'lib'));
    await writeFile(join(dir, 'service.ts'), "import { route } from './routes.js';\nexport function handle(req: { path: string }): string {\n  return route(req.path);\n}\n");
    await writeFile(join(dir, 'routes.ts'), "import { greet } from './lib/greet.js';\nlet routed = 0;\nexport function route(path: string): string {\n  routed++;\n  return `${greet(path)} #${routed}`;\n}\n");
    await writeFile(join(dir, 'lib', 'greet.ts'), 'export function greet(path: string): string {\n  return `hello ${path}`;\n}\n');
    serve = startServe([dir, '--port', '0', '--json', '--strategy', 'plugin-swap', '--rate', '0']);

    const ready = await serve.waitFor((e) => e.event === 'ready', 0, 20_000);
    expect(ready).toMatchObject({ version: 1, strategy: 'plugin-swap' });
    expect(String(ready.file)).toMatch(/service\.ts$/);
    const url = `http://127.0.0.1:${ready.port as number}`;
    expect(await (await fetch(`${url}/ping`)).text()).toBe('hello /ping #1');

    const mark = serve.events.length;
    await writeFile(join(dir, 'lib', 'greet.ts'), 'export function greet(path: string): string {\n  return `bonjour ${path}`;\n}\n');
    const update = await serve.waitFor((e) => e.event === 'update', mark);
    expect(update).toMatchObject({ outcome: 'applied', version: 2, changed: ['lib/greet.ts'] });
    expect(update.modules).toEqual([{ module: 'lib/greet.ts', action: 'swapped', cause: 'changed', stateKept: false, stateful: false }]);
    // routes.ts kept running: its count carried on.
    expect(await (await fetch(`${url}/ping`)).text()).toMatch(/^bonjour \/ping #[3-9]$/);

    const refused = serve.events.length;
    await writeFile(join(dir, 'routes.ts'), "import { greet } from './lib/nope.js';\nexport function route(path: string): string { return greet(path); }\n");
    const rejected = await serve.waitFor((e) => e.event === 'rejected', refused);
    expect(rejected).toMatchObject({ version: 2, file: 'routes.ts', line: 1, column: 23 });
    expect(String(rejected.reason)).toContain('cannot find `./lib/nope.js`');
  });

  it('prints which modules an update re-ran, without --json', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hotlab-e2e-program-'));
    await writeFile(join(dir, 'service.js'), "import { greet } from './greet.js';\nlet hits = 0;\nexport function handle(req) { hits++; return greet(req.path) + ' ' + hits; }\n");
    await writeFile(join(dir, 'greet.js'), "export function greet(p) { return 'hello ' + p; }\n");
    serve = startServe([dir, '--port', '0', '--rate', '0']);
    const line = (pattern: RegExp) => (e: { event: string; line?: unknown }) => e.event === 'not-json' && pattern.test(String(e.line));
    await serve.waitFor(line(/serving .*service\.js/), 0, 20_000);
    const mark = serve.events.length;
    await writeFile(join(dir, 'greet.js'), "export function greet(p) { return 'hi ' + p; }\n");
    const modules = await serve.waitFor(line(/re-run/), mark);
    expect(modules.line).toContain('greet.js → service.js re-run · state lost in service.js');
  });
});
