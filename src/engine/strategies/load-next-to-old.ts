// What file-watch and plugin-swap share: evaluate the replaced modules in fresh contexts inside the serving
// process, next to the live ones, hand state over and switch, in one synchronous step of the sandbox.
import type { LoadPlan, LoadResult, Lookup } from '../sandbox/protocol.ts';
import { rejectionFrom, type Reword } from './rejection.ts';
import type { StrategyContext, StrategyOutcome } from './strategy.ts';
import { timed } from './timed.ts';

export async function loadNextToOld(context: StrategyContext, plan: LoadPlan, reword?: Reword, lookups?: Lookup[]): Promise<StrategyOutcome> {
  const { host, next } = context;
  const timings: { link?: number } = {};
  try {
    [, timings.link] = await timed(() => context.verify(next.program, lookups));
  } catch (error) {
    return rejectionFrom(error, timings, reword);
  }
  if (context.isStale()) return { kind: 'superseded' };
  const serving = host.active;
  if (!serving) return { kind: 'rejected', reason: 'no sandbox process is serving', timings };
  try {
    const [result, roundTrip] = await timed(() => serving.send<LoadResult>({ op: 'load', version: next.version, program: next.program, plan }));
    const inChild = result.timings.compile + result.timings.link + (result.timings.migrate ?? 0);
    return {
      kind: 'applied',
      timings: {
        compile: result.timings.compile,
        link: (timings.link ?? 0) + result.timings.link,
        migrate: result.timings.migrate,
        // The switch itself plus getting the word back: what the host waits for beyond the work.
        swap: Math.max(0, roundTrip - inChild),
      },
      stateKept: keptEverywhere(result.modules),
      heapBefore: result.heapBefore,
      heapAfter: result.heapAfter,
      retainedVersions: result.retainedVersions,
      retainedHeap: result.retainedHeap,
      modules: result.modules,
      notes: result.notes,
    };
  } catch (error) {
    return rejectionFrom(error, timings, reword);
  }
}

/**
 * The update kept the state a learner can observe: no module that held state got a new instance without it.
 * Modules with nothing to lose (only functions and constants) do not count either way.
 */
export function keptEverywhere(modules: LoadResult['modules']): boolean {
  return modules.every((change) => change.stateKept || !change.stateful);
}
