// plugin-swap: the new version is loaded next to the old one and the exported symbols are switched
// atomically (Go: plugin.Open + Lookup). Go can never unload a plugin, so every old version stays loaded.
import { loadNextToOld } from './load-next-to-old.ts';
import type { Strategy } from './strategy.ts';

export const pluginSwap: Strategy = {
  name: 'plugin-swap',
  summary: 'load next to the old version, switch symbols; old versions stay loaded',
  goOriginal: 'plugin.Open("service.so") + p.Lookup("Handle")',
  // A missing or mistyped export fails the way Lookup or its type assertion fails in Go.
  apply: (context) =>
    loadNextToOld(context, 'migrate', true, (failure) =>
      failure.kind === 'missing-export' ? `plugin.Lookup("handle") failed: ${failure.message}` : failure.message,
    ),
};
