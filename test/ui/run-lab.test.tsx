// runLab end to end on fake TTY streams: quitting stops the engine first, Ctrl+C works from the REPL,
// and NO_COLOR means no colour escape codes at all.
import { expect, test, vi } from 'vitest';

// Chalk decides its colour level when first imported, from FORCE_COLOR and the TTY; force it on so
// that "no colour" below is the lab's doing (NO_COLOR), not a test runner without a terminal.
vi.hoisted(() => {
  process.env['FORCE_COLOR'] = '1';
});

const { runLab } = await import('../../src/ui/run-lab.tsx');
const { FakeEngine, feedEntry, updateRecord } = await import('./fake-engine.ts');
const { FakeStdin, FakeStdout, KEYS, waitForFrame, nextTurn } = await import('./render-lab.tsx');

// eslint-disable-next-line no-control-regex
const SGR = /\u001B\[[0-9;]*m/;
// eslint-disable-next-line no-control-regex
const strip = (text: string) => text.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');

function start(env: Record<string, string | undefined> = {}) {
  const engine = new FakeEngine();
  const stdout = new FakeStdout(80, 24, true);
  const stdin = new FakeStdin();
  const stderr = new FakeStdout(80, 24, false);
  const handle = runLab(engine, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    env,
    cwd: '/work/lab',
    // Vitest replaces `console` with one that Ink's console patching cannot wrap.
    patchConsole: false,
  });
  const output = () => stdout.frames.join('');
  const waitFor = (text: string) => waitForFrame(stdout, () => strip(output()).includes(text));
  return { engine, stdout, stdin, stderr, handle, output, waitFor };
}

test('q stops the engine, then exits; the terminal is restored', async () => {
  const lab = start();
  await lab.waitFor('Live service');
  await nextTurn();
  let releaseStop = () => {};
  lab.engine.stopGate = new Promise<void>((resolve) => {
    releaseStop = resolve;
  });
  lab.stdin.write('q');
  await lab.waitFor('stopping…');
  expect(lab.engine.callsTo('stop')).toHaveLength(1);
  let exited = false;
  const exit = lab.handle.waitUntilExit().then(() => {
    exited = true;
  });
  await nextTurn();
  expect(exited).toBe(false); // still waiting for the engine
  releaseStop();
  await exit;
  expect(lab.engine.callsTo('stop')).toHaveLength(1);
  // Leaves the alternate screen and shows the cursor again.
  expect(lab.output()).toContain('\u001B[?1049l');
  expect(lab.output()).toContain('\u001B[?25h');
});

test('Ctrl+C quits from inside the REPL', async () => {
  const lab = start();
  await lab.waitFor('Live service');
  await nextTurn();
  lab.stdin.write('/');
  await lab.waitFor('Enter run');
  await nextTurn();
  lab.stdin.write(KEYS.ctrlC);
  await lab.handle.waitUntilExit();
  expect(lab.engine.callsTo('stop')).toHaveLength(1);
});

test('a second q exits even if the engine never finishes stopping', async () => {
  const lab = start();
  await lab.waitFor('Live service');
  await nextTurn();
  lab.engine.stopGate = new Promise<void>(() => {});
  lab.stdin.write('q');
  await lab.waitFor('stopping…');
  await nextTurn();
  lab.stdin.write('q');
  await lab.handle.waitUntilExit();
});

test('an engine that fails to stop is reported on stderr, and waitUntilExit still resolves', async () => {
  const lab = start();
  await lab.waitFor('Live service');
  await nextTurn();
  lab.engine.stopGate = Promise.reject(new Error('sandbox did not exit'));
  lab.stdin.write('q');
  await lab.handle.waitUntilExit();
  expect(lab.stderr.frames.join('')).toContain('hotlab: the engine did not stop cleanly: sandbox did not exit');
});

test('colour is used by default (here forced on)', async () => {
  const lab = start({});
  lab.engine.pushRequests(feedEntry({ body: 'pong', version: 2 }));
  lab.engine.pushUpdate(updateRecord({ version: 2 }));
  await lab.waitFor('pong');
  expect(lab.output()).toMatch(SGR);
  lab.stdin.write(KEYS.ctrlC);
  await lab.handle.waitUntilExit();
});

test('NO_COLOR: not a single colour or style escape code', async () => {
  const lab = start({ NO_COLOR: '1' });
  lab.engine.pushRequests(feedEntry({ body: 'pong', version: 2 }), feedEntry({ status: 503, failed: true, version: null }));
  lab.engine.pushUpdate(updateRecord({ version: 2 }));
  lab.engine.publish({ problem: 'sandbox crashed' });
  await lab.waitFor('sandbox crashed');
  await nextTurn();
  lab.stdin.write('/');
  await lab.waitFor('Enter run');
  expect(lab.output()).not.toMatch(SGR);
  lab.stdin.write(KEYS.ctrlC);
  await lab.handle.waitUntilExit();
  expect(lab.output()).not.toMatch(SGR);
});
