// What a lesson's check.js receives (`CheckLab`) and what a check produces (`CheckResult`). check.js files are
// plain JavaScript; they reference these types in a JSDoc `@param` only.
import type { EngineSnapshot, EvalResult, ServiceResponse, UpdateRecord } from '../types.ts';
import type { Localized, MaybeLocalized } from './language.ts';
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
 * Besides the service itself it offers judging helpers, so every check reads answers the same fair way.
 */
export interface CheckLab {
  /** The record of applying the learner's file: applied or rejected, timings, state kept, failed requests. */
  readonly update: UpdateRecord;
  /** The response to the lesson's first request, made just before the update (the starter answering). */
  readonly before: CheckResponse;
  /** The learner's entry module (`service.js`, or the lesson's `entry`). */
  readonly source: string;
  /** The lesson's starter entry (`starter/service.js`). */
  readonly starter: string;
  /** Every file of the learner's program, path → text (`service.js`, `greet.js`); the entry is `source`. */
  readonly files: Readonly<Record<string, string>>;
  /** Every file of the lesson's starter, path → text. */
  readonly starterFiles: Readonly<Record<string, string>>;
  /** The program's entry module: `service.js` unless the lesson names another (`service.ts`). */
  readonly entry: string;
  /**
   * True when the learner's files are the starter's, unchanged. hotlab does not make a new version of a save that
   * changes nothing, so the check applied it as a reload instead (`update.trigger` is then 'reload').
   */
  readonly unchanged: boolean;

  // ── the service ──────────────────────────────────────────────────────────────────────────────────────

  /** A live request to the service. `path` may carry a query: `/hello?name=go`. */
  request(path: string, init?: RequestInit): Promise<CheckResponse>;
  /**
   * Evaluate a JavaScript expression in the live version, as the REPL does: in the entry's scope, or in
   * `module`'s (`greet.js`).
   */
  evaluate(expression: string, options?: { module?: string }): Promise<EvalResult>;
  /**
   * Set a live top-level binding by name, as the REPL's `:set` does (Go's FieldByName(…).Set): the entry's, or
   * `module`'s.
   */
  setValue(name: string, valueExpression: string, options?: { module?: string }): Promise<EvalResult>;
  /**
   * Apply another version directly (no file write), for lessons about bad updates or rollback: `source` in place
   * of the entry, or of `file` (the other modules as they run).
   */
  applySource(source: string, options?: { file?: string }): Promise<UpdateRecord | null>;
  /**
   * Save `source` to one file of the scratch service as an editor would (the entry, or `file`: `greet.js`) and
   * wait for what the watcher makes of it: the update record, or null when no new version came (its content
   * equals the running module's or the last rejected save's, or the running program does not import `file`).
   * A save that should make a version waits for its record (up to 10 s); one that should not waits until the
   * watcher has had the file system's event and its own read (~0.1 s).
   * @default how 'in-place'
   */
  save(source: string, options?: { file?: string; how?: SaveHow }): Promise<UpdateRecord | null>;
  /** Go back to the previous good version; null when there is none. */
  rollback(): Promise<UpdateRecord | null>;
  /**
   * Hand `snapshot` to the learner's `migrate(prev)` through real updates (plugin-swap, graceful
   * binary-replace): a stand-in old version whose `snapshot()` returns it is applied, then the learner's file
   * over it. `update` is rejected when migrate threw; the stand-in then keeps serving (it answers `stand-in`).
   */
  handOver(snapshot: unknown): Promise<{ standIn: UpdateRecord | null; update: UpdateRecord | null }>;
  /** The engine's picture now: version, retained versions, feed, every update so far. */
  snapshot(): EngineSnapshot;
  /** Let traffic flow for `ms` (at most 5 s). */
  wait(ms: number): Promise<void>;
  /**
   * Hold the traffic while `action` runs (the requests already sent are answered first), so counts move only
   * by the check's own requests and the one request hotlab sends right after each swap.
   */
  quietly<T>(action: () => Promise<T>): Promise<T>;
  /** How many requests the service has answered so far: the traffic's, the check's and hotlab's own. */
  served(): number;

  // ── judging answers ──────────────────────────────────────────────────────────────────────────────────

  /** The body as text, trimmed: a trailing newline or an indent never decides a check. */
  text(response: CheckResponse | string): string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(response: CheckResponse | string): unknown;
  /** Every number written in the text, in order: `hi from v2: 17` → [2, 17]. */
  numbers(text: CheckResponse | string): number[];
  /**
   * Find the counter in what `path` answers (default: the lesson's first request): three requests in a row,
   * quietly, and the counter is the number that goes up from each answer to the next — not simply the first
   * number (in `hi from v2: 17` it is the 17).
   */
  counter(path?: string, init?: RequestInit): Promise<CounterReading>;
  /**
   * Read the counter, run `action` (an update, a :set), read it again — all quietly — and say whether the count
   * went on, and whether exactly: every request answered in between counted, none lost, none added.
   */
  countAcross<T>(action: () => Promise<T>, path?: string, init?: RequestInit): Promise<CountAcross<T>>;

  /**
   * Record one step of the checklist; returns `condition` so a check can stop early when a step fails. `detail`
   * says what was seen: `{en, zh}` when it has words, a plain string when it is values alone.
   */
  expect(condition: unknown, title: Localized, detail?: MaybeLocalized): boolean;
}

/** What `lab.counter` found. */
export interface CounterReading {
  /** One number went up from each answer to the next. */
  found: boolean;
  /** The counter in the last answer (NaN when none was found). */
  value: number;
  /** The counter in each answer, oldest first (empty when none was found). */
  values: number[];
  /** Which number of an answer it is (0: the first written), -1 when none was found. */
  index: number;
  /** The answers, as text. */
  bodies: string[];
  /** `lab.served()` right after each answer. */
  servedAt: number[];
  /** The answers in a row, for a step's detail: `"pong 4" → "pong 5" → "pong 6"`. */
  seen: string;
}

/** What `lab.countAcross` saw. */
export interface CountAcross<T> {
  /** What the action returned. */
  result: T;
  before: CounterReading;
  after: CounterReading;
  /** Requests the service answered after the last reading before, up to and including the first after. */
  answered: number;
  /** The first count after, had every one of those requests been counted: `before.value + answered`. */
  expected: number;
  /** The first count after (NaN when no counter was found after). */
  first: number;
  /** The count went on from where it was (`first > before.value`), exactly or not. */
  carriedOn: boolean;
  /** It went on exactly: `first === expected`. */
  exact: boolean;
  /** What was seen, for a step's detail (English). */
  seen: string;
  /** What was seen in both languages: the step's detail for a learner reading either. */
  said: Localized;
}

/** One line of the checklist. */
export interface CheckStep {
  title: Localized;
  ok: boolean;
  /** What was seen, for a failed step mostly: `{en, zh}`, or a plain string of values, code or an error's message. */
  detail?: MaybeLocalized;
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
