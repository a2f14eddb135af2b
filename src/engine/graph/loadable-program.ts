// The graph as the sandbox child runs it: each module's script, exports and resolved links, in evaluation order.
import type { LoadableModule, LoadableProgram } from '../sandbox/protocol.ts';
import { DEFAULT_EXPORT_BINDING, type ModuleShape } from '../source/module-shape.ts';
import type { GraphModule, ProgramGraph } from './program-graph.ts';

export function loadableProgram(graph: ProgramGraph): LoadableProgram {
  return { entry: graph.entry, modules: graph.order.map((id) => loadableModule(graph.modules.get(id)!)) };
}

function loadableModule(module: GraphModule): LoadableModule {
  const { shape } = module;
  const names = stateNames(shape);
  return {
    file: module.id,
    code: shape.code,
    exports: shape.exports,
    imports: module.imports,
    forwards: module.forwards,
    // State kept in hot.data is state too: a module that reads it back loses its count when nothing was handed.
    stateful: names.length > 0 || shape.readsHotData,
    stateNames: names,
    stateDeclarations: stateDeclarations(shape, names),
    readsHotData: shape.readsHotData,
  };
}

/**
 * The top-level bindings a new instance of this module could lose: what the learner watches (a counter, a table
 * of sessions). `let` and `var` are state by definition; a `const` is when it holds data: a value built with
 * `new` (a Map of sessions), or an object/array literal holding numbers, strings or nested data (`{ hits: 0 }`)
 * — not a table of functions (`{ '/ping': ping }`), which a new version should replace. A module of functions and constants has nothing to lose, and "state lost" would be a false alarm.
 */
export function stateNames(shape: ModuleShape): string[] {
  const names: string[] = [];
  for (const item of shape.topLevel) {
    if (item.kind !== 'binding' || item.names.includes(DEFAULT_EXPORT_BINDING)) continue;
    if (item.declaration === 'let' || item.declaration === 'var' || (item.declaration === 'const' && holdsData(item.text))) names.push(...item.names);
  }
  return names;
}

/** Each state binding's declaration text, by name: a declaration the learner edited starts from its new value. */
export function stateDeclarations(shape: ModuleShape, state: readonly string[] = stateNames(shape)): Record<string, string> {
  const names = new Set(state);
  const declarations: Record<string, string> = {};
  for (const item of shape.topLevel) {
    if (item.kind !== 'binding') continue;
    for (const name of item.names) if (names.has(name)) declarations[name] = item.text;
  }
  return declarations;
}

function holdsData(declaration: string): boolean {
  const init = declaration.slice(declaration.indexOf('=') + 1).trim();
  // Built with `new`, or a literal kept across reloads: `hot.data.state ?? { hits: 0 }`, `hot.data.seen || []`.
  if (/^new\s/.test(init) || /(\?\?|\|\|)\s*[[{]/.test(init)) return true;
  // A literal with functions in it (`{ '/ok': () => ({ ok: true }) }`) is a table of code: what is written inside
  // the functions is not the table's data.
  if (/=>|\bfunction\b/.test(init)) return false;
  // A literal with data in it: a property value (after `:`) or an array element that is a number, a string, a
  // literal or a nested literal. Keys are not values: `{ '/ping': ping }` is a table of functions, and
  // `const load = hot.data.loads` a copy of a number taken at load, which a new version is meant to take anew.
  const value = String.raw`\s*(-?\d|['"\`[{]|true\b|false\b|null\b)`;
  if (init.startsWith('[')) return new RegExp(`[[,]${value}`).test(init);
  return new RegExp(`[{,]\\s*[\\w$'"/-]+['"]?\\s*:${value}`).test(init);
}

/** Modules whose source differs between two versions of a program, plus the ones only `next` has. */
export function changedModules(running: ProgramGraph | null, next: ProgramGraph): string[] {
  return next.order.filter((id) => running?.modules.get(id)?.shape.source !== next.modules.get(id)!.shape.source);
}
