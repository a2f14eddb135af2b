// The one sentence a learner reads when an update is refused: what went wrong, where, and what kept running.
import type { StrategyOutcome } from './strategies/strategy.ts';

export interface ServingState {
  /** The version serving after the refusal; null when none does. */
  serving: number | null;
  /** The version that served before the update. */
  previous: number | null;
  /** Some version of this program ran before (false while the first one has never started). */
  everRan: boolean;
}

/** What went wrong, without a leading `file:line:column: ` (reflection-patch refusals start with their place). */
export function causeOf(outcome: Extract<StrategyOutcome, { kind: 'rejected' }>): string {
  const place = outcome.location ? `${outcome.location.file}:${outcome.location.line}:${outcome.location.column}` : '';
  return place && outcome.reason.startsWith(place) ? outcome.reason.slice(place.length).replace(/^[:\s—-]+/, '') : outcome.reason;
}

/**
 * What was refused and where, without what kept running: a lesson check's scratch service says only this, since
 * what it keeps serving is its own copy, not the service the learner watches.
 */
export function describeRefusal(outcome: Extract<StrategyOutcome, { kind: 'rejected' }>): string {
  const place = outcome.location ? `${outcome.location.file}:${outcome.location.line}:${outcome.location.column}` : '';
  // Some reasons (reflection-patch refusals) already start with their place; say it once.
  const where = place && !outcome.reason.startsWith(place) ? `${place}: ` : '';
  return `${where}${outcome.reason}`;
}

export function describeOutcome(outcome: Extract<StrategyOutcome, { kind: 'rejected' }>, { serving, previous, everRan }: ServingState): string {
  const kept = outcome.serviceDown
    ? previous === null
      ? 'the service is still down (503) until a good build'
      : `the cold restart had already stopped v${previous}: the service is down (503) until a good build`
    : outcome.stateLost
      ? `the sandbox serving v${previous ?? '?'} died with it: v${previous ?? '?'} restarts, its state is lost`
      : serving !== null
        ? `v${serving} keeps serving`
        : everRan
          ? 'the service stays down (503) until a good build'
          : 'nothing runs yet (503): the first save that runs starts v1';
  return `${describeRefusal(outcome)} — ${kept}`;
}
