// The lab's edges without a terminal: what it says when there is no TTY, and progress that stays plain text
// when it goes into a pipe.
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { progressWriter } from '../../src/commands/bench.ts';
import { ensureBuilt, runCli } from './cli-process.ts';

describe('without a terminal', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('hotlab explains itself and names every headless command, lessons and check included', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    for (const command of ['npx hotlab lessons', 'npx hotlab check', 'npx hotlab serve', 'npx hotlab bench']) expect(run.stderr).toContain(command);
    expect(run.stderr).not.toContain('\u001b');
  });

  it("bench's progress into a pipe is plain lines, on a terminal it rewrites one line", () => {
    const collect = (isTTY: boolean) => {
      const stream = Object.assign(new PassThrough(), { isTTY });
      let text = '';
      stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const write = progressWriter(stream);
      write('bench: file-watch, in-place saves …');
      write('bench: HTTP capacity …');
      write('');
      return () => text;
    };
    const piped = collect(false);
    const terminal = collect(true);
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(piped()).toBe('bench: file-watch, in-place saves …\nbench: HTTP capacity …\n');
        expect(piped()).not.toContain('\u001b');
        expect(terminal()).toContain('\r\u001b[K');
        resolve();
      }),
    );
  });
});
