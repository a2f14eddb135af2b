// The applied versions a rollback can go back to (and compare finds the last code change in), oldest first.
//
// Only each version's sources are kept: what a rollback re-applies. The compiled version (its module shapes,
// items, fingerprints, the code the sandbox ran) is about ten times its source, and 50 of them held 140 MB of
// the host's heap for a 256 KB program (issue 11). Bounded by count and by the characters kept, so a large
// program keeps fewer versions; the newest two always stay, so a rollback and a compare still work. A module a
// save left alone is the same text as in the version before: it is held (and counted) once.
import type { ProgramSources } from './graph/program-graph.ts';

export interface AppliedVersion {
  version: number;
  sources: ProgramSources;
}

/** Versions kept at most. */
export const HISTORY_VERSIONS = 50;
/** Characters of source kept at most, over all versions kept (32 MB as UTF-16; far less for plain ASCII). */
export const HISTORY_CHARS = 16 * 1024 * 1024;
/** Kept whatever their size: the running version and the one before it. */
const ALWAYS_KEPT = 2;

interface Entry extends AppliedVersion {
  /** Characters of its sources that the entry before it does not hold. */
  own: number;
}

export class VersionHistory {
  readonly #maxVersions: number;
  readonly #maxChars: number;
  #entries: Entry[] = [];
  #chars = 0;

  constructor(limits: { versions?: number; chars?: number } = {}) {
    this.#maxVersions = limits.versions ?? HISTORY_VERSIONS;
    this.#maxChars = limits.chars ?? HISTORY_CHARS;
  }

  /** Oldest first. */
  get entries(): readonly AppliedVersion[] {
    return this.#entries;
  }

  get length(): number {
    return this.#entries.length;
  }

  /** Characters of source held now. */
  get chars(): number {
    return this.#chars;
  }

  add(version: number, sources: ProgramSources): void {
    const before = this.#entries.at(-1)?.sources;
    // Equal text is held once: the earlier string stands for it (a file read again is a new string).
    const kept = new Map<string, string>();
    let own = 0;
    for (const [id, source] of sources) {
      const earlier = before?.get(id);
      if (earlier === source) kept.set(id, earlier);
      else {
        kept.set(id, source);
        own += source.length;
      }
    }
    this.#entries.push({ version, sources: kept, own });
    this.#chars += own;
    while (this.#entries.length > ALWAYS_KEPT && (this.#entries.length > this.#maxVersions || this.#chars > this.#maxChars)) {
      this.#chars -= this.#entries.shift()!.own;
      // The new oldest now holds alone what it shared with the one dropped.
      const oldest = this.#entries[0]!;
      const all = charsOf(oldest.sources);
      this.#chars += all - oldest.own;
      oldest.own = all;
    }
  }

  clear(): void {
    this.#entries = [];
    this.#chars = 0;
  }
}

function charsOf(sources: ProgramSources): number {
  let chars = 0;
  for (const source of sources.values()) chars += source.length;
  return chars;
}
