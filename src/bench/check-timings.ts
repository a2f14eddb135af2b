// How long a learner waits for a lesson's check in the lab: from the moment the files are written to the
// moment the lesson session holds the check's result (what the screen then renders). That covers the lab
// engine's own update of the save, the session's debounce of a burst of saves, and the check itself, which
// is also timed alone. Per lesson: the starter, the solution, and a handler that throws on every request.
//
//   npm run bench:checks [-- --reps 3] [-- --lessons 01,09] [-- --pause 3000] [-- --cold]
//
// Between a result and the next save the learner reads and edits (--pause, ms). --cold checks on a scratch
// service booted for each check (as `hotlab check` does) instead of the lab's warm one. The machine is shared:
// read medians, and compare runs made side by side.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../engine/engine.ts';
import type { CheckResult } from '../engine/lessons/check-types.ts';
import { LessonSession } from '../engine/lessons/lesson-session.ts';
import type { Lesson, LessonFiles } from '../engine/lessons/lesson-types.ts';
import { loadLessons } from '../engine/lessons/load-lessons.ts';
import { saveAllInPlace } from '../engine/lessons/save-file.ts';
import { emptyProgress, setCurrent } from '../engine/lessons/progress.ts';
import { CheckRunner, runCheck } from '../engine/lessons/run-check.ts';
import { benchArgs } from './bench-args.ts';
import { renderTable } from './render-table.ts';

/** A wrong answer every lesson can be given: the service fails every request. */
const THROWS = "export function handle(req) {\n  throw new Error('not today');\n}\n";
/** The lab's traffic rate. */
const LAB_RATE = 20;
const RESULT_TIMEOUT_MS = 60_000;

export interface CheckTimingOptions {
  /** Saves of each variant per lesson. @default 3 */
  reps?: number;
  /** Lesson id prefixes to measure. @default every lesson */
  lessons?: string[];
  /** A scratch service booted per check instead of a warm one. @default false */
  cold?: boolean;
  /** From a result to the next save: the learner reads it and edits. @default 3000 */
  pauseMs?: number;
}

/** One lesson's timings, in ms: save → result in the session, and the check's own share of it. */
export interface LessonTimings {
  lesson: Lesson;
  /** The check of the untouched starter when the lesson opens, asked for with k (nothing warm yet). */
  open: Sample;
  variants: Record<'starter' | 'solution' | 'throws', Sample[]>;
}

export interface Sample {
  total: number;
  check: number;
  passed: boolean;
}

export async function measureCheckTimings(options: CheckTimingOptions = {}, progress: (text: string) => void = () => {}): Promise<LessonTimings[]> {
  const set = await loadLessons();
  const lessons = set.lessons.filter((l) => !options.lessons?.length || options.lessons.some((p) => l.id.startsWith(p)));
  const results: LessonTimings[] = [];
  for (const lesson of lessons) {
    progress(`check timings: ${lesson.id} …`);
    results.push(await measureLesson(set.lessons, lesson, options));
  }
  return results;
}

async function measureLesson(all: Lesson[], lesson: Lesson, options: CheckTimingOptions): Promise<LessonTimings> {
  const workspace = await mkdtemp(join(tmpdir(), 'hotlab-check-bench-'));
  const file = join(workspace, lesson.entry);
  for (const [name, text] of Object.entries(lesson.starterSources)) {
    await mkdir(dirname(join(workspace, name)), { recursive: true });
    await writeFile(join(workspace, name), text);
  }
  const engine = new Engine({ file, strategy: lesson.strategy, restart: lesson.restart, traffic: { rate: LAB_RATE, requests: lesson.requests }, http: false });
  const runner = options.cold ? null : new CheckRunner();
  let checkMs = 0;
  const timedCheck = async (l: Lesson, files: LessonFiles): Promise<CheckResult> => {
    const started = performance.now();
    const result = runner ? await runner.run(l, files) : await runCheck(l, files);
    checkMs = performance.now() - started;
    return result;
  };
  const session = new LessonSession({ lessons: all, workspace, engine, progress: setCurrent(emptyProgress(), lesson.id), runCheck: timedCheck });
  try {
    await engine.start();
    let started = performance.now();
    // The lab checks nothing on an untouched starter until the learner asks (k): this is that check.
    void session.check();
    let result = await nextResult(session, null);
    const open: Sample = { total: performance.now() - started, check: checkMs, passed: result.passed };
    const variants: LessonTimings['variants'] = { starter: [], solution: [], throws: [] };
    // Every file of the program (a lesson of several modules changes more than its entry).
    const sources: Record<keyof typeof variants, LessonFiles> = {
      solution: lesson.solutionSources,
      throws: { ...lesson.starterSources, [lesson.entry]: THROWS },
      starter: lesson.starterSources,
    };
    let saves = 0;
    for (let rep = 0; rep < (options.reps ?? 3); rep++) {
      for (const name of ['solution', 'throws', 'starter'] as const) {
        await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 3000));
        started = performance.now();
        // A comment makes every save differ from every version before it (a rejected save leaves the last
        // good one running, and saving that text again would make no version and so no check).
        await saveAllInPlace(workspace, marked(lesson, sources[name], ++saves));
        result = await nextResult(session, result);
        variants[name].push({ total: performance.now() - started, check: checkMs, passed: result.passed });
      }
    }
    return { lesson, open, variants };
  } finally {
    session.dispose();
    await runner?.close();
    await engine.stop();
    await rm(workspace, { recursive: true, force: true });
  }
}

