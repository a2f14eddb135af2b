// Builds the `lab` object a lesson's check.js receives, around a running scratch service.
import { watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { HotlabError } from '../errors.ts';
import type { ServiceRequest, ServiceResponse, UpdateRecord } from '../types.ts';
import { countAcross, findCounter, jsonOf, numbersIn, textOf } from './judge-answers.ts';
import type { CheckLab, CheckResponse, CheckStep, CounterReading, SaveHow } from './check-types.ts';
import type { Localized, MaybeLocalized } from './language.ts';
import type { LessonFiles } from './lesson-types.ts';
import { saveAs } from './save-file.ts';
import type { ScratchService } from './scratch-service.ts';
import { serviceRequest, type RequestInit } from './service-request.ts';
import { waitForRecord } from '../wait-for-record.ts';

/** How long a save that should change something may take to become a record (binary-replace builds). */
export const SAVE_TIMEOUT_MS = 10_000;
/**
 * After a save that should make no version, how long to wait once the file system has reported the write:
 * chokidar passes one `change` per file per 50 ms (a save right after another waits out that window), then
 * the watcher reads the file (a few ms). Only saves that change nothing pay it.
 */
const SETTLE_AFTER_EVENT_MS = 100;
/** Longest wait for the file system's event of a save (it normally comes within a millisecond). */
const EVENT_TIMEOUT_MS = 1_000;
const MAX_WAIT_MS = 5_000;
/** Answers `lab.counter` reads: three, so a number that went up once by chance is not taken for a counter. */
const COUNTER_READINGS = 3;

export interface CheckLabParts {
  service: ScratchService;
  /** The learner's program: every file of the lesson (path → text). */
  files: LessonFiles;
  unchanged: boolean;
  update: UpdateRecord;
  before: CheckResponse;
}

/** The lab plus the steps it records; `close()` makes later `expect` calls (an abandoned check) no-ops. */
export interface CheckLabHandle {
  lab: CheckLab;
  steps: CheckStep[];
  close(): void;
}

export function createCheckLab(parts: CheckLabParts): CheckLabHandle {
  const { service, files } = parts;
  const { engine, lesson } = service;
  const entry = lesson.entry;
  const steps: CheckStep[] = [];
  let closed = false;
  // The engine ignores a save equal to the last rejected one, as it ignores one equal to the running version.
  let lastRejectedSave: { file: string; source: string } | null = null;
  const firstRequest = pathOf(service.lesson.requests[0]!);

  const request = async (path: string, init?: RequestInit): Promise<CheckResponse> => {
    await service.quiet();
    return checkResponse(await engine.request(serviceRequest(path, init), 'check'));
  };

  const quietly = async <T>(action: () => Promise<T>): Promise<T> => {
    await service.pause();
    try {
      return await action();
    } finally {
      service.resume();
    }
  };

  const counter = (path = firstRequest, init?: RequestInit): Promise<CounterReading> =>
    quietly(async () => {
      const bodies: string[] = [];
      const servedAt: number[] = [];
      for (let i = 0; i < COUNTER_READINGS; i++) {
        const response = await request(path, init);
        bodies.push(textOf(response.failed ? (response.error ?? response.body) : response.body));
        servedAt.push(service.served);
      }
      return findCounter(bodies, servedAt);
    });

  const lab: CheckLab = {
    update: parts.update,
    before: parts.before,
    source: files[entry]!,
    starter: lesson.starterSources[entry]!,
    files,
    starterFiles: lesson.starterSources,
    entry,
    unchanged: parts.unchanged,
    request,
    evaluate: (expression, options) => engine.evaluate(expression, moduleOf(options)),
    setValue: (name, valueExpression, options) => engine.setValue(name, valueExpression, moduleOf(options)),
    applySource: (source, options) => engine.applySources({ [options?.file ?? entry]: source }, 'reload'),
    rollback: () => engine.rollback(),
    async handOver(snapshot) {
      const standIn = await engine.applySource(standInSource(snapshot), 'reload');
      if (standIn?.outcome !== 'applied') return { standIn, update: null };
      return { standIn, update: await engine.applySources(files, 'reload') };
    },
    snapshot: () => engine.getSnapshot(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, MAX_WAIT_MS)))),
    quietly,
    served: () => service.served,
    async save(source: string, options?: { file?: string; how?: SaveHow }) {
      const how = options?.how ?? 'in-place';
      const module = options?.file ?? entry;
      const path = join(service.dir, module);
      const running = engine.runningSources;
      // A file the running program does not import changes nothing (the engine says so in its log).
      const outside = running !== null && !running.has(module) && engine.getSnapshot().rejection === null;
      const sameAsRefused = lastRejectedSave?.file === module && lastRejectedSave.source === source;
      const expectNothing = outside || source === running?.get(module) || sameAsRefused;
      await service.quiet();
      const record = expectNothing ? await saveExpectingNothing(engine, path, source, how) : await saveExpectingRecord(engine, path, source, how);
      if (record) lastRejectedSave = record.outcome === 'rejected' ? { file: module, source } : null;
      return record;
    },
    text: (response) => textOf(bodyOf(response)),
    json: (response) => jsonOf(bodyOf(response)),
    numbers: (response) => numbersIn(bodyOf(response)),
    counter,
    async countAcross(action, path, init) {
      return quietly(async () => {
        const before = await counter(path, init);
        const result = await action();
        const after = await counter(path, init);
        return countAcross(result, before, after);
      });
    },
    expect(condition, title, detail) {
      const ok = Boolean(condition);
      if (!closed) steps.push({ title: localizedTitle(title), ok, ...(detail !== undefined && detail !== null ? { detail: localizedDetail(detail) } : {}) });
      return ok;
    },
  };
  return {
    lab,
    steps,
    close() {
      closed = true;
    },
  };
}

