// The engine's observable state: bounded histories, a cached read-only snapshot, and listeners notified
// at most ~30 times a second for traffic (a busy service must not make every frame re-render) and at
// once for anything a person did or an update changed.
import type { EngineSnapshot, FeedEntry, LogEntry, UpdateRecord } from './types.ts';

const FEED_LIMIT = 200;
const LOG_LIMIT = 200;
const UPDATE_LIMIT = 500;
const TRAFFIC_NOTIFY_MS = 100;
/** After an update, how long listeners still wait (see release). */
const RELEASE_DELAY_MS = 15;

type Base = Omit<EngineSnapshot, 'feed' | 'updates' | 'logs'>;

export class EngineStore {
  #base: Base;
  #feed: FeedEntry[] = [];
  #logs: LogEntry[] = [];
  #updates: UpdateRecord[] = [];
  #snapshot: EngineSnapshot | null = null;
  #listeners = new Set<() => void>();
  #pending: NodeJS.Timeout | null = null;
  /** Set while an update is being timed: listeners hear nothing until it is over (see hold). */
  #held: NodeJS.Timeout | null = null;
  /** The hold is over and its one redraw waits RELEASE_DELAY_MS (see release). */
  #releasing = false;

  constructor(base: Base) {
    this.#base = base;
  }

  get updates(): readonly UpdateRecord[] {
    return this.#updates;
  }

  get base(): Readonly<Base> {
    return this.#base;
  }

  getSnapshot = (): EngineSnapshot => {
    this.#snapshot ??= { ...this.#base, feed: this.#feed.slice(-FEED_LIMIT), updates: this.#updates.slice(), logs: this.#logs.slice(-LOG_LIMIT) };
    return this.#snapshot;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  set(patch: Partial<Base>): void {
    this.#base = { ...this.#base, ...patch };
    this.#changed(true);
  }

  /** A new program: its own feed, logs and updates; `patch` sets what it starts from. */
  resetProgram(patch: Partial<Base>): void {
    this.#base = { ...this.#base, ...patch };
    this.#feed = [];
    this.#logs = [];
    this.#updates = [];
    this.#changed(true);
  }

  addFeed(entry: FeedEntry): void {
    this.#feed.push(entry);
    if (this.#feed.length > FEED_LIMIT * 2) this.#feed = this.#feed.slice(-FEED_LIMIT);
    this.#base.served++;
    if (entry.failed) this.#base.failed++;
    this.#changed(false);
  }

  /** Logs stay in time order: an engine message stamped with an earlier event may arrive after newer lines. */
  addLog(entry: LogEntry): void {
    let at = this.#logs.length;
    while (at > 0 && this.#logs[at - 1]!.at > entry.at) at--;
    this.#logs.splice(at, 0, entry);
    if (this.#logs.length > LOG_LIMIT * 2) this.#logs = this.#logs.slice(-LOG_LIMIT);
    this.#changed(false);
  }

  addUpdate(record: UpdateRecord): void {
    this.#updates.push(record);
    if (this.#updates.length > UPDATE_LIMIT) this.#updates = this.#updates.slice(-UPDATE_LIMIT);
    this.#changed(true);
  }

  /**
   * Hold every notification while an update is being timed, and notify once after: a screen redrawn between two
   * steps of an update (the lab renders in the engine's process) would be timed as part of the update. Released
   * by `release()`, or after `maxMs` at the latest, so a slow restart's downtime still shows as it happens.
   */
  hold(maxMs: number): void {
    // The last update's redraw is still waiting (release): it happens now, so back-to-back updates each show.
    if (this.#releasing) this.#resume();
    if (this.#held) clearTimeout(this.#held);
    this.#held = setTimeout(() => this.#resume(), maxMs);
    this.#held.unref();
  }

  /**
   * The update is over: notify a moment later, not at once. The new version's first answers to the outside (an
   * HTTP client polling for it) are on their way through this process, and a redraw now would hold them up for
   * as long as it takes; 15 ms later it delays nothing anyone is timing, and no person can tell the difference.
   */
  release(): void {
    if (!this.#held || this.#releasing) return;
    clearTimeout(this.#held);
    this.#releasing = true;
    this.#held = setTimeout(() => this.#resume(), RELEASE_DELAY_MS);
    this.#held.unref();
  }

  #resume(): void {
    if (this.#held) clearTimeout(this.#held);
    this.#held = null;
    this.#releasing = false;
    if (this.#snapshot === null) this.#changed(true);
  }

  close(): void {
    if (this.#held) clearTimeout(this.#held);
    this.#held = null;
    this.#releasing = false;
    if (this.#pending) clearTimeout(this.#pending);
    this.#pending = null;
    this.#listeners.clear();
  }

  #changed(urgent: boolean): void {
    this.#snapshot = null;
    if (this.#held) return;
    if (urgent) {
      if (this.#pending) clearTimeout(this.#pending);
      this.#pending = null;
      this.#notify();
    } else if (!this.#pending) {
      this.#pending = setTimeout(() => {
        this.#pending = null;
        // Armed before a hold began: the hold's end notifies instead.
        if (!this.#held) this.#notify();
      }, TRAFFIC_NOTIFY_MS);
      this.#pending.unref();
    }
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