/**
 * The files with a comment added to those that differ from the starter (the entry when none do), so the save
 * differs from every version before it without touching a module the variant leaves alone (a lesson may judge
 * which modules a save changed).
 */
function marked(lesson: Lesson, files: LessonFiles, save: number): LessonFiles {
  const changed = lesson.starterFiles.filter((file) => files[file] !== lesson.starterSources[file]);
  const targets = changed.length > 0 ? changed : [lesson.entry];
  return { ...files, ...Object.fromEntries(targets.map((file) => [file, `${files[file]}\n// bench save ${save}\n`])) };
}

/** The session's next check result after `previous`, once no check is running or queued. */
function nextResult(session: LessonSession, previous: CheckResult | null): Promise<CheckResult> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no check result within ${RESULT_TIMEOUT_MS / 1000} s`));
    }, RESULT_TIMEOUT_MS);
    const look = (): void => {
      const { result, checking } = session.getSnapshot();
      if (!result || result === previous || checking) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    };
    const unsubscribe = session.subscribe(look);
    look();
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function renderCheckTimings(results: LessonTimings[], options: CheckTimingOptions): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const cell = (samples: Sample[]): string => {
    const verdicts = [...new Set(samples.map((s) => (s.passed ? 'pass' : 'fail')))].join('/');
    return `${seconds(median(samples.map((s) => s.total)))} (check ${seconds(median(samples.map((s) => s.check)))}) ${verdicts}`;
  };
  const rows = results.map((r) => [r.lesson.id, cell([r.open]), cell(r.variants.starter), cell(r.variants.solution), cell(r.variants.throws)]);
  const saves = results.flatMap((r) => [...r.variants.starter, ...r.variants.solution, ...r.variants.throws]);
  const table = renderTable(['lesson', 'on open', 'starter', 'solution', 'throws'], rows);
  return [
    `Save → check result in the lab's lesson session (median of ${options.reps ?? 3} saves each, ${(options.pauseMs ?? 3000) / 1000} s apart; "check" is the check alone).`,
    `Checks on ${options.cold ? 'a scratch service booted per check (--cold)' : "the lab's warm scratch service"}.`,
    '',
    table,
    '',
    `All saves: median ${seconds(median(saves.map((s) => s.total)))}, worst ${seconds(Math.max(...saves.map((s) => s.total)))}; ` +
      `the check alone: median ${seconds(median(saves.map((s) => s.check)))}.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const values = benchArgs('npm run bench:checks -- [--reps 3] [--lessons 01,09] [--pause 3000] [--cold]', { reps: { type: 'string' }, lessons: { type: 'string' }, pause: { type: 'string' }, cold: { type: 'boolean' } });
  const options: CheckTimingOptions = {
    reps: values.reps ? Number(values.reps) : 3,
    pauseMs: values.pause ? Number(values.pause) : 3000,
    lessons: values.lessons ? values.lessons.split(',') : [],
    cold: values.cold ?? false,
  };
  const progress = process.stderr.isTTY ? (text: string) => process.stderr.write(`\r\x1b[K${text}`) : (text: string) => process.stderr.write(`${text}\n`);
  const results = await measureCheckTimings(options, progress);
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  process.stdout.write(`${renderCheckTimings(results, options)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
