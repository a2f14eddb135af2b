// Runs compiled learner code the way the sandbox does (a strict classic script at a context's global
// scope), but in node:vm, which shares V8's line/column offset semantics with isolated-vm.
import vm from 'node:vm';
import type { ModuleShape } from '../../../src/engine/source/module-shape.ts';
import type { FunctionPatch } from '../../../src/engine/source/patch-plan.ts';

const STRICT_PREFIX = "'use strict';";

export function runModule(shape: ModuleShape): vm.Context {
  const context = vm.createContext({});
  new vm.Script(STRICT_PREFIX + shape.code, { filename: shape.file, columnOffset: -STRICT_PREFIX.length }).runInContext(context);
  return context;
}

export function runPatch(context: vm.Context, patch: FunctionPatch): void {
  new vm.Script(patch.code, {
    filename: patch.location.file,
    lineOffset: patch.location.line - 1,
    columnOffset: patch.location.column - 1 - patch.columnOffset,
  }).runInContext(context);
}

/** `file:line:column` of the learner frame of what `expression` throws. */
export function throwSite(context: vm.Context, expression: string, file: string): string {
  try {
    vm.runInContext(expression, context);
  } catch (error) {
    const stack = String((error as Error).stack);
    const match = new RegExp(`${file.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
    if (match) return `${file}:${match[1]}:${match[2]}`;
    throw new Error(`no frame in ${file}: ${stack}`);
  }
  throw new Error(`${expression} did not throw`);
}
