// reflection-patch: only the functions that changed are replaced, in place, in the live program (Go:
// reflect.ValueOf(&fn).Elem().Set(reflect.MakeFunc(...))). State survives; shapes cannot change; anything
// that captured the old function before the patch keeps calling it, and we say where, in every module.
import { planProgramPatch } from '../graph/plan-program-patch.ts';
import { probedBindingNames } from '../source/stale-references.ts';
import type { ModuleChange, PatchResult } from '../sandbox/protocol.ts';
import { rejectionFrom } from './rejection.ts';
import type { Strategy, StrategyContext, StrategyOutcome } from './strategy.ts';
import { timed } from './timed.ts';

export const reflectionPatch: Strategy = {
  name: 'reflection-patch',
  summary: 'patch only the changed functions in place; state kept, shape fixed',
  goOriginal: 'reflect.ValueOf(&handler).Elem().Set(reflect.MakeFunc(t, fn))',
  apply: applyPatch,
};

async function applyPatch(context: StrategyContext): Promise<StrategyOutcome> {
  const { host, running, next } = context;
  const serving = host.active;
  if (!running || !serving) {
    return { kind: 'rejected', reason: 'there is no running version to patch: start one with another strategy first', timings: {} };
  }
  const [plan, diffMs] = await timed(() => planProgramPatch(running.graph, next.graph, context.changed));
  const timings: { link: number; compile?: number; swap?: number } = { link: diffMs };
  if (plan.kind === 'refused') return { kind: 'rejected', reason: plan.reason, location: plan.location, failure: 'patch', timings };
  if (plan.kind === 'unchanged') {
    // Nothing to patch, but the live program still becomes the new version number, so its answers say so.
    const [, swapMs] = await timed(() => serving.send<PatchResult>({ op: 'patch', version: next.version, patches: [] }));
    return { kind: 'applied', timings: { ...timings, swap: swapMs }, stateKept: true, retainedVersions: 0, retainedHeap: 0, modules: [], notes: ['no function changed: nothing to patch'] };
  }
  try {
    // The changed code is test-run first, like the other strategies, so a looping handler never goes live.
    const [, verifyMs] = await timed(() => context.verify(next.program));
    timings.link += verifyMs;
  } catch (error) {
    return rejectionFrom(error, timings);
  }
  if (context.isStale()) return { kind: 'superseded' };
  const scan = Object.fromEntries(next.graph.order.map((id) => [id, probedBindingNames(next.graph.modules.get(id)!.shape)]));
  try {
    const [result, roundTrip] = await timed(() => {
      const patching = serving.send<PatchResult>({ op: 'patch', version: next.version, patches: plan.patches });
      context.firstRequest();
      return patching;
    });
    const changed = [...plan.replaced.map((n) => `replaced ${n}()`), ...plan.added.map((n) => `added ${n}()`)].join(', ');
    const patched = [...new Set(plan.patches.map((p) => p.module))];
    const modules: ModuleChange[] = patched.map((module) => ({ module, action: 'patched', cause: 'changed', stateKept: true, stateful: true }));
    return {
      kind: 'applied',
      timings: { ...timings, compile: result.timings.compile, swap: Math.max(result.timings.swap, roundTrip - result.timings.compile) },
      stateKept: true,
      heapBefore: result.heapBefore,
      heapAfter: result.heapAfter,
      retainedVersions: 0,
      retainedHeap: 0,
      modules,
      notes: [changed],
      firstRequestSent: true,
      // The scan for stale references walks every module's state: it runs once the patched code has answered.
      afterFirstResponse: async () => {
        if (plan.replaced.length === 0) return [];
        const places = await serving.send<string[]>({ op: 'stale', scan }).catch(() => []);
        return places.map((place) => `stale reference: ${place} (captured before the patch)`);
      },
    };
  } catch (error) {
    return rejectionFrom(error, timings);
  }
}
