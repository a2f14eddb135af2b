// The one sentence a learner reads when an update is refused: what went wrong, where, and what kept running.
import type { StrategyOutcome } from './strategies/strategy.ts';

export function describeOutcome(outcome: Extract<StrategyOutcome, { kind: 'rejected' }>, serving: number | null, previous: number | null): string {
  const place = outcome.location ? `${outcome.location.file}:${outcome.location.line}:${outcome.location.column}` : '';
  // Some reasons (reflection-patch refusals) already start with their place; say it once.
  const where = place && !outcome.reason.startsWith(place) ? `${place}: ` : '';
  const kept = outcome.serviceDown
    ? previous === null
      ? 'the service is still down (503) until a good build'
      : `the cold restart had already stopped v${previous}: the service is down (503) until a good build`
    : outcome.stateLost
      ? `the sandbox serving v${previous ?? '?'} died with it: v${previous ?? '?'} restarts, its state is lost`
      : serving !== null
        ? `v${serving} keeps serving`
        : 'nothing is serving';
  return `${where}${outcome.reason} — ${kept}`;
}
