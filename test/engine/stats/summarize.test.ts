import { describe, expect, it } from 'vitest';
import { percentile, sparkline, summarize, summarizeByStrategy } from '../../../src/engine/stats/summarize.ts';
import type { UpdateRecord } from '../../../src/engine/types.ts';

function record(overrides: Partial<UpdateRecord>): UpdateRecord {
  return {
    id: 1,
    version: 2,
    previousVersion: 1,
    strategy: 'file-watch',
    trigger: 'save',
    outcome: 'applied',
    timings: {},
    downtimeMs: 0,
    failedRequests: 0,
    stateKept: true,
    retainedVersions: 0,
    notes: [],
    startedAt: 0,
    ...overrides,
  };
}

describe('percentile (nearest rank)', () => {
  const values = [15, 20, 35, 40, 50];

  it('returns an observed value: the smallest with at least p% at or below it', () => {
    expect(percentile(values, 0)).toBe(15);
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 95)).toBe(50);
    expect(percentile(values, 100)).toBe(50);
  });

  it('does not depend on input order, and leaves the input alone', () => {
    const shuffled = [50, 15, 40, 20, 35];
    expect(percentile(shuffled, 50)).toBe(35);
    expect(shuffled).toEqual([50, 15, 40, 20, 35]);
  });

  it('is undefined with no values, ignores NaN, and refuses p outside 0–100', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([Number.NaN], 50)).toBeUndefined();
    expect(percentile([3, Number.NaN, 1], 100)).toBe(3);
    expect(() => percentile(values, 101)).toThrow(RangeError);
    expect(() => percentile(values, Number.NaN)).toThrow(RangeError);
  });

  it('gives the 95th percentile of 1..100 as 95 and of 1..20 as 19', () => {
    const range = (n: number) => Array.from({ length: n }, (_, index) => index + 1);
    expect(percentile(range(100), 95)).toBe(95);
    expect(percentile(range(20), 95)).toBe(19);
  });
});

describe('summarize', () => {
  it('gives count, p50, p95 and max', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, p50: 2, p95: 4, max: 4 });
  });

  it('gives count 0 and undefined figures for no values', () => {
    expect(summarize([])).toEqual({ count: 0, p50: undefined, p95: undefined, max: undefined });
  });
});

describe('summarizeByStrategy', () => {
  it('summarises applied updates per strategy and counts the rejected ones apart', () => {
    const summary = summarizeByStrategy([
      record({ strategy: 'file-watch', total: 3, downtimeMs: 0, stateKept: false }),
      record({ strategy: 'file-watch', total: 5, downtimeMs: 1, failedRequests: 0, stateKept: true }),
      record({ strategy: 'file-watch', outcome: 'rejected', total: 999, downtimeMs: 999, failedRequests: 7 }),
      record({ strategy: 'binary-replace', restart: 'cold', total: 120, downtimeMs: 80, failedRequests: 4, stateKept: false }),
      record({ strategy: 'binary-replace', restart: 'cold', total: 140, downtimeMs: 95, failedRequests: 6, stateKept: false }),
      record({ strategy: 'binary-replace', total: undefined, downtimeMs: 10, failedRequests: 1, stateKept: true }),
    ]);

    expect(summary['file-watch']).toEqual({
      count: 2,
      rejected: 1,
      total: { count: 2, p50: 3, p95: 5, max: 5 },
      downtimeMax: 1,
      failedRequests: 0,
      stateKeptRatio: 0.5,
    });
    expect(summary['binary-replace']).toEqual({
      count: 3,
      rejected: 0,
      // The update that never measured a total counts as applied but adds no total.
      total: { count: 2, p50: 120, p95: 140, max: 140 },
      downtimeMax: 95,
      failedRequests: 11,
      stateKeptRatio: 1 / 3,
    });
  });

  it('has all four strategies, with an empty shape for those without updates', () => {
    const summary = summarizeByStrategy([record({ strategy: 'plugin-swap', outcome: 'rejected' })]);
    expect(Object.keys(summary)).toEqual(['file-watch', 'plugin-swap', 'reflection-patch', 'binary-replace']);
    expect(summary['plugin-swap']).toEqual({
      count: 0,
      rejected: 1,
      total: { count: 0, p50: undefined, p95: undefined, max: undefined },
      downtimeMax: undefined,
      failedRequests: 0,
      stateKeptRatio: undefined,
    });
    expect(summary['reflection-patch'].count).toBe(0);
  });
});

describe('sparkline', () => {
  it('scales bars from zero to the largest value', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 10, 10], 3)).toBe('███');
    expect(sparkline([10, 11], 2)).toBe('▇█');
    expect(sparkline([0, 0], 2)).toBe('▁▁');
  });

  it('keeps the newest values when there are more than fit, and is shorter when there are fewer', () => {
    expect(sparkline([7, 7, 7, 0, 7], 2)).toBe('▁█');
    expect(sparkline([1, 2], 10)).toHaveLength(2);
  });

  it('scales from the smallest value when some are negative, and shows NaN as a gap', () => {
    expect(sparkline([-7, 0], 2)).toBe('▁█');
    expect(sparkline([1, Number.NaN, 2], 3)).toBe('▅ █');
    expect(sparkline([Number.NaN], 3)).toBe(' ');
  });

  it('is empty for no values or no width', () => {
    expect(sparkline([], 5)).toBe('');
    expect(sparkline([1, 2], 0)).toBe('');
  });
});
