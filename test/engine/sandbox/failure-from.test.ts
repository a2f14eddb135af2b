// Where a failure is reported: only ever a place in the learner's file (issue 12, point 3: a location
// `"file":"","line":457` pointed at a line of hotlab's own child code).
import { describe, expect, it } from 'vitest';
import { failureFrom, locate } from '../../../src/engine/sandbox/failure-from.ts';

const stackThrough = (frames: string[]): Error => {
  const error = new Error('boom');
  error.stack = ['Error: boom', ...frames.map((f) => `    at ${f}`)].join('\n');
  return error;
};

describe('failure locations', () => {
  it('the first frame in the learner file is the location', () => {
    const error = stackThrough(['hotlabHarness (hotlab:harness:12:7)', 'handle (service.js:3:5)', 'x (service.js:9:1)']);
    expect(failureFrom(error, 'handler', 'service.js').location).toEqual({ file: 'service.js', line: 3, column: 5 });
  });

  it('a failure hotlab cannot attribute to a learner file has no location, not one in hotlab’s code', () => {
    const error = stackThrough(['work (/app/dist/bundle/child-main.js:457:12)', 'process.processImmediate (node:internal/timers:483:21)']);
    expect(failureFrom(error, 'internal', '').location).toBeUndefined();
    expect(locate('at answer (child-main.ts:457:3)', '')).toBeUndefined();
  });

  it('frames of other files never count', () => {
    expect(locate('at f (/x/other.js:1:1)', 'service.js')).toBeUndefined();
  });
});
