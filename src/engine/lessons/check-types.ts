// What a lesson's check.js receives (`CheckLab`) and what a check produces (`CheckResult`). check.js files are
// plain JavaScript; they reference these types in a JSDoc `@param` only.
import type { EngineSnapshot, EvalResult, ServiceResponse, UpdateRecord } from '../types.ts';
import type { Localized } from './language.ts';
import type { RequestInit } from './service-request.ts';

/** A response as a check sees it. */
export type CheckResponse = Pick<ServiceResponse, 'status' | 'headers' | 'body' | 'version' | 'failed' | 'error'>;

/** How `lab.save` writes the file, as editors do. */
export type SaveHow =
  /** open with truncate, then write: VS Code, most IDEs, `echo >` */
  | 'in-place'
  /** write a temp file next to it, then rename it over: vim's default, JetBrains' "safe write", many tools */
  | 'rename';

/**
 * The scratch service a check runs against: booted from the lesson's starter under the lesson's strategy, with
 * traffic flowing, then updated with the learner's file by saving it (exactly as the learner's editor would).
 */
export interface CheckLab {
  /** The record of applying the learner's file: applied or rejected, timings, state kept, failed requests. */
  readonly update: UpdateRecord;
  /** The response to the lesson's first request, made just before the update (the starter answering). */
  readonly before: CheckResponse;
  /** The learner's `service.js`. */
  readonly source: string;
  /** The lesson's `starter/service.js`. */
  readonly starter: string;
  /**
   * True when the learner's file is the starter, unchanged. hotlab does not make a new version of a save that
   * changes nothing, so the check applied it as a reload instead (`update.trigger` is then 'reload').
   */
  readonly unchanged: boolean;
  /** A live request to the service. `path` may carry a query: `/hello?name=go`. */
  request(path: string, init?: RequestInit): Promise<CheckResponse>;
  /** Evaluate a JavaScript expression in the live version, as the REPL does. */
  evaluate(expression: string): Promise<EvalResult>;
  /** Set a live top-level binding by name, as the REPL's `:set` does (Go's FieldByName(…).Set). */
  setValue(name: string, valueExpression: string): Promise<EvalResult>;
  /** Apply another version directly (no file write), for lessons about bad updates or rollback. */
  applySource(source: string): Promise<UpdateRecord | null>;
  /**
   * Save `source` to the scratch service's file as an editor would and wait for what the watcher makes of it:
   * the update record, or null when no new version came (its content equals the running version's).
   * @default how 'in-place'
   */
  save(source: string, options?: { how?: SaveHow }): Promise<UpdateRecord | null>;
  /** Go back to the previous good version; null when there is none. */
  rollback(): Promise<UpdateRecord | null>;
  /** The engine's picture now: version, retained versions, feed, every update so far. */
  snapshot(): EngineSnapshot;
  /** Let traffic flow for `ms` (at most 5 s). */
  wait(ms: number): Promise<void>;
  /** Record one step of the checklist; returns `condition` so a check can stop early when a step fails. */
  expect(condition: unknown, title: Localized, detail?: string): boolean;
}

/** One line of the checklist. */
export interface CheckStep {
  title: Localized;
  ok: boolean;
  /** What was seen, for a failed step mostly (English; values and code). */
  detail?: string;
}

/** The outcome of checking one lesson. */
export interface CheckResult {
  lesson: string;
  /** Every step passed (and there was at least one). */
  passed: boolean;
  steps: CheckStep[];
  /** Why the check could not run at all (the starter did not boot, check.js failed to load, …). */
  error?: string;
  /** The record of applying the learner's file, when it got that far. */
  update?: UpdateRecord;
}
