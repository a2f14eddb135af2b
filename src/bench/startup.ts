// `npm run bench:startup`: how long the lab takes to show its first frame and to serve v1, from process start,
// measured from outside as a learner sees it. The lab runs in a real pseudo-terminal (util-linux `script`), its
// output is read as it arrives and timed from just before the spawn; `q` ends each run. A run counts from the
// moment this script spawns it, so the figures include script's own exec (~2 ms) and are never flattering.
//
// The runs share a fresh compile cache (NODE_COMPILE_CACHE, removed at the end): the first run starts cold and
// fills it, as a learner's first start after an install does; the others find it, as every later start does.
// --no-compile-cache turns it off (NODE_DISABLE_COMPILE_CACHE=1), to see what it saves.
//
//   node src/bench/startup.ts [--runs N] [--json] [--cli dist/bundle/cli.js] [--no-compile-cache]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchArgs } from './bench-args.ts';

/** The strategy bar is drawn in every layout: its text means Ink has written the first frame. */
const FIRST_FRAME = /plugin-swap/;
/** The live feed's title once the engine serves the first version. */
const SERVING_V1 = /serving v1\b/;
/**
 * The lesson's check has settled: a checklist (✓/✗), or the word that the file is still the starter (an untouched
 * starter is not checked, so no check sandbox runs). Quitting while a check runs used to leave its sandbox behind, so
 * each run waits for this before pressing q.
 */
const CHECKED = /[✓✗] | is the starter\b/;
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]/g;

interface StartupRun {
  firstFrameMs: number;
  servingMs: number;
  /** CPU time the lab's process had used when its first frame arrived (Linux /proc; null elsewhere). */
  firstFrameCpuMs: number | null;
}

/** Clock ticks per second of /proc's CPU times: 100 on Linux (USER_HZ). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) used so far by the process `script` runs: on a machine shared with others, wall time
 * measures the queue for the cores as much as hotlab; this measures hotlab alone.
 */
function labCpuMs(scriptPid: number | undefined): number | null {
  try {
    const [child] = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/);
    const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

function runOnce(command: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<StartupRun> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    // A 120×40 terminal; `exec` so the lab is the shell's process, not its child.
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${command}`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...env, TERM: 'xterm-256color' },
    });
    let screen = '';
    let firstFrameMs: number | null = null;
    let firstFrameCpuMs: number | null = null;
    let servingMs: number | null = null;
    let quitting = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the lab did not serve v1 within ${timeoutMs} ms; it printed:\n${screen.replace(ANSI, '')}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const now = performance.now() - started;
      screen += chunk;
      const text = screen.replace(ANSI, '');
      if (firstFrameMs === null && FIRST_FRAME.test(text)) {
        firstFrameMs = now;
        firstFrameCpuMs = labCpuMs(child.pid);
      }
      if (servingMs === null && SERVING_V1.test(text)) servingMs = now;
      if (servingMs !== null && !quitting && CHECKED.test(text)) {
        quitting = true;
        child.stdin.write('q');
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (firstFrameMs === null || servingMs === null) reject(new Error(`the lab exited before serving v1:\n${screen.replace(ANSI, '')}`));
      else resolvePromise({ firstFrameMs, servingMs, firstFrameCpuMs });
    });
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const values = benchArgs('npm run bench:startup -- [--runs N] [--json] [--cli dist/bundle/cli.js] [--no-compile-cache]', {
    runs: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
    cli: { type: 'string', default: 'dist/bundle/cli.js' },
    'no-compile-cache': { type: 'boolean', default: false },
  });
  const runs = Number(values.runs);
  const scratch = await mkdtemp(join(tmpdir(), 'hotlab-startup-'));
  const workspace = join(scratch, 'workspace');
  const env = values['no-compile-cache'] ? { NODE_DISABLE_COMPILE_CACHE: '1' } : { NODE_COMPILE_CACHE: join(scratch, 'compile-cache') };
  const command = `${process.execPath} ${resolve(values.cli)} --workspace ${workspace} --lang en`;
  try {
    const node = await runOnce(`${process.execPath} -e "process.stdout.write('plugin-swap serving v1')"`, env, 10_000);
    // The first run also creates the workspace (the lesson's starter, progress).
    const first = await runOnce(command, env, 30_000);
    const measured: StartupRun[] = [];
    for (let i = 0; i < runs; i++) measured.push(await runOnce(command, env, 30_000));
    const summary = {
      runs,
      nodeBareMs: Number(node.firstFrameMs.toFixed(1)),
      firstRun: { firstFrameMs: Number(first.firstFrameMs.toFixed(1)), servingMs: Number(first.servingMs.toFixed(1)) },
      firstFrameMs: { p50: percentile(measured.map((r) => r.firstFrameMs), 50), min: Math.min(...measured.map((r) => r.firstFrameMs)), max: Math.max(...measured.map((r) => r.firstFrameMs)) },
      servingMs: { p50: percentile(measured.map((r) => r.servingMs), 50), min: Math.min(...measured.map((r) => r.servingMs)), max: Math.max(...measured.map((r) => r.servingMs)) },
      firstFrameCpuMs: measured.every((r) => r.firstFrameCpuMs !== null) ? percentile(measured.map((r) => r.firstFrameCpuMs!), 50) : null,
      loadAverage: loadavg()[0] ?? 0,
    };
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    const f = (n: number): string => `${n.toFixed(0)} ms`;
    process.stdout.write(
      `lab start-up, ${runs} runs after a first one${values['no-compile-cache'] ? ', no compile cache' : ''} (load average ${summary.loadAverage.toFixed(1)} on this machine)\n` +
        `  first frame  p50 ${f(summary.firstFrameMs.p50)}  (min ${f(summary.firstFrameMs.min)}, max ${f(summary.firstFrameMs.max)})\n` +
        `  serving v1   p50 ${f(summary.servingMs.p50)}  (min ${f(summary.servingMs.min)}, max ${f(summary.servingMs.max)})\n` +
        (summary.firstFrameCpuMs === null ? '' : `  CPU time of the lab's process at its first frame, p50 ${f(summary.firstFrameCpuMs)}\n`) +
        `  first run    first frame ${f(summary.firstRun.firstFrameMs)}, serving v1 ${f(summary.firstRun.servingMs)}\n` +
        `  node printing one line through the same terminal: ${f(summary.nodeBareMs)}\n`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
