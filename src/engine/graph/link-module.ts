// Links one module to the modules it imports: each imported name must be exported there, as an ES module's
// link step demands ("does not provide an export named …"), and every forwarded name is resolved.
import { MissingExportError } from '../errors.ts';
import type { ModuleRequest, ModuleShape } from '../source/module-shape.ts';
import type { GraphModule, LinkedForward, LinkedImport } from './program-graph.ts';

/** `requests` pairs each of the module's import statements with the (already linked) module it names. */
export function linkModule(id: string, shape: ModuleShape, requests: ReadonlyArray<{ request: ModuleRequest; target: GraphModule }>): GraphModule {
  const imports: LinkedImport[] = [];
  const forwards: LinkedForward[] = [];
  const starred = new Map<string, LinkedForward | 'ambiguous'>();
  const own = new Set(Object.keys(shape.exports));
  const explicit = new Set<string>();

  for (const { request, target } of requests) {
    const provided = new Set(target.exportNames);
    const require = (name: string): void => {
      if (name === '*' || provided.has(name)) return;
      const offer = target.exportNames.length ? `it exports ${target.exportNames.map((n) => `\`${n}\``).join(', ')}` : 'it exports nothing';
      throw new MissingExportError(`${target.id} does not export \`${name}\` (${offer})`, name, request.location);
    };
    for (const binding of request.imports) {
      require(binding.imported);
      imports.push({ local: binding.local, from: target.id, imported: binding.imported });
    }
    for (const reExport of request.reExports) {
      if (reExport.exported === '*') {
        // `export * from`: every name but `default`; a name two stars provide is ambiguous and left out, as in ES.
        for (const name of target.exportNames) {
          if (name === 'default') continue;
          const previous = starred.get(name);
          const next: LinkedForward = { exported: name, from: target.id, imported: name };
          starred.set(name, previous && previous !== 'ambiguous' && previous.from !== target.id ? 'ambiguous' : next);
        }
        continue;
      }
      require(reExport.imported);
      forwards.push({ exported: reExport.exported, from: target.id, imported: reExport.imported });
      explicit.add(reExport.exported);
    }
  }
  for (const [name, forward] of starred) {
    if (forward !== 'ambiguous' && !own.has(name) && !explicit.has(name)) forwards.push(forward);
  }
  const requestTargets = requests.map(({ target }) => target.id);
  const dependencies = [...new Set(requestTargets)];
  const exportNames = [...new Set([...own, ...forwards.map((f) => f.exported)])];
  return { id, shape, dependencies, requestTargets, imports, forwards, exportNames };
}
