// What file-watch and plugin-swap share: evaluate the replaced modules in fresh contexts inside the serving
// process, next to the live ones, hand state over and switch, in one synchronous step of the sandbox.
import { CommandFailed } from '../sandbox/sandbox-process.ts';
import type { LoadPlan, LoadResult, Lookup, TestRunHandover, VerifyResult } from '../sandbox/protocol.ts';
import { rejectionFrom, type Reword } from './rejection.ts';
import type { StrategyContext, StrategyOutcome } from './strategy.ts';
import { timed } from './timed.ts';

export async function loadNextToOld(context: StrategyContext, plan: LoadPlan, reword?: Reword, lookups?: Lookup[]): Promise<StrategyOutcome> {
  const { host, next } = context;
  const timings: { link?: number } = {};
  // A sandbox restarting after a crash is back within a second or two: wait for it rather than refuse.
  const serving = await host.whenServing();
  if (!serving) return { kind: 'rejected', reason: 'no sandbox process is serving: the last one died and did not come back', timings, serviceDown: true };
  // The test-run takes over what the new modules will take over: the state the serving ones hand out now (a round
  // trip to the serving sandbox, skipped when no new module could take anything over).
  let handover: TestRunHandover | null = null;
  if (takesStateOver(context, plan)) {
    try {
      [handover, timings.link] = await timed(() => serving.send<TestRunHandover | null>({ op: 'state', plan, program: next.program }));
    } catch (error) {
      return servingRejection(error, timings, reword);
    }
  }
  let heap: VerifyResult;
  try {
    const [verified, verifyMs] = await timed(() => context.verify(next.program, { lookups, handover }));
    timings.link = (timings.link ?? 0) + verifyMs;
    heap = verified;
  } catch (error) {
    return rejectionFrom(error, timings, reword);
  }
  if (context.isStale()) return { kind: 'superseded' };
  try {
    const [result, roundTrip] = await timed(() => {
      const loading = serving.send<LoadResult>({ op: 'load', version: next.version, program: next.program, plan, heap });
      context.firstRequest();
      return loading;
    });
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
      firstRequestSent: true,
    };
  } catch (error) {
    return servingRejection(error, timings, reword);
  }
}

/**
 * Could a module the plan replaces take state over? file-watch: one of the modules that may re-run (the changed
 * ones and every module importing them) reads hot.data back. plugin-swap: a changed module's old version exports
 * snapshot() and its new version migrate(prev).
 */
function takesStateOver({ running, next }: StrategyContext, plan: LoadPlan): boolean {
  if (!running || plan.kind === 'fresh') return false;
  if (plan.kind === 'swap') {
    return plan.changed.some((id) => 'snapshot' in (running.graph.modules.get(id)?.shape.exports ?? {}) && 'migrate' in (next.graph.modules.get(id)?.shape.exports ?? {}));
  }
  const reach = new Set(plan.changed);
  for (const id of next.graph.order) {
    if (next.graph.modules.get(id)!.dependencies.some((dependency) => reach.has(dependency))) reach.add(id);
  }
  return next.program.modules.some((module) => reach.has(module.file) && module.readsHotData);
}

/**
 * The update kept the state a learner can observe: no module that held state got a new instance without it.
 * Modules with nothing to lose (only functions and constants) do not count either way.
 */
export function keptEverywhere(modules: LoadResult['modules']): boolean {
  return modules.every((change) => change.stateKept || !change.stateful);
}

/**
 * A refusal from the serving sandbox, and whether it went down with the attempt (its isolate ran out of memory,
 * or the process died): a record must never say the state was kept when the process holding it died (issue 12,
 * points 2 and 5). A version refused because it would not fit ('no-room') touched nothing.
 */
function servingRejection(error: unknown, timings: { link?: number }, reword?: Reword): StrategyOutcome {
  const outcome = rejectionFrom(error, timings, reword);
  if (error instanceof CommandFailed && (error.failure.kind === 'memory' || error.failure.kind === 'crash')) return { ...outcome, stateLost: true };
  return outcome;
}
