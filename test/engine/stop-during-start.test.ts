// Quitting the lab the moment v1 serves: stop() runs while start() is still bringing up HTTP and the watcher.
// Whatever start() brings up after that must be closed too, or the process outlives the lab (seen: the lab
// stuck on "sandbox stopping…" with the workspace watcher still open).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { counter } from './lab-fixture.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const watchers = (): number => process.getActiveResourcesInfo().filter((name) => name === 'FSEventWrap').length;

it('stopped as v1 starts serving, the engine leaves no HTTP server or file watcher behind', async () => {
  dir = await mkdtemp(join(tmpdir(), 'hotlab-stop-during-start-'));
  const file = join(dir, 'service.js');
  await writeFile(file, counter('v1'));
  const port = await freePort();
  const watchersBefore = watchers();
  const engine = new Engine({ file, http: { port, host: '127.0.0.1' }, traffic: { rate: 0 } });
  let stopping: Promise<void> | null = null;
  // v1 is accepted before HTTP and the watcher start: stop at that moment, as a learner's q would.
  engine.subscribe(() => {
    if (stopping === null && engine.getSnapshot().version === 1) stopping = engine.stop();
  });
  await engine.start();
  expect(stopping).not.toBeNull();
  await stopping;
  expect(await accepts(port)).toBe(false);
  expect(watchers()).toBe(watchersBefore);
});

it('stopped while v1 boots (q at once on a loaded machine), the engine records no refusal: nothing was refused', async () => {
  dir = await mkdtemp(join(tmpdir(), 'hotlab-stop-during-start-'));
  const file = join(dir, 'service.js');
  await writeFile(file, counter('v1'));
  const engine = new Engine({ file, traffic: { rate: 0 } });
  let stopping: Promise<void> | null = null;
  // v1 is being booted in its sandbox: stop then, as a learner's q before v1 serves would.
  engine.subscribe(() => {
    if (stopping === null && engine.getSnapshot().sandbox.state === 'starting') stopping = engine.stop();
  });
  await engine.start();
  expect(stopping).not.toBeNull();
  await stopping;
  const snapshot = engine.getSnapshot();
  expect(snapshot.rejection).toBeNull();
  expect(snapshot.updates.filter((u) => u.outcome === 'rejected').map((u) => u.reason)).toEqual([]);
});
