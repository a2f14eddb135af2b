// What the engine knows about one version of the learner's module, read from its source alone.
import type { SourceLocation } from '../types.ts';

/** Fields every top-level item has. */
interface ItemBase {
  /** The item's JavaScript (types stripped from a `.ts` module), without `export` / `export default`. */
  text: string;
  /** The item as the learner wrote it (with its types), for messages. Same offsets as `text`. */
  shown: string;
  /** Where `text` starts in the learner's file (1-based, as editors show it). */
  location: SourceLocation;
  /**
   * Offsets of the item in the source (0-based UTF-16 code units, end exclusive). They cover `text`,
   * except for `export default <expression>`, whose `text` is the `var __default = …` it runs as.
   */
  start: number;
  end: number;
  /**
   * The item's tokens joined, ignoring comments, whitespace, quote style and whether a `;` was written or
   * left to ASI, so reformatting or editing a comment is not a change.
   */
  fingerprint: string;
}

/** A top-level `function` declaration, exported or not: what reflection-patch can replace. */
export interface FunctionItem extends ItemBase {
  kind: 'function';
  name: string;
  async: boolean;
  generator: boolean;
}

/** A top-level `let`/`const`/`var` or `class` declaration: module state and shape. */
export interface BindingItem extends ItemBase {
  kind: 'binding';
  /** Every name the declaration binds (destructuring included), in source order. */
  names: string[];
  declaration: 'let' | 'const' | 'var' | 'class';
}

/** Any other top-level statement (`routes.set(…)`, `if`, `for`, …): it runs once, at initialisation. */
export interface StatementItem extends ItemBase {
  kind: 'statement';
}

export type TopLevelItem = FunctionItem | BindingItem | StatementItem;

/** One name an import binds in this module: `import { a as b }` → `{local: 'b', imported: 'a'}`. */
export interface ImportedName {
  local: string;
  /** The exported name read from the other module; `default` for a default import, `*` for a namespace. */
  imported: string;
}

/** One name a module re-exports from another: `export { a as b } from` → `{exported: 'b', imported: 'a'}`. */
export interface ReExportedName {
  /** `*` with `imported: '*'` is `export * from` (every name but `default`). */
  exported: string;
  imported: string;
}

/** One static `import … from` or `export … from` statement: an edge of the module graph. */
export interface ModuleRequest {
  /** As written: `./greet.js`. */
  specifier: string;
  /** Where the specifier's string literal is, for "cannot find" messages. */
  location: SourceLocation;
  imports: ImportedName[];
  reExports: ReExportedName[];
}

/** One version of the learner's module, ready to run as a classic strict script. */
export interface ModuleShape {
  /** The module's name in the workspace (`service.js`, `lib/greet.ts`); used in every location. */
  file: string;
  /** The learner's source, untouched (TypeScript for a `.ts` module). */
  source: string;
  /**
   * The source with module syntax blanked out, every line and column where it was, so V8's error positions
   * are the learner's. It is not strict by itself: the runtime prefixes `'use strict';` on line 1 and
   * shifts line 1's columns back by its length (see sandbox/isolate-runtime.ts).
   */
  code: string;
  /**
   * Exported name → top-level binding name (`default` → `__default` for `export default <expression>`).
   * `let`/`const`/`class` bindings are not properties of globalThis: read them by evaluating the name.
   */
  exports: Record<string, string>;
  /** Top-level items in source order; empty statements (stray `;`), imports and `export { … }` lists are left out. */
  topLevel: TopLevelItem[];
  /** Static imports and re-exports, in source order. */
  requests: ModuleRequest[];
  /** The module reads `hot.data` back (not only writes it): what a file-watch hand-over needs to keep state. */
  readsHotData: boolean;
}

/** The binding `export default <expression>` becomes: `export default 42` runs as `var __default= 42`. */
export const DEFAULT_EXPORT_BINDING = '__default';
