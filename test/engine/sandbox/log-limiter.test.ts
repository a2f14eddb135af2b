import { describe, expect, it } from 'vitest';
import { LogLimiter } from '../../../src/engine/sandbox/log-limiter.ts';

describe('LogLimiter', () => {
  it('lets a burst through, drops the flood, then reports how much it dropped', async () => {
    const limiter = new LogLimiter(10);
    const out: string[] = [];
    for (let i = 0; i < 100; i++) out.push(...limiter.admit(`line ${i}`));
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out[0]).toBe('line 0');
    // A token comes back after 1/10 s; the next line carries the count of what was dropped.
    await new Promise((r) => setTimeout(r, 150));
    const next = limiter.admit('after');
    expect(next).toHaveLength(2);
    expect(next[0]).toMatch(/^… \d+ log lines dropped \(the service logged more than 10 a second\)$/);
    expect(next[1]).toBe('after');
  });
});
