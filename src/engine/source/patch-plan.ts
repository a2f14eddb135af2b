// What reflection-patch decided to do with one edit: nothing, a set of function patches, or a refusal.
import type { SourceLocation } from '../types.ts';

/**
 * One script to run in the live context. It carries its own `'use strict';` (learner code is module
 * code, so strict), then either reassigns the existing binding or declares a new function.
 *
 * Compile it so that V8 reports the learner's positions:
 * `compileScript(code, {filename: location.file, lineOffset: location.line - 1, columnOffset: location.column - 1 - columnOffset})`.
 * V8 applies columnOffset to the first line only, which is the only line the prefix is on.
 */
export interface FunctionPatch {
  name: string;
  /** `replace` reassigns an existing function binding in place; `add` declares a new global function. */
  action: 'replace' | 'add';
  /** `'use strict'; handle = function handle(req) {…};` or `'use strict'; function helper() {…}`. */
  code: string;
  /** Where the function starts in the new file (1-based line and column). */
  location: SourceLocation;
  /** Characters `code` puts before the function text on its first line (may make V8's column offset negative; V8 accepts that). */
  columnOffset: number;
}

/**
 * The outcome of comparing the running module with the saved one. All or nothing: `patch` lists every
 * change and applies completely, `refused` applies none.
 */
export type PatchPlan =
  | { kind: 'unchanged' }
  | {
      kind: 'patch';
      /** Names of functions replaced in place, in the new file's order. */
      replaced: string[];
      /** Names of new functions, in the new file's order. */
      added: string[];
      /** Additions first (so replaced code can call them at once), then replacements. */
      patches: FunctionPatch[];
    }
  | { kind: 'refused'; reason: string; location?: SourceLocation };

export type PatchRefusal = Extract<PatchPlan, { kind: 'refused' }>;
