// Reads the program from the workspace as one consistent picture: every module as it was at one moment, even
// while an editor (or `git checkout`) is writing several of them. A save of c.js, then b.js, then a.js must never
// be served as the new a.js beside the old c.js.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError, HotlabError, SourceError } from '../errors.ts';
import { CompileCache, loadGraph } from './load-graph.ts';
import type { ProgramGraph } from './program-graph.ts';

/** Reads until two passes agree; a workspace that never holds still for this long is read as it is. */
const MAX_PASSES = 5;

/** What was read, as a value: the graph, or why it cannot be linked. Either way, the files read. */
export type ProgramRead =
  | { kind: 'read'; graph: ProgramGraph; sources: ReadonlyMap<string, string>; readMs: number }
  | { kind: 'refused'; error: SourceError; sources: ReadonlyMap<string, string>; readMs: number };

/**
 * Load the graph from `entry` (a module id) in `workspace`. `overrides` replaces files by id (a scratch program,
 * a rollback); `workspace` null reads nothing else. Throws HotlabError only when a file cannot be read at all.
 *
 * Every file is read twice: once while the graph loads, then all again right after. When both passes agree,
 * there was a moment between them when every file held what the graph was built from. When they differ, a save
 * landed in between, and the graph is loaded again.
 */
export function readProgram(workspace: string | null, entry: string, cache: CompileCache, overrides?: ReadonlyMap<string, string>): ProgramRead {
  let readMs = 0;
  const readModule = (id: string): string | null => {
    const override = overrides?.get(id);
    if (override !== undefined) return override;
    if (workspace === null) return null;
    const started = performance.now();
    try {
      return readFileSync(join(workspace, id), 'utf8');
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? error.code : '';
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
      throw new HotlabError(`cannot read ${id}: ${describeError(error)}`, { cause: error });
    } finally {
      readMs += performance.now() - started;
    }
  };
  for (let pass = 1; ; pass++) {
    const seen = new Map<string, string | null>();
    const steady = (): boolean => [...seen].every(([id, content]) => readModule(id) === content);
    let graph: ProgramGraph;
    try {
      graph = loadGraph(entry, { read: (id) => remember(seen, id, readModule(id)) }, cache);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      // A module caught mid-save (deleted and not yet created again, half written) is no reason to refuse.
      if (pass < MAX_PASSES && !steady()) continue;
      // An emptied module fails its importers' links first ("lib.js does not export greet"): the emptiness is the news.
      const empty = emptyModule(seen);
      return { kind: 'refused', error: empty ? emptyError(empty) : error, sources: present(seen), readMs };
    }
    // An empty module is most often a save caught between an editor's truncate and its write: say that, rather
    // than what an empty program lacks (no handle, a removed binding). The write that follows is read as usual.
    const empty = emptyModule(seen);
    if (empty && pass < MAX_PASSES && !steady()) continue;
    if (empty) return { kind: 'refused', error: emptyError(empty), sources: present(seen), readMs };
    if (pass >= MAX_PASSES || steady()) return { kind: 'read', graph, sources: present(seen), readMs };
  }
}

function emptyModule(seen: ReadonlyMap<string, string | null>): string | undefined {
  return [...seen].find(([, content]) => content !== null && content.trim() === '')?.[0];
}

function emptyError(id: string): SourceError {
  return new SourceError(`${id} is empty: nothing to run (if your editor is still saving, its next write is read as usual)`);
}

function present(seen: ReadonlyMap<string, string | null>): Map<string, string> {
  return new Map([...seen].filter((entry): entry is [string, string] => entry[1] !== null));
}

function remember(seen: Map<string, string | null>, id: string, content: string | null): string | null {
  seen.set(id, content);
  return content;
}
