// Where the engine's program comes from: the workspace's files, or (a scratch engine: compare, the benchmark) an
// in-memory copy of them. Reads the program as one consistent graph and keeps modules compiled across reads.
import { statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CompileCache } from './load-graph.ts';
import { sourcesOf, type ProgramGraph, type ProgramSources } from './program-graph.ts';
import { readProgram, type ProgramRead } from './read-program.ts';

export class ProgramFiles {
  readonly workspace: string;
  /** The entry module's id (`service.js`, `service.ts`). */
  readonly entry: string;
  readonly #cache = new CompileCache();
  /** A scratch engine's files: what it was started with, then what it last applied. */
  #memory: Map<string, string> | null;

  constructor(workspace: string, entry: string, memory?: Record<string, string>) {
    this.workspace = workspace;
    this.entry = entry;
    this.#memory = memory ? new Map(Object.entries(memory)) : null;
  }

  /** True for a scratch engine: nothing is read from (or watched on) disk. */
  get inMemory(): boolean {
    return this.#memory !== null;
  }

  /** The program as it is now, with `overrides` (module id → source) in place of those files. */
  read(overrides?: ProgramSources): ProgramRead {
    const layered = this.#memory ? new Map([...this.#memory, ...(overrides ?? [])]) : overrides;
    return readProgram(this.#memory ? null : this.workspace, this.entry, this.#cache, layered);
  }

  /** A scratch engine applied `graph`: it is what the next read starts from. */
  applied(graph: ProgramGraph): void {
    if (this.#memory) this.#memory = sourcesOf(graph);
  }

  /** Was one of these modules written after `since` (wall-clock ms, by its mtime)? Always false for a scratch engine. */
  writtenSince(ids: Iterable<string>, since: number): boolean {
    if (this.#memory) return false;
    for (const id of ids) {
      try {
        if (statSync(join(this.workspace, id)).mtimeMs > since) return true;
      } catch {
        // Gone: the next read says so.
      }
    }
    return false;
  }

  /** The module id of a file of the workspace (`lib/greet.js`), or null for a file outside it. */
  idOf(file: string): string | null {
    const path = relative(this.workspace, file);
    if (path.startsWith('..') || path === '') return null;
    return path.split(sep).join('/');
  }
}

/** One string per program content, to tell "the same program again" (a duplicate save, a refused one). */
export function programSignature(sources: ProgramSources): string {
  return [...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, source]) => `${id}\u0000${source}`).join('\u0000\u0000');
}
