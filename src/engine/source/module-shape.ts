// What the engine knows about one version of the learner's module, read from its source alone.
import type { SourceLocation } from '../types.ts';

/** Fields every top-level item has. */
interface ItemBase {
  /** The item's source text, without `export` / `export default`. */
  text: string;
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

/** One version of the learner's module, ready to run as a classic strict script. */
export interface ModuleShape {
  /** The file as given to compileModule; used in every location. */
  file: string;
  /** The learner's source, untouched. */
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
  /** Top-level items in source order; empty statements (stray `;`) and `export { … }` lists are left out. */
  topLevel: TopLevelItem[];
}

/** The binding `export default <expression>` becomes: `export default 42` runs as `var __default= 42`. */
export const DEFAULT_EXPORT_BINDING = '__default';
