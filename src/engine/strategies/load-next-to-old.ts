// What file-watch and plugin-swap share: evaluate the new version in a fresh context inside the serving
// process, next to the old one, hand state over and switch, in one synchronous step of the sandbox.
import type { Handover, LoadResult } from '../sandbox/protocol.ts';
import { rejectionFrom, type Reword } from './rejection.ts';
import type { StrategyContext, StrategyOutcome } from './strategy.ts';
import { timed } from './timed.ts';

export async function loadNextToOld(context: StrategyContext, handover: Handover, retainPrevious: boolean, reword?: Reword): Promise<StrategyOutcome> {
  const { host, next } = context;
  const timings: { link?: number } = {};
  try {
    [, timings.link] = await timed(() => context.verify(next.module));
  } catch (error) {
    return rejectionFrom(error, timings, reword);
  }
  if (context.isStale()) return { kind: 'superseded' };
  const serving = host.active;
  if (!serving) return { kind: 'rejected', reason: 'no sandbox process is serving', timings };
  try {
    const [result, roundTrip] = await timed(() =>
      serving.send<LoadResult>({ op: 'load', version: next.version, module: next.module, handover, retainPrevious }),
    );
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
      stateKept: result.handedOver,
      heapBefore: result.heapBefore,
      heapAfter: result.heapAfter,
      retainedVersions: result.retainedVersions,
      retainedHeap: result.retainedHeap,
      notes: result.notes,
    };
  } catch (error) {
    return rejectionFrom(error, timings, reword);
  }
}
