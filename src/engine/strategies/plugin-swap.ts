// plugin-swap: the saved module is loaded as a new instance next to the old one and its exports are switched
// atomically; every other module (the host, `main`) keeps running with its state (Go: plugin.Open + Lookup).
// Go can never unload a plugin, so every old instance stays loaded.
import type { Lookup } from '../sandbox/protocol.ts';
import { loadNextToOld } from './load-next-to-old.ts';
import type { Strategy, StrategyContext } from './strategy.ts';

export const pluginSwap: Strategy = {
  name: 'plugin-swap',
  summary: 'load the saved module next to its old version, switch its symbols; old versions stay loaded',
  goOriginal: 'plugin.Open("greet.so") + p.Lookup("Greet")',
  apply: async (context) => loadNextToOld(context, { kind: 'swap', changed: context.changed }, lookupFailure, await lookups(context)),
  reword: lookupFailure,
};

/** A missing or mistyped export fails the way `Lookup` or the type assertion on its symbol fails in Go. */
function lookupFailure(failure: { kind: string; message: string; symbol?: string }): string {
  return failure.kind === 'missing-export' ? `plugin.Lookup("${failure.symbol ?? 'handle'}") failed: ${failure.message}` : failure.message;
}

/**
 * What the modules that keep running look up in the ones being swapped, with the type each symbol has now: the
 * test-run refuses a new version that changes one, before anything is switched.
 */
async function lookups(context: StrategyContext): Promise<Lookup[]> {
  const { running, next, changed, host } = context;
  const serving = host.active;
  const swapped = changed.filter((id) => running?.graph.modules.has(id));
  if (!running || !serving || swapped.length === 0) return [];
  const needed: Array<Omit<Lookup, 'type'>> = [];
  for (const importer of next.graph.order) {
    if (changed.includes(importer)) continue;
    const module = next.graph.modules.get(importer)!;
    for (const link of [...module.imports, ...module.forwards]) {
      if (swapped.includes(link.from) && link.imported !== '*') needed.push({ module: link.from, name: link.imported, importer });
    }
  }
  if (needed.length === 0) return [];
  const types = await serving.send<Record<string, Record<string, string>>>({ op: 'export-types', modules: [...new Set(needed.map((n) => n.module))] });
  return needed.flatMap((n) => {
    const type = types[n.module]?.[n.name];
    return type === undefined ? [] : [{ ...n, type }];
  });
}
