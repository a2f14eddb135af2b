// How much of the isolate's one heap the versions in it hold, and whether the next version fits.
//
// Every version a sandbox holds shares one 64 MB heap: the one serving, the next one while it loads (old and new
// coexist for an instant), and every version plugin-swap keeps loaded. Running out there disposes the isolate and
// with it every version's state, so a version that would not fit must be refused (or, for file-watch, loaded
// after its predecessor is released) *before* anything is touched (issue 12, points 2 and 3). V8's "used" heap
// counts garbage not yet collected, so a tight decision is made on the heap after a full collection: the child
// runs with --expose-gc, and `collect` is that `gc`, taken from a context learner code never sees.
import type ivm from 'isolated-vm';

/** Room kept free beyond a version's own need: a slice of large responses (SLICE_RESPONSE_CHARS) and a margin. */
export const HEAP_HEADROOM_BYTES = 8 * 1024 * 1024;
/** With old versions retained, warn from this share of the heap on. */
const RETAINED_WARNING_SHARE = 0.5;
/** Warn from this share in any case. */
const WARNING_SHARE = 0.75;

export interface FitVerdict {
  fits: boolean;
  /** Live heap (after a collection when the verdict was close), bytes. */
  live: number;
  limit: number;
}

export interface RetainedInfo {
  count: number;
  bytes: number;
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;

export class HeapBudget {
  readonly #isolate: ivm.Isolate;
  readonly #collect: () => void;
  /** The learner's limit (64 MB): V8 allows a little more, but this is the figure the learner knows. */
  readonly limit: number;

  constructor(isolate: ivm.Isolate, limitBytes: number, collect: () => void) {
    this.#isolate = isolate;
    this.limit = limitBytes;
    this.#collect = collect;
  }

  /** Heap in use now, garbage included. */
  used(): number {
    if (this.#isolate.isDisposed) return 0;
    const h = this.#isolate.getHeapStatisticsSync();
    return h.used_heap_size + h.externally_allocated_size;
  }

  /** Heap held by live objects: a full collection first (tens of ms on a full heap, so only when it matters). */
  live(): number {
    this.#collect();
    return this.used();
  }

  /** Does something needing `need` bytes fit next to what is held now? Collects only when the quick answer is no. */
  fits(need: number): FitVerdict {
    const limit = this.limit;
    let live = this.used();
    if (live + need + HEAP_HEADROOM_BYTES > limit) live = this.live();
    return { fits: live + need + HEAP_HEADROOM_BYTES <= limit, live, limit };
  }

  /**
   * What to tell the learner about the heap, or null while there is room. `live` must be measured after a
   * collection; `last` is what the last version loaded needed and keeps, the measure of one more save.
   */
  warning(live: number, retained: RetainedInfo, last: { heapNeed: number; heapKeep: number } | null): string | null {
    const limit = this.limit;
    const share = live / limit;
    const head = `the sandbox heap is ${mb(live)} of ${mb(limit)} (${Math.round(share * 100)}%)`;
    if (retained.count > 0 && share >= RETAINED_WARNING_SHARE) {
      // Save k + 1 fits while live + k × keep + need + headroom ≤ limit.
      const room = limit - HEAP_HEADROOM_BYTES - live - (last?.heapNeed ?? 0);
      const more = !last ? null : room < 0 ? 0 : last.heapKeep > 0 ? Math.floor(room / last.heapKeep) + 1 : null;
      const left = more === null ? '' : more === 0 ? '; the next save will not fit' : `; about ${more} more save${more === 1 ? '' : 's'} like the last fit`;
      return `${head}: plugin-swap keeps ${retained.count} old version${retained.count === 1 ? '' : 's'} loaded (${mb(retained.bytes)}), as Go's plugin package does${left}. Unload the old versions to free their memory.`;
    }
    if (share >= WARNING_SHARE) return `${head}: the service holds most of its memory; a save that needs more than what is left is refused.`;
    return null;
  }

  /** The refusal for a version that would not fit. */
  static wouldNotFit(version: number, need: number, verdict: FitVerdict, retained: RetainedInfo): string {
    const free = Math.max(0, verdict.limit - verdict.live);
    const base = `the new version would not fit in the sandbox's ${mb(verdict.limit)} heap: it needs about ${mb(need)} (plus ${mb(HEAP_HEADROOM_BYTES)} kept for serving) and ${mb(free)} is free`;
    if (retained.count > 0) {
      return `${base}, because plugin-swap keeps ${retained.count} old version${retained.count === 1 ? '' : 's'} loaded (${mb(retained.bytes)}), as Go's plugin package does. Unload the old versions to make room`;
    }
    return `${base} next to the version serving now`;
  }
}
