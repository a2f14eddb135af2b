// The package as a user gets it: `npm pack`, installed into an empty folder, run with `npx hotlab` (the lab, in
// tmux) and `npx hotlab serve` (over HTTP) on Node 24; and on the machine's older Node, every route ends in one
// clear message whose suggested command really works. Installs use npm's cache where it can (--prefer-offline):
// the same registry tarballs a clean install would fetch, without fetching them again.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, startServe, type ServeProcess } from './cli-process.ts';
import { TmuxSession } from './tmux.ts';

const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; engines: { node: string } };

/** PATH as the user's shell has it: without the node_modules/.bin folders `npm test` puts first. */
const SYSTEM_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir && !dir.includes('node_modules'))
  .join(delimiter);
/** PATH with the pinned Node 24 first, as npm scripts in this repository have it. */
const NODE24_PATH = `${join(ROOT, 'node_modules/.bin')}${delimiter}${SYSTEM_PATH}`;

function systemNode(): { path: string; version: string } | null {
  for (const dir of SYSTEM_PATH.split(delimiter)) {
    const path = join(dir, 'node');
    try {
      accessSync(path, constants.X_OK);
    } catch {
      continue;
    }
    return { path, version: spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() };
  }
  return null;
}
const SYSTEM_NODE = systemNode();
const OLD_NODE = SYSTEM_NODE && Number(SYSTEM_NODE.version.split('.')[0]) < 24 ? SYSTEM_NODE : null;

/** A user's environment: nothing npm, vitest or a test run sets (npm_config_* would steer the nested npm). */
function userEnv(path: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|vitest|init_cwd$|node$|node_env$|test$)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, PATH: path, ...extra };
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs ?? 120_000} ms:\n${stdout}${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The command a message tells the user to run: its indented line. */
function suggestedCommand(message: string): string {
  const line = /^ {2}(npx .+)$/m.exec(message);
  if (!line?.[1]) throw new Error(`no command in the message:\n${message}`);
  return line[1];
}

/** Every import a bundle file makes of a sibling file: static, side-effect and dynamic. */
function siblingImports(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s*\(?\s*"\.\/([^"]+)"/g)].map((match) => match[1]!);
}

/**
 * npx installs into `<cache>/_npx/<hash of the package specs>` and keeps it; this test's specs name a temporary
 * tarball, so each run would leave a copy of hotlab and of Node 24 behind. Same hash as npm's libnpmexec.
 */
function npxInstallDir(cache: string, packages: string[]): string {
  const hash = createHash('sha512')
    .update([...packages].sort((a, b) => a.localeCompare(b, 'en')).join('\n'))
    .digest('hex')
    .slice(0, 16);
  return join(cache, '_npx', hash);
}

