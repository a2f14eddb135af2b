// `npm run soak:lab`: the memory of the lab itself, measured from outside as a learner runs it (issue 11). The lab
// runs in a real pseudo-terminal (util-linux `script`, as bench:startup does) on lesson 01, with its screen, its
// traffic, its HTTP port and its lesson checks; the strategy is switched with the lab's own keys (1–4). Each
// strategy: idle, then saves of the service file (each waits until the screen says the new version serves),
// then idle again. RSS is read from /proc for the lab's process and every process it started: its sandboxes
// (serving, verifier, standby) and the lesson check's scratch service (its own serving and verifier, and the
// next one booting). From outside they cannot be told apart; their count says what was up.
//
//   npm run soak:lab [-- --saves 100] [-- --idle 8000] [-- --strategies file-watch,plugin-swap] [-- --cli dist/bundle/cli.js]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchArgs } from './bench-args.ts';
import { childPids, processMemory } from './process-memory.ts';
import { renderTable } from './render-table.ts';

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]/g;
const SERVING = /serving v(\d+)\b/g;
/** The lesson's checklist has settled (as bench:startup waits for it). */
const CHECKED = /[✓✗] | is the starter\b/;
/** Keys 1–4 of the lab's strategy bar. */
const STRATEGY_KEYS: Array<[string, string]> = [
  ['1', 'file-watch'],
  ['2', 'plugin-swap'],
  ['3', 'reflection-patch'],
  ['4', 'binary-replace'],
];
/** How much of the screen's output is kept to look for a version (Ink redraws the frame, so it comes again). */
const TAIL_CHARS = 256 * 1024;

/** Lesson 01's starter with another reply: the lesson's check passes, and every save is a new version. */
const service = (edit: number): string => `let hits = 0;

export function handle(req) {
  hits++;
  return \`edit-${edit} \${hits}\`;
}
`;

interface LabPoint {
  strategy: string;
  label: string;
  saves: number;
  lab: number;
  sandboxes: number[];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function measure(labPid: number, strategy: string, label: string, saves: number): LabPoint {
  const sandboxes = childPids(labPid).flatMap((pid) => processMemory(pid)?.rss ?? []);
  return { strategy, label, saves, lab: processMemory(labPid)?.rss ?? 0, sandboxes };
}

async function main(): Promise<void> {
  const values = benchArgs('npm run soak:lab -- [--saves 100] [--idle 8000] [--strategies file-watch,plugin-swap] [--cli dist/bundle/cli.js]', {
    saves: { type: 'string', default: '100' },
    idle: { type: 'string', default: '8000' },
    cli: { type: 'string', default: 'dist/bundle/cli.js' },
    strategies: { type: 'string' },
  });
  const wanted = values.strategies?.split(',');
  const saves = Number(values.saves);
  const idleMs = Number(values.idle);
  const scratch = await mkdtemp(join(tmpdir(), 'hotlab-lab-memory-'));
  const workspace = join(scratch, 'workspace');
  const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');
  const started = performance.now();
  process.stdout.write(`hotlab lab memory — ${new Date().toISOString()} — node ${process.version}, ${saves} saves per strategy — load average ${load()}\n\n`);
  const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${process.execPath} ${resolve(values.cli)} --workspace ${workspace} --lang en`, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, TERM: 'xterm-256color' },
  });
  let tail = '';
  let exited = false;
  child.on('exit', () => (exited = true));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-TAIL_CHARS);
  });
  const screen = (): string => tail.replace(ANSI, '');
  const newestVersion = (): number => Math.max(0, ...[...screen().matchAll(SERVING)].map((m) => Number(m[1])));
  const until = async (what: string, test: () => boolean, timeoutMs = 60_000): Promise<void> => {
    const deadline = performance.now() + timeoutMs;
    while (!test()) {
      if (exited) throw new Error(`the lab exited while waiting for ${what}:\n${screen().slice(-2000)}`);
      if (performance.now() > deadline) throw new Error(`no ${what} within ${timeoutMs / 1000} s; the screen:\n${screen().slice(-2000)}`);
      await sleep(20);
    }
  };
  const points: LabPoint[] = [];
  try {
    await until('v1 serving and a checked lesson', () => newestVersion() >= 1 && CHECKED.test(screen()));
    const labPid = childPids(child.pid!)[0];
    if (labPid === undefined) throw new Error('the lab process was not found under script');
    let version = newestVersion();
    let edit = 0;
    for (const [key, strategy] of STRATEGY_KEYS) {
      if (wanted && !wanted.some((w) => strategy.startsWith(w))) continue;
      process.stderr.write(`\r\x1b[Klab memory: ${strategy} …`);
      // Switching re-applies the program under the new strategy: a new version (file-watch is the lesson's own).
      if (strategy !== 'file-watch' || version > 1) {
        child.stdin.write(key);
        await until(`a new version under ${strategy}`, () => newestVersion() > version);
        version = newestVersion();
      }
      await sleep(idleMs);
      points.push(measure(labPid, strategy, 'idle', 0));
      for (let n = 1; n <= saves; n++) {
        await writeFile(join(workspace, 'service.js'), service(++edit));
        await until(`v${version + 1} after save ${n} under ${strategy}`, () => newestVersion() > version, 30_000);
        version = newestVersion();
        // chokidar holds back a second change of one file within 50 ms of the last.
        await sleep(60);
      }
      points.push(measure(labPid, strategy, `after ${saves} saves`, saves));
      await sleep(idleMs);
      points.push(measure(labPid, strategy, `idle ${(idleMs / 1000).toFixed(0)} s after`, saves));
    }
    child.stdin.write('q');
    await until('the lab to quit', () => exited, 20_000).catch(() => child.kill('SIGKILL'));
  } finally {
    if (!exited) child.kill('SIGKILL');
    process.stderr.write('\r\x1b[K');
    await rm(scratch, { recursive: true, force: true });
  }
  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  const list = (values: number[]): string => (values.length === 0 ? '—' : `${sum(values).toFixed(1)} (${values.map((v) => v.toFixed(0)).join('+')})`);
  const rows = points.map((p, i) => {
    const first = points.find((q) => q.strategy === p.strategy)!;
    const total = p.lab + sum(p.sandboxes);
    const firstTotal = first.lab + sum(first.sandboxes);
    return [
      points[i - 1]?.strategy === p.strategy ? '' : p.strategy,
      p.label,
      p.lab.toFixed(1),
      list(p.sandboxes),
      total.toFixed(1),
      p.saves === 0 ? '—' : (((total - firstTotal) * 1024) / p.saves).toFixed(0),
    ];
  });
  process.stdout.write('The lab in a terminal (lesson 01, its screen, traffic, HTTP and lesson checks), RSS in MB\n\n');
  process.stdout.write(renderTable(['strategy', 'when', 'lab process', 'sandbox processes (each)', 'total', 'KB/save'], rows));
  process.stdout.write(
    '\nlab process: the host (engine, screen, HTTP, traffic, lesson checks). sandbox processes: the lab\'s serving and verifier (and binary-replace\'s standby), and the lesson check\'s scratch service (serving and verifier; a fresh one boots after each check, for the next). A small figure is a process still booting.\n' +
      'KB/save: growth of total from the strategy\'s idle point. The strategies run one after another in one lab, as a learner switching with 1–4 would: each starts with what the one before left.\n' +
      `load average after: ${load()} · ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
}

await main();
