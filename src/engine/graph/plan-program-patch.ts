// Reflection-patch on a program: every changed module is diffed on its own (only its top-level functions may
// change), and the patches of all of them apply together or not at all. Go's reflect works on the program as
// it is loaded, so a module cannot be added, removed or re-linked this way.
import { planReflectionPatch } from '../source/plan-reflection-patch.ts';
import type { PatchInstruction } from '../sandbox/protocol.ts';
import type { SourceLocation } from '../types.ts';
import type { GraphModule, ProgramGraph } from './program-graph.ts';

const INSTEAD = 'Use file-watch, plugin-swap or binary-replace';

export type ProgramPatchPlan =
  | { kind: 'unchanged' }
  | { kind: 'patch'; patches: PatchInstruction[]; replaced: string[]; added: string[] }
  | { kind: 'refused'; reason: string; location?: SourceLocation };

/** `changed`: the modules whose source differs (or that only `next` has). */
export function planProgramPatch(running: ProgramGraph, next: ProgramGraph, changed: readonly string[]): ProgramPatchPlan {
  const several = next.modules.size > 1 || running.modules.size > 1;
  const removed = running.order.filter((id) => !next.modules.has(id));
  if (removed.length > 0) {
    return { kind: 'refused', reason: `${removed.join(', ')} ${removed.length === 1 ? 'is' : 'are'} no longer imported: reflection-patch cannot unload a module from the running program. ${INSTEAD}.` };
  }
  const patches: PatchInstruction[] = [];
  const replaced: string[] = [];
  const added: string[] = [];
  for (const id of changed) {
    const before = running.modules.get(id);
    const after = next.modules.get(id)!;
    if (!before) {
      return { kind: 'refused', reason: `${id} is a new module: reflection-patch changes functions in the running program and cannot load a new module into it. ${INSTEAD}.`, ...importedAt(next, id) };
    }
    const relink = linksChanged(before, after);
    if (relink) return { kind: 'refused', reason: `${id} — its imports changed (${relink}): reflection-patch cannot re-link a running module. ${INSTEAD}.` };
    const plan = planReflectionPatch(before.shape, after.shape);
    if (plan.kind === 'refused') return plan;
    if (plan.kind === 'unchanged') continue;
    const qualify = (name: string): string => (several ? `${id}: ${name}` : name);
    patches.push(...plan.patches.map((patch) => ({ ...patch, module: id })));
    replaced.push(...plan.replaced.map(qualify));
    added.push(...plan.added.map(qualify));
  }
  return patches.length === 0 ? { kind: 'unchanged' } : { kind: 'patch', patches, replaced, added };
}

/** What differs in how a module is linked, in words, or null. */
function linksChanged(before: GraphModule, after: GraphModule): string | null {
  const links = (module: GraphModule): string[] => [
    ...module.imports.map((i) => `import ${i.imported === '*' ? `* as ${i.local}` : i.imported === i.local ? i.local : `${i.imported} as ${i.local}`} from ${i.from}`),
    ...module.forwards.map((f) => `export ${f.exported} from ${f.from}`),
  ];
  const was = new Set(links(before));
  const now = new Set(links(after));
  const gained = [...now].filter((link) => !was.has(link));
  const lost = [...was].filter((link) => !now.has(link));
  if (gained.length === 0 && lost.length === 0) return null;
  return [...gained.map((l) => `added \`${l}\``), ...lost.map((l) => `removed \`${l}\``)].join(', ');
}

/** Point at the import that brought a new module in. */
function importedAt(graph: ProgramGraph, id: string): { location?: SourceLocation } {
  for (const importer of graph.modules.values()) {
    const index = importer.requestTargets.indexOf(id);
    if (index >= 0) return { location: importer.shape.requests[index]!.location };
  }
  return {};
}
