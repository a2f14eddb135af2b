// Which modules a load gives a new instance, and why (design §8): the plan's changed modules, and for a
// file-watch re-run their importers too, up to the entry or a module that accepts its own updates.
import type { LoadableProgram, LoadPlan, ModuleChange } from './protocol.ts';

/**
 * Module id → why it is loaded again. `accepted(id)`: did the running instance of `id` call `hot.accept()`?
 * As in Vite, a module that accepts its own updates is re-run itself, and its importers are not: they read its
 * new exports through their live imports.
 */
export function loadTargets(program: LoadableProgram, plan: LoadPlan, accepted: (id: string) => boolean): Map<string, ModuleChange['cause']> {
  const targets = new Map<string, ModuleChange['cause']>();
  const ids = new Set(program.modules.map((module) => module.file));
  if (plan.kind === 'fresh') {
    for (const id of ids) targets.set(id, 'program');
    return targets;
  }
  for (const id of plan.changed) if (ids.has(id)) targets.set(id, 'changed');
  if (plan.kind === 'swap') return targets;

  const importers = new Map<string, string[]>();
  for (const module of program.modules) {
    for (const from of new Set([...module.imports, ...module.forwards].map((link) => link.from))) {
      importers.set(from, [...(importers.get(from) ?? []), module.file]);
    }
  }
  const queue = [...targets.keys()];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (accepted(id)) continue;
    for (const importer of importers.get(id) ?? []) {
      if (targets.has(importer)) continue;
      targets.set(importer, 'importer');
      queue.push(importer);
    }
  }
  return targets;
}