/** `{module: 'greet.js'}` → 'greet.js'; no module is the entry's scope. */
function moduleOf(options: { module?: string } | undefined): string | undefined {
  return options?.module;
}

export function checkResponse(response: ServiceResponse): CheckResponse {
  return {
    status: response.status,
    headers: response.headers,
    body: response.body,
    version: response.version,
    failed: response.failed,
    ...(response.error !== undefined ? { error: response.error } : {}),
  };
}

type SaveEngine = CheckLabParts['service']['engine'];

async function saveExpectingRecord(engine: SaveEngine, file: string, source: string, how: SaveHow): Promise<UpdateRecord> {
  const next = waitForRecord(engine, SAVE_TIMEOUT_MS);
  await saveAs(file, source, how);
  const record = await next;
  if (!record) throw new HotlabError(`the scratch service saw no update within ${SAVE_TIMEOUT_MS / 1000} s of a ${how} save`);
  return record;
}

/**
 * A save that should make no version: there is no event for "nothing happened", so wait until it could have.
 * The file system's event for the write reaches this process's watchers together (ours below and the
 * engine's); after it the engine's watcher needs at most chokidar's throttle window and one read.
 */
async function saveExpectingNothing(engine: SaveEngine, file: string, source: string, how: SaveHow): Promise<UpdateRecord | null> {
  const record = waitForRecord(engine, EVENT_TIMEOUT_MS + SETTLE_AFTER_EVENT_MS);
  let seen: () => void = () => {};
  const event = new Promise<void>((resolve) => (seen = resolve));
  const watcher = watch(dirname(file), (_, name) => {
    if (name === basename(file)) seen();
  });
  try {
    await saveAs(file, source, how);
    const settled = Promise.race([event, delay(EVENT_TIMEOUT_MS)]).then(() => delay(SETTLE_AFTER_EVENT_MS));
    const first = await Promise.race([record, settled.then(() => null)]);
    // A record that started inside the window is finished, not cut off.
    return first ?? (await Promise.race([record, engine.idle().then(() => null)]));
  } finally {
    watcher.close();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A stand-in old version for `lab.handOver`: it answers one line and hands `snapshot` over. */
function standInSource(snapshot: unknown): string {
  return `// A stand-in for an older version: it hands this snapshot to the next version's migrate(prev).
export function handle(req) {
  return 'stand-in ' + req.path;
}
export function snapshot() {
  return ${JSON.stringify(snapshot)};
}
`;
}

/** A request as a path a check would write: `/hello?name=gopher`. */
function pathOf(request: ServiceRequest): string {
  const query = new URLSearchParams(request.query).toString();
  return query ? `${request.path}?${query}` : request.path;
}

function bodyOf(response: CheckResponse | string): string {
  return typeof response === 'string' ? response : response.body;
}

/** check.js is plain JavaScript: a detail is a string, `{en, zh}`, or anything else said as a string. */
function localizedDetail(detail: unknown): MaybeLocalized {
  if (typeof detail === 'object' && detail !== null && ('en' in detail || 'zh' in detail)) {
    const { en, zh } = detail as Partial<Localized>;
    return { en: String(en ?? zh), zh: String(zh ?? en) };
  }
  return String(detail);
}

/** check.js is plain JavaScript: a bare string title is accepted rather than crashing the check. */
function localizedTitle(title: Localized | string): Localized {
  if (typeof title === 'string') return { en: title, zh: title };
  return { en: title?.en ?? title?.zh ?? '(untitled step)', zh: title?.zh ?? title?.en ?? '(未命名步骤)' };
}
