// The traps a learner met in the lab (issue 7), driven end to end: the built CLI in a real terminal (tmux), the
// learner's saves written from outside, keys typed, and only what the screen shows asserted.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { CLI, NODE, ensureBuilt } from './cli-process.ts';
import { TmuxSession } from './tmux.ts';

let lessons: Lesson[];
let dir: string | undefined;
let tmux: TmuxSession | undefined;
let runs = 0;

beforeAll(async () => {
  expect(TmuxSession.available(), 'tmux is required for the end-to-end lab tests').toBe(true);
  ensureBuilt();
  lessons = (await loadLessons()).lessons;
}, 120_000);

afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 10 }); // the killed lab may still be writing in it for a moment
  dir = undefined;
});

const lesson = (number: number) => lessons[number - 1]!;

/**
 * A workspace on lesson `number` holding `source`, and the lab opened on it. `--rate 5`: a slow feed keeps the
 * screen readable, and the update line under it is what these tests read.
 */
async function openLab(number: number, source: string, { columns = 120, rows = 40, env = {} as Record<string, string> } = {}): Promise<{ file: string; tmux: TmuxSession }> {
  dir = await mkdtemp(join(tmpdir(), 'hotlab-traps-'));
  const workspace = join(dir, 'sandbox');
  await mkdir(join(workspace, '.hotlab'), { recursive: true });
  await writeFile(join(workspace, '.hotlab', 'progress.json'), JSON.stringify({ version: 1, current: lesson(number).id, lessons: {} }));
  const file = join(workspace, 'service.js');
  await writeFile(file, source);
  tmux = new TmuxSession(`hotlab-traps-${process.pid}-${runs++}`);
  tmux.start(`${NODE} ${CLI} --workspace ${workspace} --lang en --rate 5`, columns, rows, env);
  return { file, tmux };
}

describe('a broken file at start', () => {
  it('shows the refusal with its place and the line at once, r retries it, and the first good save starts v1', async () => {
    const broken = lesson(1).starter.replace('return `pong ${hits}`;', 'return `pong ${hits}` +;');
    expect(broken).not.toBe(lesson(1).starter);
    const { file, tmux } = await openLab(1, broken);
    let screen = await tmux.waitFor(/✗ rejected · file-watch · service\.js:\d+:\d+ · nothing runs yet/);
    expect(screen).toMatch(/\d+ │ {3}return `pong \$\{hits\}` \+;/);
    expect(screen).toMatch(/│ +\^/);
    expect(screen).toContain('waiting for a good save');
    // The feed says why it is empty, rather than "waiting for the first request…" beside a service that has none.
    expect(screen).toContain('no traffic until a version runs (HTTP answers 503 meanwhile)');

    tmux.keys('r');
    await tmux.waitFor(/Last update file-watch · ✗ rejected/);
    screen = tmux.screen();
    expect(screen).not.toContain('no change');

    await writeFile(file, lesson(1).starter.replace('`pong ${hits}`', '`fixed ${hits}`'));
    screen = await tmux.waitFor(/✓ v1 started · file-watch/);
    await tmux.waitFor(/GET \/ping -> 200 v1 +fixed \d+/);
    expect(tmux.screen()).not.toMatch(/✗ rejected/);
  }, 60_000);
});

describe('moving to the next lesson', () => {
  for (const [from, to] of [
    [6, 7],
    [11, 12],
  ] as const) {
    it(`n from lesson ${from} starts lesson ${to}'s program fresh, and a solution save is applied live`, async () => {
      const { file, tmux } = await openLab(from, lesson(from).solution);
      await tmux.waitFor(new RegExp(`Lesson ${from}/${lessons.length}`));
      await tmux.waitFor(/-> 200 v1/);
      tmux.keys('n');
      // The file is lesson 6's (or 11's) solution: replacing it is asked first.
      await tmux.waitFor(new RegExp(`Replace service.js with lesson ${to}'s starter`));
      tmux.keys('y');
      // The header moves at once; the starter is written just after (the backup first).
      await tmux.waitFor(new RegExp(`Lesson ${to}/${lessons.length}`));
      const deadline = Date.now() + 10_000;
      while ((await readFile(file, 'utf8')) !== lesson(to).starter && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await readFile(file, 'utf8')).toBe(lesson(to).starter);
      const strategy = lesson(to).strategy;
      // The new lesson's starter runs as v1 of a new program, under the new lesson's strategy; nothing refused.
      const routes = lesson(to).requests.map((r) => r.path.split('?')[0]!);
      // The header moves first; the program follows: its strategy on the bar, then its v1 answering every route.
      const bar = `[${[1, 2, 3, 4][['file-watch', 'plugin-swap', 'reflection-patch', 'binary-replace'].indexOf(strategy)]} ${strategy}]`;
      await tmux.waitFor((s) => s.includes(bar));
      let screen = await tmux.waitFor((s) => routes.every((path) => new RegExp(`GET ${path.replace('/', '\\/')}\\S* -> \\d+ v1 `).test(s)));
      expect(screen).not.toMatch(/✗ rejected/);
      expect(screen).not.toContain('Lesson complete');

      await writeFile(file, lesson(to).solution);
      screen = await tmux.waitFor(new RegExp(`✓ v1 → v2 applied · ${strategy}`), 30_000);
      expect(screen).not.toMatch(/✗ rejected/);
      // The live service and the checklist agree: the lesson completes on the solution.
      await tmux.waitFor(/Lesson complete/, 60_000);
    }, 120_000);
  }
});

