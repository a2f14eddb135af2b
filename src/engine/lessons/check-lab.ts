// Builds the `lab` object a lesson's check.js receives, around a running scratch engine.
import type { Engine } from '../engine.ts';
import { HotlabError } from '../errors.ts';
import type { ServiceResponse, UpdateRecord } from '../types.ts';
import type { CheckLab, CheckResponse, CheckStep, SaveHow } from './check-types.ts';
import type { Localized } from './language.ts';
import { saveAs } from './save-file.ts';
import { serviceRequest } from './service-request.ts';
import { waitForRecord } from '../wait-for-record.ts';

/** How long a save that should change something may take to become a record (binary-replace builds). */
export const SAVE_TIMEOUT_MS = 10_000;
/**
 * How long to wait before concluding that a save made no new version. The watcher reports a save within a few
 * ms (design §6); this leaves room for a loaded machine, and is only paid by saves that change nothing.
 */
const QUIET_MS = 600;
const MAX_WAIT_MS = 5_000;

export interface CheckLabParts {
  engine: Engine;
  /** The scratch service file the engine watches. */
  file: string;
  source: string;
  starter: string;
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
  const { engine, file } = parts;
  const steps: CheckStep[] = [];
  let closed = false;
  // The engine ignores a save equal to the last rejected one, as it ignores one equal to the running version.
  let lastRejectedSave: string | null = null;

  const lab: CheckLab = {
    update: parts.update,
    before: parts.before,
    source: parts.source,
    starter: parts.starter,
    unchanged: parts.unchanged,
    request: async (path, init) => checkResponse(await engine.request(serviceRequest(path, init), 'check')),
    evaluate: (expression) => engine.evaluate(expression),
    setValue: (name, valueExpression) => engine.setValue(name, valueExpression),
    applySource: (source) => engine.applySource(source, 'reload'),
    rollback: () => engine.rollback(),
    snapshot: () => engine.getSnapshot(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, MAX_WAIT_MS)))),
    async save(source: string, options?: { how?: SaveHow }) {
      const how = options?.how ?? 'in-place';
      const expectNothing = source === engine.runningSource || source === lastRejectedSave;
      const next = waitForRecord(engine, expectNothing ? QUIET_MS : SAVE_TIMEOUT_MS);
      await saveAs(file, source, how);
      const record = await next;
      if (!record && !expectNothing) throw new HotlabError(`the scratch service saw no update within ${SAVE_TIMEOUT_MS / 1000} s of a ${how} save`);
      if (record) lastRejectedSave = record.outcome === 'rejected' ? source : null;
      return record;
    },
    expect(condition, title, detail) {
      const ok = Boolean(condition);
      if (!closed) steps.push({ title: localizedTitle(title), ok, ...(detail !== undefined ? { detail: String(detail) } : {}) });
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

/** check.js is plain JavaScript: a bare string title is accepted rather than crashing the check. */
function localizedTitle(title: Localized | string): Localized {
  if (typeof title === 'string') return { en: title, zh: title };
  return { en: title?.en ?? title?.zh ?? '(untitled step)', zh: title?.zh ?? title?.en ?? '(未命名步骤)' };
}
