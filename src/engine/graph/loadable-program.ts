// The graph as the sandbox child runs it: each module's script, exports and resolved links, in evaluation order.
import type { LoadableModule, LoadableProgram } from '../sandbox/protocol.ts';
import { DEFAULT_EXPORT_BINDING, type ModuleShape } from '../source/module-shape.ts';
import type { GraphModule, ProgramGraph } from './program-graph.ts';

export function loadableProgram(graph: ProgramGraph): LoadableProgram {
  return { entry: graph.entry, modules: graph.order.map((id) => loadableModule(graph.modules.get(id)!)) };
}

function loadableModule(module: GraphModule): LoadableModule {
  const { shape } = module;
  return {
    file: module.id,
    code: shape.code,
    exports: shape.exports,
    imports: module.imports,
    forwards: module.forwards,
    stateful: hasState(shape),
    readsHotData: shape.readsHotData,
  };
}

/**
 * Would a new instance of this module lose something the running one holds? Top-level `let`/`var` bindings are
 * state by definition; so is a `const` holding something built with `new` (a Map of sessions). A module of
 * functions and constants has nothing to lose, and "state lost" would be a false alarm there.
 */
export function hasState(shape: ModuleShape): boolean {
  return shape.topLevel.some((item) => {
    if (item.kind !== 'binding' || item.names.includes(DEFAULT_EXPORT_BINDING)) return false;
    return item.declaration === 'let' || item.declaration === 'var' || (item.declaration === 'const' && /=\s*new\s/.test(item.text));
  });
}

/** Modules whose source differs between two versions of a program, plus the ones only `next` has. */
export function changedModules(running: ProgramGraph | null, next: ProgramGraph): string[] {
  return next.order.filter((id) => running?.modules.get(id)?.shape.source !== next.modules.get(id)!.shape.source);
}
