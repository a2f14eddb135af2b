// The learner's program as a graph of modules: what the entry reaches through static relative imports.
import type { ModuleShape } from '../source/module-shape.ts';

/** A name one module reads from another, resolved: `import { greet as hi } from './greet.js'` in routes.js. */
export interface LinkedImport {
  /** The binding in the importing module (`hi`). */
  local: string;
  /** The module it comes from, by id (`greet.js`). */
  from: string;
  /** The exported name read there (`greet`); `*` for a namespace import. */
  imported: string;
}

/** A name a module exports on behalf of another (`export { greet } from './greet.js'`, `export *`), resolved. */
export interface LinkedForward {
  exported: string;
  from: string;
  /** `*`: the other module's namespace (`export * as ns from`). */
  imported: string;
}

/** One module of the graph. */
export interface GraphModule {
  /** Its path in the workspace, `/`-separated: `service.js`, `lib/greet.ts`. Also its name in every location. */
  id: string;
  shape: ModuleShape;
  /** The modules it imports from, by id, in the order of its import statements (each once). */
  dependencies: string[];
  /** The module each of `shape.requests` resolved to, by index. */
  requestTargets: string[];
  imports: LinkedImport[];
  forwards: LinkedForward[];
  /** Every name the module exports: its own and the forwarded ones. */
  exportNames: string[];
}

/** A program: the entry and every module it reaches. */
export interface ProgramGraph {
  entry: string;
  modules: ReadonlyMap<string, GraphModule>;
  /** Evaluation order: every module after the modules it imports; the entry last. */
  order: readonly string[];
}

/** Modules that import `id` directly. */
export function importersOf(graph: ProgramGraph, id: string): string[] {
  return graph.order.filter((other) => graph.modules.get(other)?.dependencies.includes(id));
}

/** The sources of a program, by module id: what a save changed, what a rollback restores. */
export type ProgramSources = ReadonlyMap<string, string>;

export function sourcesOf(graph: ProgramGraph): Map<string, string> {
  return new Map(graph.order.map((id) => [id, graph.modules.get(id)!.shape.source]));
}
