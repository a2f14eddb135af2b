// The built CLI as a child process, for end-to-end tests: its JSON event lines as they arrive, and its exit.
// Node 24 strips types from .ts but refuses .tsx (ERR_UNKNOWN_FILE_EXTENSION for src/cli.tsx), so these tests
// run the bundle (dist/bundle/cli.js), building it first when any source file is newer.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = new URL('../..', import.meta.url).pathname;
/** The pinned Node 24 (the system one may be older). */
export const NODE = join(ROOT, 'node_modules/.bin/node');
/** What `npx hotlab` runs: the bundled CLI. */
export const CLI = join(ROOT, 'dist/bundle/cli.js');

export type CliEvent = { event: string } & Record<string, unknown>;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Build (tsc, then the bundle) unless the bundled CLI is newer than every source file. Under `npm test`, which
 * has just built, never: a rebuild replaces dist/bundle while other test files run processes from it (a CLI
 * loading a chunk that is gone), so the one build before the run is the one every file uses.
 */
export function ensureBuilt(): void {
  if (process.env.HOTLAB_TEST_BUILT === '1' && existsSync(CLI)) return;
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestSource(join(ROOT, 'src'))) return;
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed (${build.status}):\n${build.stdout}${build.stderr}`);
}

export interface ServeProcess {
  child: ChildProcess;
  /** Every JSON line printed so far, in order. */
  events: CliEvent[];
  stderr(): string;
  /** The first event at index ≥ `from` that matches, waiting for it if needed. */
  waitFor(match: (event: CliEvent) => boolean, from?: number, timeoutMs?: number): Promise<CliEvent>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** How to start hotlab: the built CLI on the pinned Node, unless a test installs it elsewhere (test/e2e/pack.test.ts). */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Its own process group, to signal it as a terminal does (npx runs hotlab under a shell that does not pass SIGTERM on). */
  detached?: boolean;
}

export function startServe(args: string[], launch: Launch = { command: NODE, args: [CLI], cwd: ROOT }): ServeProcess {
  const child = spawn(launch.command, [...launch.args, 'serve', ...args], { cwd: launch.cwd, env: launch.env, detached: launch.detached ?? false, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: CliEvent[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as CliEvent);
    } catch {
      events.push({ event: 'not-json', line });
    }
    for (const listener of listeners) listener();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      resolve({ code, signal });
      for (const listener of listeners) listener();
    });
  });
  return {
    child,
    events,
    stderr: () => stderr,
    exited,
    waitFor(match, from = 0, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.slice(from).find(match);
          if (found) {
            done();
            resolve(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`hotlab exited (${child.exitCode ?? child.signalCode}) before the event; stderr:\n${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching event within ${timeoutMs} ms; events: ${JSON.stringify(events.map((e) => e.event))}; stderr:\n${stderr}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Run the CLI to completion: its exit code and output. `cwd`: where the learner stands. @default ROOT */
export function runCli(args: string[], timeoutMs = 15_000, cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hotlab ${args.join(' ')} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
