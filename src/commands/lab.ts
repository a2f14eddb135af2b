// `hotlab`: the lab in the terminal. Prepares the workspace, starts the engine, hands it to the screen.
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Engine } from '../engine/engine.ts';
import { packageRoot } from '../package-root.ts';

export interface LabOptions {
  workspace?: string;
  lang?: 'en' | 'zh';
  /** In-process traffic, requests per second. @default 20 */
  rate?: number;
}

const SERVICE_FILE = 'service.js';
/** The starter service shipped with the package (this repository's own sandbox/). */
const STARTER = join(packageRoot(), 'sandbox', 'service.js');
const PREFERRED_PORT = 8787;

export async function openLab(options: LabOptions): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write(
      'hotlab: the lab needs an interactive terminal (no TTY here).\n' +
        'Without one, use the headless commands:\n' +
        '  hotlab serve sandbox/service.js [--strategy file-watch|plugin-swap|reflection-patch|binary-replace] [--json]\n' +
        '  hotlab bench [--json]\n' +
        'Run hotlab --help for every option.\n',
    );
    return 2;
  }
  const workspace = resolve(options.workspace ?? 'sandbox');
  const file = join(workspace, SERVICE_FILE);
  const created = await prepareWorkspace(workspace, file);
  process.stdout.write(`hotlab: workspace ${workspace}${created ? ' (new: starter service copied)' : ''} — edit ${file} in your editor.\n`);
  const port = (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : 0;
  const engine = new Engine({ file, http: { port, host: '127.0.0.1' }, traffic: { rate: options.rate ?? 20 } });
  // React's development build renders about twice as slowly; it must be chosen before React is first loaded.
  process.env.NODE_ENV ??= 'production';
  const { runLab } = await import('../ui/run-lab.tsx');
  // The first frame comes up at once and shows the sandbox starting; the engine boots behind it.
  const lab = runLab(engine, { lang: options.lang ?? localeLanguage() });
  const started = engine.start().then(
    () => null,
    (error: unknown) => error,
  );
  const failure = await Promise.race([started, lab.waitUntilExit().then(() => null)]);
  if (failure) {
    await engine.stop();
    await lab.waitUntilExit().catch(() => undefined);
    throw failure;
  }
  await lab.waitUntilExit();
  await engine.stop();
  return 0;
}

/** Copy the starter only when the learner has no service yet: their edits are never overwritten. */
async function prepareWorkspace(workspace: string, file: string): Promise<boolean> {
  await mkdir(workspace, { recursive: true });
  try {
    await stat(file);
    return false;
  } catch {
    await copyFile(STARTER, file);
    return true;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const probe = createServer();
    probe.once('error', () => resolvePromise(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePromise(true)));
  });
}

function localeLanguage(): 'en' | 'zh' {
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^zh/i.test(locale) ? 'zh' : 'en';
}
