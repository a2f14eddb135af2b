// The versions a rollback can go back to are bounded, by count and by the source they hold (issue 11): 50 compiled
// versions of a 256 KB program held 140 MB of the lab's heap. A module a save left alone is held once.
import { describe, expect, it } from 'vitest';
import { HISTORY_VERSIONS, VersionHistory } from '../../src/engine/version-history.ts';

const program = (entry: string, lib?: string): Map<string, string> => new Map([['service.js', entry], ...(lib === undefined ? [] : [['lib.js', lib] as [string, string]])]);

describe('VersionHistory', () => {
  it(`keeps the newest ${HISTORY_VERSIONS} versions, oldest first`, () => {
    const history = new VersionHistory();
    for (let v = 1; v <= HISTORY_VERSIONS + 10; v++) history.add(v, program(`// v${v}`));
    expect(history.length).toBe(HISTORY_VERSIONS);
    expect(history.entries[0]!.version).toBe(11);
    expect(history.entries.at(-1)!.version).toBe(HISTORY_VERSIONS + 10);
    expect(history.entries.at(-1)!.sources.get('service.js')).toBe(`// v${HISTORY_VERSIONS + 10}`);
  });

  it('keeps fewer versions of a large program: no more source than its limit, but always the newest two', () => {
    const history = new VersionHistory({ chars: 1000 });
    for (let v = 1; v <= 10; v++) history.add(v, program(`// v${v}`.padEnd(300, '.')));
    expect(history.entries.map((e) => e.version)).toEqual([8, 9, 10]);
    expect(history.chars).toBe(900);
    for (let v = 11; v <= 13; v++) history.add(v, program(`// v${v}`.padEnd(2000, '.')));
    expect(history.entries.map((e) => e.version)).toEqual([12, 13]);
  });

  it('counts a module the saves left alone once, and holds its text once', () => {
    const history = new VersionHistory({ chars: 1000 });
    const lib = 'x'.repeat(800);
    for (let v = 1; v <= 20; v++) history.add(v, program(`// v${v}`, 'x'.repeat(800)));
    expect(history.length).toBe(20);
    expect(history.chars).toBe(800 + history.entries.reduce((n, e) => n + e.sources.get('service.js')!.length, 0));
    expect(history.entries.at(-1)!.sources.get('lib.js')).toBe(lib);
    // Once the oldest holding it goes, the next oldest holds it alone: still counted once.
    history.add(21, program('// v21', 'y'.repeat(800)));
    expect(history.entries.map((e) => e.version)).toEqual([20, 21]);
    expect(history.chars).toBe(800 + '// v20'.length + 800 + '// v21'.length);
  });

  it('forgets everything on clear', () => {
    const history = new VersionHistory();
    history.add(1, program('a'));
    history.clear();
    expect(history.length).toBe(0);
    expect(history.chars).toBe(0);
  });
});