// The installs take most of the time (npm, and npx with a Node 24 binary to unpack) and wait on the disk and the
// registry cache more than on the cores: the tests run side by side, each awaiting the Node 24 install it needs.
describe.concurrent('the packed package', () => {
  let base: string;
  let tarball: string;
  let packedFiles: string[];
  let npmCache: string;
  /** The tarball installed into an empty folder on Node 24: the folder. */
  let installed: Promise<string>;
  const npxSpecsUsed: string[][] = [];
  const terminals: TmuxSession[] = [];

  beforeAll(async () => {
    ensureBuilt();
    base = await mkdtemp(join(tmpdir(), 'hotlab-pack-'));
    // --ignore-scripts: `prepare` would rebuild dist/bundle under the other end-to-end tests running from it;
    // ensureBuilt() (or `npm test`'s build) has just built it the same way.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', base], { cwd: ROOT, env: userEnv(NODE24_PATH) });
    expect(packed.code, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    tarball = join(base, info.filename);
    packedFiles = info.files.map((file) => file.path).sort();
    npmCache = spawnSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8', env: userEnv(NODE24_PATH) }).stdout.trim();
    installed = installOnNode24(join(base, 'user-24'), tarball);
    installed.catch(() => undefined); // reported by the tests that await it
  }, 120_000);

  afterAll(async () => {
    for (const terminal of terminals) terminal.kill();
    for (const packages of npxSpecsUsed) await rm(npxInstallDir(npmCache, packages), { recursive: true, force: true });
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('holds what running needs and nothing else', ({ expect }) => {
    const allowed = (path: string): boolean =>
      ['package.json', 'README.md', 'src/build/check-node-version.cjs'].includes(path) || /^dist\/bundle\/[\w-]+\.js$/.test(path) || path.startsWith('lessons/');
    expect(packedFiles.filter((path) => !allowed(path))).toEqual([]);
    expect(packedFiles.filter((path) => /(^|\/)(\.hotlab|sandbox)\//.test(path))).toEqual([]);

    // The lessons exactly as committed: no learner's files or check output that happened to lie in lessons/.
    const tracked = spawnSync('git', ['ls-files', 'lessons'], { cwd: ROOT, encoding: 'utf8' });
    expect(tracked.status).toBe(0);
    expect(packedFiles.filter((path) => path.startsWith('lessons/'))).toEqual(tracked.stdout.trim().split('\n').sort());

    // Only the bundle files the entry points reach: no chunk left from an older build.
    const bundle = join(ROOT, 'dist/bundle');
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const next of siblingImports(readFileSync(join(bundle, file), 'utf8'))) visit(next);
    };
    for (const entry of ['cli.js', 'child-main.js', 'http-load-client.js']) visit(entry);
    expect(packedFiles.filter((path) => path.startsWith('dist/')).sort()).toEqual([...reached].map((file) => `dist/bundle/${file}`).sort());
  });

  it('installs into an empty folder on Node 24 without a warning, and npx hotlab runs', async ({ expect }) => {
    const dir = await installed;
    const version = await run('npx', ['hotlab', '--version'], { cwd: dir, env: userEnv(NODE24_PATH) });
    expect({ code: version.code, stdout: version.stdout, stderr: version.stderr }).toEqual({ code: 0, stdout: `hotlab ${PACKAGE.version}\n`, stderr: '' });
  }, 180_000);

  it('npx hotlab serve answers over HTTP and applies a save', async ({ expect }) => {
    const dir = await installed;
    const file = join(dir, 'service.js');
    await writeFile(file, "export function handle(req) {\n  return 'packed ' + req.path;\n}\n");
    let serve: ServeProcess | undefined;
    try {
      serve = startServe([file, '--port', '0', '--json'], { command: 'npx', args: ['hotlab'], cwd: dir, env: userEnv(NODE24_PATH), detached: true });
      const ready = await serve.waitFor((event) => event.event === 'ready', 0, 60_000);
      const url = `http://127.0.0.1:${ready.port as number}/ping`;
      expect(await (await fetch(url)).text()).toBe('packed /ping');

      const mark = serve.events.length;
      await writeFile(file, "export function handle(req) {\n  return 'saved ' + req.path;\n}\n");
      await serve.waitFor((event) => event.event === 'update' && event.outcome === 'applied', mark, 30_000);
      expect(await (await fetch(url)).text()).toBe('saved /ping');

      // Ctrl+C: the terminal signals the whole foreground group (npx, its shell, hotlab). npm dies of the signal
      // (as the shell shows for Ctrl+C); hotlab stops its engine and sandbox processes; nothing of the group is left.
      process.kill(-serve.child.pid!, 'SIGINT');
      expect((await serve.exited).signal ?? 'exited 0').toMatch(/SIGINT|exited 0/);
      await waitUntil(() => !groupAlive(serve!.child.pid!), 10_000, 'a process of `npx hotlab serve` outlived Ctrl+C');
      expect(serve.stderr()).toBe('');
    } finally {
      if (serve?.child.pid && groupAlive(serve.child.pid)) process.kill(-serve.child.pid, 'SIGKILL');
    }
  }, 240_000);

  it("npx hotlab opens the lab in a terminal, on lesson 1's starter in ./sandbox", async ({ expect }) => {
    expect(TmuxSession.available(), 'tmux is required for the end-to-end lab test').toBe(true);
    const dir = await installed;
    const terminal = new TmuxSession(`hotlab-pack-${process.pid}`);
    terminals.push(terminal);
    terminal.start(inUserShell(dir, NODE24_PATH, 'npx hotlab --lang en'), 100, 32);
    const screen = await terminal.waitFor(/v1\s+pong \d+/, 60_000);
    const total = (JSON.parse(readFileSync(join(ROOT, 'lessons/manifest.json'), 'utf8')) as { lessons: string[] }).lessons.length;
    expect(screen).toContain(`Lesson 1/${total}`);
    expect(screen).not.toMatch(/npm (warn|error)/);
    const starter = await readFile(join(ROOT, 'lessons/01-what-is-a-hot-update/starter/service.js'), 'utf8');
    expect(await readFile(join(dir, 'sandbox/service.js'), 'utf8')).toBe(starter);
    // An untouched starter is not judged: the lesson says so instead of showing a check's result.
    await terminal.waitFor(/not checked yet/, 60_000);
    terminal.keys('q');
    expect(await terminal.waitFor(/EXIT CODE \d+/, 30_000)).toMatch(/EXIT CODE 0/);
  }, 240_000);

  describe.skipIf(!OLD_NODE)(`on the system's Node ${OLD_NODE?.version ?? '(none older than 24 here)'}`, () => {
    const oldNode = OLD_NODE!;
    const oldEnv = (): NodeJS.ProcessEnv => userEnv(SYSTEM_PATH);
    /** What the launcher prints, word for word, for the command it suggests. */
    const launcherMessage = (command: string): string =>
      `hotlab needs Node.js 24 or newer; this is Node.js ${oldNode.version} (${oldNode.path}).\n` +
      'Run it on Node 24 from npm, without changing the Node on your system:\n' +
      `  ${command}\n` +
      'Or install Node.js 24 or newer (https://nodejs.org/en/download, or: nvm install 24) and run hotlab again.\n';
    const installCommand = (): string => `npx -y --loglevel=error -p node@24 -p ${tarball} hotlab`;

    it('node …/cli.js and npx hotlab say which Node they found, which one is needed, and a command that works', async ({ expect }) => {
      // In this repository (`npm start` and `npx hotlab` there run the pinned Node 24).
      const repo = await run(oldNode.path, ['dist/bundle/cli.js'], { cwd: ROOT, env: oldEnv() });
      expect(repo).toEqual({ code: 1, stdout: '', stderr: launcherMessage('npx -y node@24 dist/bundle/cli.js') });

      const dir = await installed;
      const direct = await run(oldNode.path, ['node_modules/hotlab/dist/bundle/cli.js', 'serve', 'my service.js'], { cwd: dir, env: oldEnv() });
      expect(direct).toEqual({ code: 1, stdout: '', stderr: launcherMessage("npx -y node@24 node_modules/hotlab/dist/bundle/cli.js serve 'my service.js'") });

      const npx = await run('npx', ['hotlab', '--version'], { cwd: dir, env: oldEnv() });
      expect(npx).toEqual({ code: 1, stdout: '', stderr: launcherMessage('npx -y node@24 node_modules/hotlab/dist/bundle/cli.js --version') });
      // What it suggests, as the user would paste it (npx keeps node@24 in its cache for the next time, as for them).
      const suggested = await run('sh', ['-c', suggestedCommand(npx.stderr)], { cwd: dir, env: oldEnv(), timeoutMs: 180_000 });
      expect({ code: suggested.code, stdout: suggested.stdout }).toEqual({ code: 0, stdout: `hotlab ${PACKAGE.version}\n` });
    }, 300_000);

    it("npm install of the tarball stops before isolated-vm's build, with the message and no compiler log", async ({ expect }) => {
      const empty = join(base, 'user-old');
      await mkdir(empty);
      const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: empty, env: oldEnv(), timeoutMs: 240_000 });
      expect(install.code).not.toBe(0);
      expect(install.stderr).not.toMatch(/gyp|g\+\+|make:/);
      // Without a terminal the message goes to stderr, and npm prints it with its error.
      const message = install.stderr.replace(/^npm error /gm, '');
      expect(message).toContain(
        `hotlab needs Node.js 24 or newer; this is Node.js ${oldNode.version} (${oldNode.path}).\n` +
          'Installing it here would fail: its sandbox, isolated-vm, has a native build for Node 24 only.\n' +
          'Run it on Node 24 from npm, without changing the Node on your system:\n' +
          `  ${installCommand()}\n` +
          'Or install Node.js 24 or newer (https://nodejs.org/en/download, or: nvm install 24) and install hotlab again.\n',
      );
      expect(existsSync(join(empty, 'node_modules/isolated-vm/build'))).toBe(false);
    }, 300_000);

    it('npx -p <tarball> hotlab shows the message on the terminal (npx hides what install scripts print)', async ({ expect }) => {
      npxSpecsUsed.push([tarball]);
      const terminal = new TmuxSession(`hotlab-pack-old-${process.pid}`);
      terminals.push(terminal);
      terminal.start(inUserShell(base, SYSTEM_PATH, `npx -y -p ${shellQuote(tarball)} hotlab`), 160, 60);
      const screen = await terminal.waitFor(/EXIT CODE \d+/, 240_000);
      expect(screen).toMatch(/EXIT CODE 1/);
      expect(screen).toContain(`hotlab needs Node.js 24 or newer; this is Node.js ${oldNode.version} (${oldNode.path}).`);
      expect(screen).toContain(installCommand());
      expect(screen).not.toMatch(/gyp|g\+\+/);
    }, 300_000);

    it('the command the install suggests installs hotlab with Node 24 and runs it, quietly', async ({ expect }) => {
      npxSpecsUsed.push(['node@24', tarball]);
      const env = userEnv(SYSTEM_PATH, { npm_config_prefer_offline: 'true' });
      const ran = await run('sh', ['-c', `${installCommand()} --version`], { cwd: base, env, timeoutMs: 280_000 });
      expect({ code: ran.code, stdout: ran.stdout, stderr: ran.stderr }).toEqual({ code: 0, stdout: `hotlab ${PACKAGE.version}\n`, stderr: '' });
    }, 300_000);
  });

  it('engines.node, the launcher and the install check agree on Node 24', async ({ expect }) => {
    const { REQUIRED_NODE_MAJOR } = await import('../../src/node-version.ts');
    expect(PACKAGE.engines.node).toBe(`>=${REQUIRED_NODE_MAJOR}`);
    expect(readFileSync(join(ROOT, 'src/build/check-node-version.cjs'), 'utf8')).toContain(`var REQUIRED_MAJOR = ${REQUIRED_NODE_MAJOR};`);
  });
});

/** `npm install <tarball>` into an empty folder on the pinned Node 24, as a user with Node 24 would; no warning. */
async function installOnNode24(dir: string, tarball: string): Promise<string> {
  await mkdir(dir);
  const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: dir, env: userEnv(NODE24_PATH), timeoutMs: 170_000 });
  if (install.code !== 0) throw new Error(`npm install of the tarball failed (${install.code}):\n${install.stderr}`);
  if (/EBADENGINE|gyp (info|verb|ERR)/.test(install.stderr)) throw new Error(`npm install of the tarball warned:\n${install.stderr}`);
  return dir;
}

/** Poll: processes that are not our children have no exit event to wait on. */
async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A shell command that runs `command` in `dir` with only a user's basic environment (tmux's holds `npm test`'s). */
function inUserShell(dir: string, path: string, command: string): string {
  const env = { HOME: process.env.HOME ?? '/', PATH: path, TERM: 'xterm-256color', LANG: 'C.UTF-8' };
  const assignments = Object.entries(env).map(([key, value]) => `${key}=${shellQuote(value)}`).join(' ');
  return `cd ${shellQuote(dir)} && env -i ${assignments} ${command}`;
}
