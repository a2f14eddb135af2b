// Checks a learner's service.js against a lesson: a scratch service boots from the lesson's starter under the
// lesson's strategy, traffic builds state, the learner's file is saved over it as an editor would, and the
// lesson's check.js judges what happened. The learner's own live service is never touched.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from '../engine.ts';
import type { RuntimeLimits } from '../sandbox/isolate-runtime.ts';
import type { UpdateRecord } from '../types.ts';
import { checkResponse, createCheckLab, SAVE_TIMEOUT_MS } from './check-lab.ts';
import type { CheckLab, CheckResult, CheckStep } from './check-types.ts';
import type { Lesson } from './lesson-types.ts';
import { SERVICE_FILE } from './load-lessons.ts';
import { saveAs } from './save-file.ts';
import { waitForRecord } from '../wait-for-record.ts';
import { describeError } from '../errors.ts';

export interface RunCheckOptions {
  /** Traffic on the scratch service, requests per second. @default 200 */
  rate?: number;
  /** How long the starter serves before the update, so there is state to keep or lose. @default 150 */
  warmUpMs?: number;
  /** Longest a check.js may run. @default 30_000 */
  timeoutMs?: number;
  /** Where the scratch workspace is made. @default os.tmpdir() */
  tmpRoot?: string;
  limits?: Partial<RuntimeLimits>;
}

type CheckFunction = (lab: CheckLab) => unknown;

const CHECK_RAN = { en: 'the check ran to the end', zh: '检查完整运行' };

export async function runCheck(lesson: Lesson, learnerSource: string, options: RunCheckOptions = {}): Promise<CheckResult> {
  const failed = (error: string, steps: CheckStep[] = [], update?: UpdateRecord): CheckResult => ({
    lesson: lesson.id,
    passed: false,
    steps,
    error,
    ...(update ? { update } : {}),
  });
  let check: CheckFunction;
  try {
    check = await loadCheck(lesson);
  } catch (error) {
    return failed(`check.js of lesson ${lesson.id} cannot be loaded: ${describeError(error)}`);
  }
  const dir = await mkdtemp(join(options.tmpRoot ?? tmpdir(), 'hotlab-check-'));
  const file = join(dir, SERVICE_FILE);
  await writeFile(file, lesson.starter);
  const engine = new Engine({
    file,
    stateDir: join(dir, '.hotlab'),
    strategy: lesson.strategy,
    restart: lesson.restart,
    traffic: { rate: options.rate ?? 200, requests: lesson.requests },
    // Watching the scratch file lets the learner's file arrive as a real save, and lets checks save again.
    watch: true,
    http: false,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  try {
    try {
      await engine.start();
    } catch (error) {
      return failed(`the starter of lesson ${lesson.id} does not run (a bug in the lesson): ${describeError(error)}`);
    }
    // The engine starts even when the starter cannot run (it waits for a fix); for a lesson that is a bug.
    const refused = engine.getSnapshot().rejection;
    if (engine.version === null) return failed(`the starter of lesson ${lesson.id} does not run (a bug in the lesson): ${refused?.reason ?? 'no version started'}`);
    await delay(options.warmUpMs ?? 150);
    const before = checkResponse(await engine.request(lesson.requests[0]!, 'check'));
    const unchanged = learnerSource === lesson.starter;
    let update: UpdateRecord | null;
    if (unchanged) {
      // A save that changes nothing is not a version (design §5), so a save would produce no record to judge.
      update = await engine.applySource(learnerSource, 'reload');
    } else {
      const next = waitForRecord(engine, SAVE_TIMEOUT_MS);
      await saveAs(file, learnerSource, 'in-place');
      update = await next;
    }
    if (!update) return failed(`your service.js was saved over the starter, but no update came within ${SAVE_TIMEOUT_MS / 1000} s`);
    const handle = createCheckLab({ engine, file, source: learnerSource, starter: lesson.starter, unchanged, update, before });
    try {
      await withTimeout(Promise.resolve().then(() => check(handle.lab)), options.timeoutMs ?? 30_000);
    } catch (error) {
      handle.steps.push({ title: CHECK_RAN, ok: false, detail: describeError(error) });
    } finally {
      handle.close();
    }
    const steps = handle.steps;
    return { lesson: lesson.id, passed: steps.length > 0 && steps.every((s) => s.ok), steps, update };
  } finally {
    await engine.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Imports check.js by file URL. A hash of its content in the query makes an edited check.js load afresh in a
 * long-running lab (Node caches ES modules by URL for the life of the process).
 */
async function loadCheck(lesson: Lesson): Promise<CheckFunction> {
  const hash = createHash('sha1').update(await readFile(lesson.checkFile)).digest('hex').slice(0, 12);
  const url = `${pathToFileURL(lesson.checkFile).href}?v=${hash}`;
  const module = (await import(url)) as { check?: unknown };
  if (typeof module.check !== 'function') throw new Error('it does not export a function check(lab)');
  return module.check as CheckFunction;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the check did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

