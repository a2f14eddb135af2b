import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnose, doctor } from '../../src/commands/doctor.ts';
import type { WatchFunction } from '../../src/commands/probe-saves.ts';
import { watchServiceFile } from '../../src/engine/watch/watch-service-file.ts';

let workspace: string;
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'hotlab-doctor-'));
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

function collect(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** A file system where events never arrive: only the polling watcher sees saves. */
const eventsNeverArrive: WatchFunction = (file, options, onEvent) =>
  options.polling ? watchServiceFile(file, options, onEvent) : Promise.resolve({ close: async () => {} });

describe('hotlab doctor', () => {
  it('sees in-place and rename saves through the engine’s watcher, and cleans up after itself', async () => {
    const out = collect();
    expect(await doctor({ workspace }, out.stream)).toBe(0);
    expect(out.text()).toMatch(/✓ in-place save \(truncate \+ write\): seen after [\d.]+ ms \(3 of 3/);
    expect(out.text()).toMatch(/✓ rename save \(temp file \+ rename\): seen after [\d.]+ ms \(3 of 3/);
    expect(out.text()).toContain('no need for --polling');
    expect(await readdir(join(workspace, '.hotlab'))).toEqual([]);
  });

  it('recommends polling, and says how, when events do not arrive', async () => {
    const report = await diagnose(workspace, { watch: eventsNeverArrive, timeoutMs: 400 });
    expect(report.ok).toBe(false);
    expect(report.events.probes.map((p) => [p.how, p.seen, p.tried])).toEqual([
      ['in-place', 0, 1],
      ['rename', 0, 1],
    ]);
    expect(report.polling?.ok).toBe(true);
    expect(report.advice).toContain(`hotlab serve ${join(workspace, 'service.js')} --polling`);
  });

  it('prints the polling advice and exits 1', async () => {
    const out = collect();
    expect(await doctor({ workspace, watch: eventsNeverArrive, timeoutMs: 400 }, out.stream)).toBe(1);
    expect(out.text()).toContain('✗ in-place save (truncate + write): not seen');
    expect(out.text()).toContain('with polling instead of events:');
    expect(out.text()).toContain('--polling');
  });

  it('says so when the workspace is not a folder', async () => {
    const out = collect();
    expect(await doctor({ workspace: join(workspace, 'nope') }, out.stream)).toBe(2);
    expect(out.text()).toContain('is not a folder');
  });
});
