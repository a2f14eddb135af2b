import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/engine/lessons/unified-diff.ts';

const lines = (n: number, change: Record<number, string> = {}): string =>
  Array.from({ length: n }, (_, i) => change[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n')).toBe('');
  });

  it('prints one hunk with three lines of context, as diff -u does', () => {
    expect(unifiedDiff(lines(10), lines(10, { 5: 'five' }), { oldLabel: 'old', newLabel: 'new' })).toBe(
      ['--- old', '+++ new', '@@ -2,7 +2,7 @@', ' line 2', ' line 3', ' line 4', '-line 5', '+five', ' line 6', ' line 7', ' line 8', ''].join('\n'),
    );
  });

  it('splits distant changes into hunks and merges close ones', () => {
    const far = unifiedDiff(lines(30), lines(30, { 2: 'two', 25: 'x' }));
    expect(far.match(/^@@/gm)).toHaveLength(2);
    expect(far).toContain('@@ -1,5 +1,5 @@');
    expect(far).toContain('@@ -22,7 +22,7 @@');
    const near = unifiedDiff(lines(30), lines(30, { 10: 'a', 15: 'b' }));
    expect(near.match(/^@@/gm)).toHaveLength(1);
  });

  it('numbers pure additions and removals like diff -u', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\nc\n')).toBe(['--- a', '+++ b', '@@ -1,2 +1,3 @@', ' a', ' b', '+c', ''].join('\n'));
    expect(unifiedDiff('', 'x\n')).toBe(['--- a', '+++ b', '@@ -0,0 +1 @@', '+x', ''].join('\n'));
    expect(unifiedDiff('a\nb\nc\n', 'a\nc\n')).toBe(['--- a', '+++ b', '@@ -1,3 +1,2 @@', ' a', '-b', ' c', ''].join('\n'));
  });

  it('says when only the final newline differs', () => {
    expect(unifiedDiff('a\n', 'a')).toContain('final newline');
  });

  it('shows a replaced block as removals, then additions', () => {
    const diff = unifiedDiff('keep\nold 1\nold 2\nkeep too\n', 'keep\nnew 1\nnew 2\nkeep too\n');
    expect(diff.split('\n').slice(4, 8)).toEqual(['-old 1', '-old 2', '+new 1', '+new 2']);
  });
});
