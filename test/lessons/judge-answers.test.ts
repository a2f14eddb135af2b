// How checks read answers (pure): trimmed text, JSON or not, numbers, and the counter as the number that moves.
import { describe, expect, it } from 'vitest';
import { countAcross, findCounter, jsonOf, numbersIn, textOf } from '../../src/engine/lessons/judge-answers.ts';

const served = (n: number, from = 10): number[] => Array.from({ length: n }, (_, i) => from + i);

describe('judging answers', () => {
  it('compares text after trimming and reads JSON only when it is JSON', () => {
    expect(textOf('pong 3\n')).toBe('pong 3');
    expect(jsonOf(' {"/ping": 2}\n')).toEqual({ '/ping': 2 });
    expect(jsonOf('pong')).toBeUndefined();
    expect(jsonOf('')).toBeUndefined();
    expect(numbersIn('hi from v2: 17 (1.5 s)')).toEqual([2, 17, 1.5]);
  });

  it('finds the counter as the number that goes up, wherever it is (issue 8: not the 2 of "v2")', () => {
    const reading = findCounter(['hi from v2: 7', 'hi from v2: 8', 'hi from v2: 9'], served(3));
    expect(reading).toMatchObject({ found: true, index: 1, value: 9, values: [7, 8, 9] });
    expect(reading.seen).toBe('"hi from v2: 7" → "hi from v2: 8" → "hi from v2: 9"');
  });

  it('prefers a number going up by one per request over a clock', () => {
    const reading = findCounter(['t=1000 n=4', 't=1013 n=5', 't=1020 n=6'], served(3));
    expect(reading).toMatchObject({ found: true, index: 1, values: [4, 5, 6] });
  });

  it('finds no counter when nothing goes up every time, or the answers change shape', () => {
    expect(findCounter(['pong 3', 'pong 3', 'pong 4'], served(3)).found).toBe(false);
    expect(findCounter(['hello', 'hello', 'hello'], served(3))).toMatchObject({ found: false, index: -1, values: [] });
    expect(findCounter(['pong 3', 'pong 4 (2)', 'pong 5'], served(3)).found).toBe(false);
  });

  it('says whether a count went on across an action, exactly, and what was seen', () => {
    const before = findCounter(['pong 40', 'pong 41', 'pong 42'], [20, 21, 22]);
    const exact = countAcross('r', before, findCounter(['pong 44', 'pong 45', 'pong 46'], [24, 25, 26]));
    expect(exact).toMatchObject({ result: 'r', answered: 2, expected: 44, first: 44, carriedOn: true, exact: true });
    expect(exact.seen).toBe('"pong 42" before, "pong 44" after, with 2 request(s) answered from one to the other (that one included) — every request counted');
    const lost = countAcross(null, before, findCounter(['pong 43', 'pong 44', 'pong 45'], [24, 25, 26]));
    expect(lost).toMatchObject({ carriedOn: true, exact: false });
    expect(lost.seen).toMatch(/— 1 count\(s\) lost: counting every request gives 44$/);
    const reset = countAcross(null, before, findCounter(['pong 2', 'pong 3', 'pong 4'], [24, 25, 26]));
    expect(reset).toMatchObject({ carriedOn: false, exact: false });
    expect(reset.seen).toMatch(/— it went from 42 to 2$/);
    const none = countAcross(null, before, findCounter(['ok', 'ok', 'ok'], [24, 25, 26]));
    expect(none).toMatchObject({ carriedOn: false, exact: false, first: Number.NaN });
    expect(none.seen).toBe('"pong 42" before; after it no number went up from one answer to the next: "ok" → "ok" → "ok"');
  });
});
