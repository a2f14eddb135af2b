// Reflection-patch, planned: Go's reflect.Value.Set(reflect.MakeFunc(…)) replaces a function in a live
// program and nothing else. So: diff two versions, and either list the function patches or refuse them all.
import type { FunctionItem, ModuleShape, TopLevelItem } from './module-shape.ts';
import type { FunctionPatch, PatchPlan, PatchRefusal } from './patch-plan.ts';
import {
  exportsChanged,
  functionRemoved,
  kindChanged,
  stateAdded,
  stateChanged,
  stateRemoved,
  type StateItem,
} from './patch-refusals.ts';

/** Patches are module code, so strict; the directive shares the first line and is counted in columnOffset. */
const STRICT = "'use strict'; ";

/**
 * Compare the running version with the saved one. Only top-level function declarations may change or be
 * added; any other difference refuses the whole edit with a reason naming what changed and where.
 */
export function planReflectionPatch(running: ModuleShape, next: ModuleShape): PatchPlan {
  const refusal =
    findKindChange(running, next) ?? findStateChange(running, next) ?? findRemovedFunction(running, next) ?? findExportChange(running, next);
  if (refusal) return refusal;

  const before = new Map(functions(running).map((item) => [item.name, item]));
  const added: FunctionItem[] = [];
  const replaced: FunctionItem[] = [];
  for (const item of functions(next)) {
    const old = before.get(item.name);
    if (!old) added.push(item);
    else if (old.fingerprint !== item.fingerprint) replaced.push(item);
  }
  if (added.length === 0 && replaced.length === 0) return { kind: 'unchanged' };
  return {
    kind: 'patch',
    replaced: replaced.map((item) => item.name),
    added: added.map((item) => item.name),
    patches: [...added.map(addPatch), ...replaced.map(replacePatch)],
  };
}

function replacePatch(item: FunctionItem): FunctionPatch {
  // A declaration's text is also a valid function expression, and keeps the function's name.
  const prefix = `${STRICT}${item.name} = `;
  return { name: item.name, action: 'replace', code: `${prefix}${item.text};`, location: item.location, columnOffset: prefix.length };
}

function addPatch(item: FunctionItem): FunctionPatch {
  return { name: item.name, action: 'add', code: `${STRICT}${item.text}`, location: item.location, columnOffset: STRICT.length };
}

/** A name that is a function in one version and something else (or another kind of function) in the other. */
function findKindChange(running: ModuleShape, next: ModuleShape): PatchRefusal | undefined {
  const before = byName(running);
  for (const [name, after] of byName(next)) {
    const old = before.get(name);
    if (!old || (old.kind !== 'function' && after.kind !== 'function')) continue;
    if (kindKey(old) !== kindKey(after)) return kindChanged(name, old, after);
  }
  return undefined;
}

/** Bindings and statements must be identical and in the same order: they ran once and will not run again. */
function findStateChange(running: ModuleShape, next: ModuleShape): PatchRefusal | undefined {
  const was = stateItems(running);
  const now = stateItems(next);
  let i = 0;
  while (i < was.length && i < now.length && was[i]?.fingerprint === now[i]?.fingerprint) i++;
  const old = was[i];
  const fresh = now[i];
  if (!old && !fresh) return undefined;
  if (!old) return stateAdded(fresh as StateItem);
  if (!fresh) return stateRemoved(old);
  // One item inserted (or dropped) here, with the rest unchanged, reads better as an addition (removal).
  if (now.length > was.length && now[i + 1]?.fingerprint === old.fingerprint) return stateAdded(fresh);
  if (was.length > now.length && was[i + 1]?.fingerprint === fresh.fingerprint) return stateRemoved(old);
  return stateChanged(old, fresh);
}

function findRemovedFunction(running: ModuleShape, next: ModuleShape): PatchRefusal | undefined {
  const now = new Set(functions(next).map((item) => item.name));
  const gone = functions(running).find((item) => !now.has(item.name));
  return gone ? functionRemoved(gone) : undefined;
}

function findExportChange(running: ModuleShape, next: ModuleShape): PatchRefusal | undefined {
  for (const [name, target] of Object.entries(next.exports)) {
    const old = running.exports[name];
    const at = byName(next).get(target)?.location;
    if (old === undefined) return exportsChanged(`export \`${name}\` was added`, next.file, at);
    if (old !== target) return exportsChanged(`export \`${name}\` now refers to \`${target}\` instead of \`${old}\``, next.file, at);
  }
  const removed = Object.keys(running.exports).find((name) => !(name in next.exports));
  return removed === undefined ? undefined : exportsChanged(`export \`${removed}\` was removed`, next.file);
}

function functions(shape: ModuleShape): FunctionItem[] {
  return shape.topLevel.filter((item): item is FunctionItem => item.kind === 'function');
}

function stateItems(shape: ModuleShape): StateItem[] {
  return shape.topLevel.filter((item): item is StateItem => item.kind !== 'function');
}

/** Every top-level name → the item that declares it. */
function byName(shape: ModuleShape): Map<string, TopLevelItem> {
  const names = new Map<string, TopLevelItem>();
  for (const item of shape.topLevel) {
    if (item.kind === 'function') names.set(item.name, item);
    else if (item.kind === 'binding') for (const name of item.names) names.set(name, item);
  }
  return names;
}

function kindKey(item: TopLevelItem): string {
  if (item.kind === 'function') return `function:${item.async}:${item.generator}`;
  return item.kind === 'binding' ? item.declaration : 'statement';
}
