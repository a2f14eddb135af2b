// `hotlab`: the lab in the terminal. Prepares the workspace, starts the engine, hands it to the screen.
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../engine/engine.ts';

export interface LabOptions {
  workspace?: string;
  lang?: 'en' | 'zh';
}

const SERVICE_FILE = 'service.js';
/** The starter service shipped with the package (this repository's own sandbox/). */
const STARTER = fileURLToPath(new URL('../../sandbox/service.js', import.meta.url));
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
  const engine = await startEngine(file);
  // React's development build renders about twice as slowly; it must be chosen before React is first loaded.
  process.env.NODE_ENV ??= 'production';
  const { runLab } = await import('../ui/run-lab.tsx');
  const lab = runLab(engine, { lang: options.lang ?? localeLanguage() });
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

async function startEngine(file: string): Promise<Engine> {
  try {
    return await new Engine({ file, http: { port: PREFERRED_PORT, host: '127.0.0.1' }, traffic: { rate: 20 } }).start();
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')) throw error;
    return new Engine({ file, http: { port: 0, host: '127.0.0.1' }, traffic: { rate: 20 } }).start();
  }
}

function localeLanguage(): 'en' | 'zh' {
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^zh/i.test(locale) ? 'zh' : 'en';
}
