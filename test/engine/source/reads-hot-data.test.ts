import { describe, expect, it } from 'vitest';
import { compileModule } from '../../../src/engine/source/compile-module.ts';

const reads = (source: string) => compileModule(source, 'service.js').readsHotData;

describe('readsHotData', () => {
  it('sees a read in an initialiser, in a handler, through globalThis or a computed key', () => {
    expect(reads('let hits = hot.data.hits ?? 0;')).toBe(true);
    expect(reads('export function handle() { return hot.data.hits; }')).toBe(true);
    expect(reads('let n = globalThis.hot.data.n;')).toBe(true);
    expect(reads("let n = hot['data'].n;")).toBe(true);
    expect(reads('hot.data.hits++;')).toBe(true);
    expect(reads('hot.data.hits = (hot.data.hits ?? 0) + 1;')).toBe(true);
  });

  it('does not count writes alone, or a module that never mentions it', () => {
    expect(reads('let hits = 0; export function handle() { hot.data.hits = ++hits; return String(hits); }')).toBe(false);
    expect(reads('hot.data = { fresh: true };')).toBe(false);
    expect(reads('let hits = 0; const data = 1;')).toBe(false);
  });
});
