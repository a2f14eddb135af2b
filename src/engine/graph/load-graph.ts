// Reads the program the entry reaches: compiles each module once, resolves its imports, refuses what cannot be
// linked (a missing file, a package, a cycle, a name the other module does not export) where it is written.
import { SourceError } from '../errors.ts';
import { compileModule } from '../source/compile-module.ts';
import type { ModuleRequest, ModuleShape } from '../source/module-shape.ts';
import { linkModule } from './link-module.ts';
import type { GraphModule, ProgramGraph } from './program-graph.ts';
import { resolveSpecifier } from './resolve-specifier.ts';

/** The workspace's files as the graph reads them: content by module id, or null when there is no such file. */
export interface ModuleReader {
  read(id: string): string | null;
}

/**
 * Compiled modules by id, reused while a module's source is unchanged: a save of one module of twenty
 * compiles one. The engine keeps one per program.
 */
export class CompileCache {
  readonly #shapes = new Map<string, ModuleShape>();

  compile(id: string, source: string): ModuleShape {
    const cached = this.#shapes.get(id);
    if (cached && cached.source === source) return cached;
    const shape = compileModule(source, id);
    this.#shapes.set(id, shape);
    return shape;
  }
}

interface Resolved {
  request: ModuleRequest;
  target: string;
}

/** Loads the graph from `entry`. Throws SourceError (located in the module that has the problem). */
export function loadGraph(entry: string, reader: ModuleReader, cache: CompileCache = new CompileCache()): ProgramGraph {
  const shapes = new Map<string, ModuleShape>();
  const edges = new Map<string, Resolved[]>();
  const order: string[] = [];
  const placed = new Set<string>();
  // Each file is read once per load, whether to resolve an import to it or to compile it.
  const contents = new Map<string, string | null>();
  const read = (id: string): string | null => {
    if (!contents.has(id)) contents.set(id, reader.read(id));
    return contents.get(id)!;
  };
  const exists = (id: string): boolean => read(id) !== null;

  // Depth-first from the entry; a module is placed in `order` once everything it imports is.
  const path: string[] = [];
  const visit = (id: string, via: Resolved | null, importer: string | null): void => {
    if (placed.has(id)) return;
    const onPath = path.indexOf(id);
    if (onPath >= 0 && via && importer) {
      const cycle = [...path.slice(onPath), id].join(' → ');
      throw new SourceError(
        `import cycle: ${cycle}. Modules are evaluated one after another, each after what it imports, so a cycle has no first module. Move what they share into a module of its own.`,
        via.request.location,
      );
    }
    const source = read(id);
    if (source === null) {
      if (via) throw new SourceError(`cannot find \`${via.request.specifier}\`: ${id} is gone from the workspace`, via.request.location);
      throw new SourceError(`${id} does not exist: create it, it is the service's entry module`);
    }
    const shape = cache.compile(id, source);
    shapes.set(id, shape);
    const resolved = shape.requests.map((request): Resolved => {
      const resolution = resolveSpecifier(request.specifier, id, exists);
      if (resolution.kind === 'refused') throw new SourceError(resolution.reason, request.location);
      return { request, target: resolution.id };
    });
    edges.set(id, resolved);
    path.push(id);
    for (const edge of resolved) visit(edge.target, edge, id);
    path.pop();
    placed.add(id);
    order.push(id);
  };
  visit(entry, null, null);

  // Linking needs every module's export names, and forwarded names need their target's first: `order` has
  // each module after what it imports, so one pass in that order sees every target already linked.
  const modules = new Map<string, GraphModule>();
  for (const id of order) {
    const shape = shapes.get(id)!;
    const requests = edges.get(id)!.map(({ request, target }) => ({ request, target: modules.get(target)! }));
    modules.set(id, linkModule(id, shape, requests));
  }
  return { entry, modules, order };
}