describe('the REPL', () => {
  for (const number of [3, 12]) {
    it(`lesson ${number}: the prompt's examples come from its code and evaluate as shown`, async () => {
      const { tmux } = await openLab(number, lesson(number).starter, { columns: 160, rows: 40 });
      const screen = await tmux.waitFor(/JavaScript in v1, e\.g\. .*handle\(/);
      const examples = /e\.g\. (.*?)(?: · : commands)?\s*$/m.exec(screen)![1]!.split(' · ');
      expect(examples.length).toBe(2);
      if (number === 3) expect(examples[0]).toBe('routes');
      if (number === 12) expect(examples[0]).toBe('state');
      for (const example of examples) {
        tmux.keys('/');
        await tmux.waitFor(/Enter run/);
        tmux.type(example);
        tmux.keys('Enter');
        const after = await tmux.waitFor((s) => s.includes(`› ${example}\n`));
        // The line under the echo is a value, not an error.
        const result = after.split('\n')[after.split('\n').findIndex((l) => l.startsWith(`› ${example}`)) + 1] ?? '';
        expect(result).not.toMatch(/Error|unknown command|not defined/);
        expect(result.trim()).not.toBe('');
        tmux.keys('Escape');
        await tmux.waitFor(/1-4 strategy/);
      }
    }, 60_000);
  }

  it('console.log typed in the REPL prints there', async () => {
    const { tmux } = await openLab(1, lesson(1).starter);
    await tmux.waitFor(/JavaScript in v1/);
    tmux.keys('/');
    await tmux.waitFor(/Enter run/);
    tmux.type("console.log('the count is', hits)");
    tmux.keys('Enter');
    await tmux.waitFor(/^the count is \d+\s*$/m);
  }, 60_000);
});

describe('errors clear', () => {
  it('a syntax error saved, then undone back to the running text: the refusal leaves the screen and the checklist', async () => {
    const edited = lesson(1).starter.replace('`pong ${hits}`', '`hello ${hits}`');
    const { file, tmux } = await openLab(1, edited);
    await tmux.waitFor(/GET \/ping -> 200 v1 +hello \d+/);
    await writeFile(file, edited.replace('`hello ${hits}`;', '`hello ${hits}` +;'));
    await tmux.waitFor(/✗ rejected · file-watch · service\.js/);
    await tmux.waitFor(/✗ the live service runs your file/, 30_000);
    await writeFile(file, edited);
    const screen = await tmux.waitFor(/back to v1's code/);
    expect(screen).not.toMatch(/✗ rejected · file-watch/);
    await tmux.waitFor((s) => !s.includes('the live service runs your file') && /✓ /.test(s) && !/checking/.test(s), 30_000);
  }, 60_000);
});

describe('rollback after a failed cold build', () => {
  it('u brings back the last good version, not the one before it', async () => {
    const { file, tmux } = await openLab(9, lesson(9).starter);
    await tmux.waitFor(/GET \/ping -> 200 v1 +pong \d+/);
    const good = lesson(9).starter.replace('`pong ${hits}`', '`good ${hits}`');
    await writeFile(file, good);
    await tmux.waitFor(/✓ v1 → v2 applied · binary-replace \(cold\)/, 30_000);
    await writeFile(file, `${good}\nnull.boom;\n`);
    await tmux.waitFor(/✗ rejected · binary-replace \(cold\) · service\.js:\d+:\d+ · down \(503\)/, 30_000);
    tmux.keys('u');
    const screen = await tmux.waitFor(/✓ v3 started · binary-replace \(cold\)/, 30_000);
    expect(screen).toContain("rolled back to v2's code");
    await tmux.waitFor(/GET \/ping -> 200 v3 +good \d+/);
  }, 90_000);
});

describe('closing the terminal', () => {
  it('quits like q: the check\'s scratch folder and the sandboxes go with the lab', async () => {
    // The lab's temp folder is one of our own, so what the lab leaves in it is all there is to see.
    const temp = await mkdtemp(join(tmpdir(), 'hotlab-hangup-'));
    try {
      const { file, tmux } = await openLab(1, lesson(1).starter, { env: { TMPDIR: temp } });
      await tmux.waitFor(/GET \/ping -> 200 v1 /);
      // A save runs the lesson's check, which boots its scratch service in a folder of the temp directory.
      await writeFile(file, lesson(1).solution);
      await tmux.waitFor(/✓ v1 → v2 applied/, 30_000);
      await until(async () => (await readdir(temp)).some((name) => name.startsWith('hotlab-check-')));
      const lab = labProcesses(temp);
      expect(lab.length, 'the lab and its sandboxes (its check\'s among them)').toBeGreaterThanOrEqual(3);
      tmux.kill(); // the terminal goes away: the lab gets SIGHUP
      // Node's compile cache (node-compile-cache) is meant to stay there; what the lab made for itself is not.
      const leftOver = async (): Promise<string[]> => (await readdir(temp)).filter((name) => name.startsWith('hotlab-'));
      await until(async () => (await leftOver()).length === 0 && lab.every((pid) => !alive(pid)), 15_000).catch(() => undefined);
      expect(await leftOver(), 'nothing of the lab is left in the temp folder').toEqual([]);
      expect(lab.filter(alive), 'no process of the lab outlives it').toEqual([]);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }, 90_000);
});

async function until(test: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The lab (the process whose environment names `temp` as its TMPDIR) and every process it started: the sandboxes
 * do not inherit the environment, so they are found as its children.
 */
function labProcesses(temp: string): number[] {
  const parents = new Map<number, number>();
  const labs: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(`TMPDIR=${temp}`)) labs.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return [...labs, ...[...parents].filter(([, parent]) => labs.includes(parent)).map(([pid]) => pid)];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
