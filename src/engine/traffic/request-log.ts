// The last minute of served requests, and the questions an update asks of it: how long was nothing served,
// how many requests failed, when did the new version first answer.

/** One served request, as the downtime and first-response measurements need it. */
export interface ServedRequest {
  /** When the response was served, wall-clock ms since the epoch. */
  at: number;
  ok: boolean;
  /** The version that answered; null when none could (503). */
  version: number | null;
}

/** 60 s at 2,000 req/s is 120,000; the next power of two leaves room. About 2.2 MB in typed arrays. */
export const DEFAULT_REQUEST_LOG_CAPACITY = 131_072;

/**
 * A bounded ring of served requests, oldest overwritten first, kept in time order. Stored in typed arrays so a
 * busy service costs a fixed 17 bytes a request and no garbage.
 */
export class RequestLog {
  readonly capacity: number;
  readonly #at: Float64Array;
  readonly #ok: Uint8Array;
  /** NaN stands for null. */
  readonly #version: Float64Array;
  /** Index of the oldest record. */
  #start = 0;
  #size = 0;

  constructor(capacity: number = DEFAULT_REQUEST_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RequestLog capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#at = new Float64Array(capacity);
    this.#ok = new Uint8Array(capacity);
    this.#version = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** When the oldest record still held was served; a window starting earlier is only partly known. */
  get oldestAt(): number | undefined {
    return this.#size === 0 ? undefined : this.#atIndex(0);
  }

  /**
   * Appends a record. Records come in the order responses were served; one stamped earlier than the last
   * (two responses finishing within the same instant on different paths) is moved up to the last one's time,
   * which keeps the ring sorted for the binary search below.
   */
  push(request: ServedRequest): void {
    const last = this.#size === 0 ? -Infinity : this.#atIndex(this.#size - 1);
    const slot = (this.#start + this.#size) % this.capacity;
    this.#at[slot] = Math.max(request.at, last);
    this.#ok[slot] = request.ok ? 1 : 0;
    this.#version[slot] = request.version ?? Number.NaN;
    if (this.#size < this.capacity) this.#size++;
    else this.#start = (this.#start + 1) % this.capacity;
  }

  /**
   * Visits the records served in [from, to], oldest first, until `visit` returns false. Finds the start by
   * binary search, so the cost is the size of the window, not of the ring.
   */
  scan(from: number, to: number, visit: (at: number, ok: boolean, version: number | null) => boolean | void): void {
    for (let index = this.#firstAtOrAfter(from); index < this.#size; index++) {
      const slot = (this.#start + index) % this.capacity;
      const at = this.#at[slot] ?? Number.NaN;
      if (at > to) return;
      const version = this.#version[slot] ?? Number.NaN;
      if (visit(at, this.#ok[slot] === 1, Number.isNaN(version) ? null : version) === false) return;
    }
  }

  /** The held records, oldest first, as plain objects (for tests and debugging, not for the hot path). */
  toArray(): ServedRequest[] {
    const records: ServedRequest[] = [];
    this.scan(-Infinity, Infinity, (at, ok, version) => {
      records.push({ at, ok, version });
    });
    return records;
  }

  #atIndex(index: number): number {
    return this.#at[(this.#start + index) % this.capacity] ?? Number.NaN;
  }

  /** Logical index of the first record with `at >= time`; `size` when there is none. */
  #firstAtOrAfter(time: number): number {
    let low = 0;
    let high = this.#size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#atIndex(middle) < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * The longest stretch inside [from, to] with no successful response, ms: between consecutive successes, from
 * `from` to the first, and from the last to `to`. The whole window when nothing succeeded; 0 for an empty window.
 */
export function downtimeBetween(log: RequestLog, from: number, to: number): number {
  if (!(to > from)) return 0;
  let longest = 0;
  let previous = from;
  log.scan(from, to, (at, ok) => {
    if (!ok) return;
    longest = Math.max(longest, at - previous);
    previous = at;
  });
  return Math.max(longest, to - previous);
}

/** How many requests served in [from, to] failed. */
export function failuresBetween(log: RequestLog, from: number, to: number): number {
  let failures = 0;
  log.scan(from, to, (_at, ok) => {
    if (!ok) failures++;
  });
  return failures;
}

/** The first successful response from `version` served at or after `at`, if any yet. */
export function firstSuccessAfter(log: RequestLog, version: number, at: number): ServedRequest | undefined {
  let found: ServedRequest | undefined;
  log.scan(at, Infinity, (servedAt, ok, servedVersion) => {
    if (!ok || servedVersion !== version) return true;
    found = { at: servedAt, ok, version: servedVersion };
    return false;
  });
  return found;
}
