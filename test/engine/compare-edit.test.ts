// Compare replays the learner's last code change, not the last two versions: a strategy switch (or a reload)
// makes a new version of the same code, and replaying that "edit" showed every strategy applying it with state
// kept, the opposite of what the real edit does (a newcomer's report, lesson 6).
import { describe, expect, it } from 'vitest';
import { lastCodeChange } from '../../src/engine/last-code-change.ts';
import type { AppliedVersion } from '../../src/engine/version-history.ts';

const version = (v: number, modules: Record<string, string>): AppliedVersion => ({ version: v, sources: new Map(Object.entries(modules)) });

describe('lastCodeChange', () => {
  it('skips versions that re-applied the same code (a switch, a reload)', () => {
    const history = [version(1, { 'service.js': 'A' }), version(2, { 'service.js': 'B' }), version(3, { 'service.js': 'B' }), version(4, { 'service.js': 'B' })];
    const change = lastCodeChange(history);
    expect([change?.before.version, change?.after.version]).toEqual([1, 2]);
    expect(change?.changed).toEqual(['service.js']);
  });

  it('takes the newest change: a rollback to older code is one too', () => {
    const history = [version(1, { 'service.js': 'A' }), version(2, { 'service.js': 'B' }), version(3, { 'service.js': 'A' })];
    expect(lastCodeChange(history)?.after.version).toBe(3);
  });

  it('names the modules that changed, were added or removed', () => {
    const history = [version(1, { 'service.js': 'S', 'greet.js': 'G', 'old.js': 'O' }), version(2, { 'service.js': 'S', 'greet.js': 'G2', 'new.js': 'N' })];
    expect(lastCodeChange(history)?.changed).toEqual(['greet.js', 'new.js', 'old.js']);
  });

  it('is null while no version changed the code', () => {
    expect(lastCodeChange([])).toBeNull();
    expect(lastCodeChange([version(1, { 'service.js': 'A' })])).toBeNull();
    expect(lastCodeChange([version(1, { 'service.js': 'A' }), version(2, { 'service.js': 'A' })])).toBeNull();
  });
});
