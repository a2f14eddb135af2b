// Turns a failed step into a rejected outcome whose message says what failed and what kept running.
import { CommandFailed } from '../sandbox/sandbox-process.ts';
import type { ChildFailure } from '../sandbox/protocol.ts';
import type { StageTimings } from '../types.ts';
import type { StrategyOutcome } from './strategy.ts';

/** Rewords a failure in the strategy's own terms (plugin-swap says `plugin.Lookup`), or keeps it. */
export type Reword = (failure: Pick<ChildFailure, 'kind' | 'message' | 'symbol'>) => string;

export function rejectionFrom(error: unknown, timings: StageTimings, reword?: Reword): Extract<StrategyOutcome, { kind: 'rejected' }> {
  if (error instanceof CommandFailed) {
    const { failure } = error;
    const reason = reword ? reword(failure) : failure.message;
    return { kind: 'rejected', reason, location: failure.location, failure: failure.kind, timings };
  }
  throw error;
}
