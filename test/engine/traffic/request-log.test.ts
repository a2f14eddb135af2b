import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REQUEST_LOG_CAPACITY,
  downtimeBetween,
  failuresBetween,
  firstSuccessAfter,
  RequestLog,
  type ServedRequest,
} from '../../../src/engine/traffic/request-log.ts';

function logOf(records: ServedRequest[], capacity?: number): RequestLog {
  const log = new RequestLog(capacity);
  for (const record of records) log.push(record);
  return log;
}

const ok = (at: number, version: number | null = 1): ServedRequest => ({ at, ok: true, version });
const failed = (at: number): ServedRequest => ({ at, ok: false, version: null });

describe('downtimeBetween', () => {
  it('is the longest gap between consecutive successes inside the window', () => {
    const log = logOf([ok(100), ok(102), failed(103), failed(110), ok(120, 2), ok(121, 2)]);
    expect(downtimeBetween(log, 100, 121)).toBe(18);
  });

  it('counts from the start of the window to the first success, and from the last success to its end', () => {
    const log = logOf([ok(50), ok(130), ok(131), ok(160)]);
    expect(downtimeBetween(log, 100, 135)).toBe(30);
    expect(downtimeBetween(log, 129, 155)).toBe(24);
  });

  it('ignores what lies outside the window', () => {
    const log = logOf([ok(0), failed(40), ok(100), ok(101), ok(102), failed(300), ok(1_000)]);
    expect(downtimeBetween(log, 100, 102)).toBe(1);
  });

  it('is the whole window when nothing succeeded in it, and 0 for an empty window', () => {
    expect(downtimeBetween(logOf([failed(10), failed(20)]), 0, 30)).toBe(30);
    expect(downtimeBetween(logOf([]), 5, 25)).toBe(20);
    expect(downtimeBetween(logOf([ok(10)]), 10, 10)).toBe(0);
    expect(downtimeBetween(logOf([ok(10)]), 20, 10)).toBe(0);
  });
});

describe('failuresBetween', () => {
  it('counts failed requests inside [from, to], both ends included', () => {
    const log = logOf([failed(1), ok(2), failed(3), failed(4), ok(5), failed(6)]);
    expect(failuresBetween(log, 3, 6)).toBe(3);
    expect(failuresBetween(log, 0, 100)).toBe(4);
    expect(failuresBetween(log, 7, 100)).toBe(0);
  });
});

describe('firstSuccessAfter', () => {
  it('finds the first successful response from that version at or after the time', () => {
    const log = logOf([ok(1, 1), ok(5, 2), failed(6), ok(7, 1), ok(9, 2), ok(12, 2)]);
    expect(firstSuccessAfter(log, 2, 6)).toEqual({ at: 9, ok: true, version: 2 });
    expect(firstSuccessAfter(log, 2, 5)).toEqual({ at: 5, ok: true, version: 2 });
    expect(firstSuccessAfter(log, 1, 8)).toBeUndefined();
    expect(firstSuccessAfter(log, 3, 0)).toBeUndefined();
  });

  it('skips a failed response stamped with the version', () => {
    const log = logOf([{ at: 3, ok: false, version: 2 }, ok(4, 2)]);
    expect(firstSuccessAfter(log, 2, 0)?.at).toBe(4);
  });
});

describe('RequestLog', () => {
  it('keeps the newest records, oldest first, once full', () => {
    const log = logOf([ok(1), ok(2), failed(3), ok(4, 2), ok(5, null)], 3);
    expect(log.size).toBe(3);
    expect(log.oldestAt).toBe(3);
    expect(log.toArray()).toEqual([failed(3), ok(4, 2), ok(5, null)]);
    expect(failuresBetween(log, 0, 10)).toBe(1);
  });

  it('holds 60 s at 2,000 req/s by default without growing past its capacity', () => {
    const log = new RequestLog();
    expect(DEFAULT_REQUEST_LOG_CAPACITY).toBeGreaterThanOrEqual(120_000);
    for (let index = 0; index < 150_000; index++) log.push({ at: index / 2, ok: index % 1_000 !== 0, version: 1 });
    expect(log.size).toBe(DEFAULT_REQUEST_LOG_CAPACITY);
    // The last 60 s are all there: 120,000 records, 120 of them failures (one in a thousand).
    const end = (150_000 - 1) / 2;
    expect(log.oldestAt).toBeLessThanOrEqual(end - 60_000);
    expect(failuresBetween(log, end - 60_000 + 0.5, end)).toBe(120);
    expect(downtimeBetween(log, end - 60_000 + 0.5, end)).toBe(1);
  });

  it('keeps time order when a record is stamped a moment before the previous one', () => {
    const log = logOf([ok(10), ok(9.5), ok(11)]);
    expect(log.toArray().map((record) => record.at)).toEqual([10, 10, 11]);
    expect(firstSuccessAfter(log, 1, 10)?.at).toBe(10);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RequestLog(0)).toThrow(RangeError);
    expect(() => new RequestLog(1.5)).toThrow(RangeError);
  });
});
