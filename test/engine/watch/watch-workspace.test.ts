import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileWatcher, SaveEvent } from '../../../src/engine/watch/save-events.ts';
import { watchWorkspace } from '../../../src/engine/watch/watch-workspace.ts';

let workspace: string;
let watcher: FileWatcher | undefined;
let events: SaveEvent[];

beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'hotlab-ws-watch-'));
  await mkdir(join(workspace, 'lib'));
  await mkdir(join(workspace, '.hotlab'));
  await writeFile(join(workspace, 'service.js'), 'export const v = 0;\n');
  await writeFile(join(workspace, 'lib', 'greet.ts'), 'export const g = 0;\n');
  events = [];
  watcher = await watchWorkspace(workspace, {}, (event) => events.push(event));
});

afterEach(async () => {
  await watcher?.close();
  await rm(workspace, { recursive: true, force: true });
});

async function until(test: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5_000;
  while (!test()) {
    if (Date.now() > end) throw new Error(`never saw ${what}; saw ${JSON.stringify(events.map((e) => [e.kind, e.file]))}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('watching every module of a workspace', () => {
  it('reports saves of modules anywhere in it, each with its own content', async () => {
    await writeFile(join(workspace, 'lib', 'greet.ts'), 'export const g = 1;\n');
    await writeFile(join(workspace, 'service.js'), 'export const v = 1;\n');
    await until(() => events.length >= 2, 'two saves');
    expect(events).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'change', file: join(workspace, 'lib', 'greet.ts'), content: 'export const g = 1;\n' }),
      expect.objectContaining({ kind: 'change', file: join(workspace, 'service.js'), content: 'export const v = 1;\n' }),
    ]));
  });

  it('sees a module created in a new folder, and a rename save of it', async () => {
    await mkdir(join(workspace, 'routes'));
    await writeFile(join(workspace, 'routes', 'index.js'), 'export const r = 1;\n');
    await until(() => events.some((e) => e.kind === 'change' && e.file.endsWith('index.js')), 'the new module');
    await writeFile(join(workspace, 'routes', '.index.js.swp'), 'export const r = 2;\n');
    await rename(join(workspace, 'routes', '.index.js.swp'), join(workspace, 'routes', 'index.js'));
    await until(() => events.some((e) => e.kind === 'change' && e.content === 'export const r = 2;\n'), 'the rename save');
  });

  it('ignores what is not a module, and hotlab\'s own folder', async () => {
    await writeFile(join(workspace, 'notes.md'), '# notes\n');
    await writeFile(join(workspace, '.hotlab', 'state.js'), 'x\n');
    await writeFile(join(workspace, 'service.js'), 'export const v = 2;\n');
    await until(() => events.length >= 1, 'the module save');
    await new Promise((r) => setTimeout(r, 200));
    expect(events.map((e) => e.file)).toEqual([join(workspace, 'service.js')]);
  });
});
