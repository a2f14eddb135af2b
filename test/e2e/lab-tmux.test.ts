// The lab end to end: the built CLI in a real terminal (tmux), a learner's save from outside, keys, REPL,
// compare and quit — asserting on what the screen shows.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, NODE, ensureBuilt } from './cli-process.ts';
import { TmuxSession } from './tmux.ts';

describe('the lab in a terminal', () => {
  let dir: string;
  let tmux: TmuxSession;

  beforeAll(async () => {
    // CI installs tmux (.ci/run); a machine without it cannot run this test, and must not pass it silently.
    expect(TmuxSession.available(), 'tmux is required for the end-to-end lab test').toBe(true);
    ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'hotlab-lab-'));
    tmux = new TmuxSession(`hotlab-test-${process.pid}`);
  });

  afterAll(async () => {
    tmux?.kill();
    await rm(dir, { recursive: true, force: true, maxRetries: 10 }); // the killed lab may still be writing in it for a moment
  });

  it('shows v1, applies a save from outside, switches strategy, evaluates, compares and quits cleanly', async () => {
    const workspace = join(dir, 'sandbox');
    tmux.start(`${NODE} ${CLI} --workspace ${workspace} --lang en`, 100, 32);
    await tmux.waitFor(/v1\s+pong \d+/);
    const file = join(workspace, 'service.js');

    // A learner's save from another window.
    const source = await readFile(file, 'utf8');
    await writeFile(file, source.replace('`pong ${hits}`', '`PONG ${hits}`'));
    let screen = await tmux.waitFor(/v2\s+PONG \d+/);
    expect(screen).toMatch(/v2 · file-watch · ✓ applied/);
    expect(screen).toMatch(/detect/);

    // Strategy key: plugin-swap re-applies the file as v3, and the bar shows it.
    tmux.keys('2');
    screen = await tmux.waitFor(/\[2 plugin-swap\]/);
    await tmux.waitFor(/v3 · plugin-swap · ✓ applied/);

    // The REPL evaluates in the live sandbox.
    tmux.keys(':');
    await tmux.waitFor(/›\s*:/);
    tmux.keys('BSpace');
    tmux.type('hits * 0 + 41 + 1');
    tmux.keys('Enter');
    await tmux.waitFor(/\b42\b/);
    // Wait for the lab keys to come back: an Esc followed at once by 'c' reads as Alt+C.
    tmux.keys('Escape');
    await tmux.waitFor(/1-4 strategy/);

    // Compare fills a row per strategy, replaying the save (v1 → v2), not the switch that re-applied its code (v3).
    tmux.keys('c');
    screen = await tmux.waitFor((s) => /Compare/.test(s) && /done/.test(s), 60_000);
    expect(screen).toContain('Compare v1 → v2');
    expect(screen).toMatch(/file-watch/);
    expect(screen).toMatch(/binary-replace cold/);
    tmux.keys('Escape');
    await tmux.waitFor((s) => !/Compare/.test(s));

    tmux.keys('q');
    screen = await tmux.waitFor(/EXIT CODE \d+/);
    expect(screen).toMatch(/EXIT CODE 0/);
  }, 120_000);
});
