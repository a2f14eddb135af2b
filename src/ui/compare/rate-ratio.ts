// How compare's traffic rate stands to the live lab's, so the subtitle can say which side fails more requests
// for the same downtime: failed requests scale with the rate, and compare replays at 500 req/s while a lab
// usually runs at 20-100.
export type RateRatio =
  | { kind: 'noLiveTraffic' }
  | { kind: 'same' }
  /** Compare's rate is about `times` the lab's. */
  | { kind: 'higher'; times: number }
  /** Compare's rate is about 1/`times` of the lab's. */
  | { kind: 'lower'; times: number };

export function rateRatio(compareRate: number, liveRate: number): RateRatio {
  if (liveRate <= 0) return { kind: 'noLiveTraffic' };
  const higher = Math.round(compareRate / liveRate);
  if (higher > 1) return { kind: 'higher', times: higher };
  const lower = compareRate > 0 ? Math.round(liveRate / compareRate) : Infinity;
  return lower > 1 ? { kind: 'lower', times: lower } : { kind: 'same' };
}
