import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type SaveEvent,
  type FileWatcher as ServiceFileWatcher,
  type WatchNote,
  type WatchOptions as WatchServiceFileOptions,
  watchServiceFile,
} from '../../../src/engine/watch/watch-service-file.ts';

const WAIT_MS = 5_000;

let directory: string;
let file: string;
let watcher: ServiceFileWatcher | undefined;
let events: SaveEvent[];
let notes: WatchNote[];
let waiters: Array<() => void>;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hotlab-watch-'));
  file = join(directory, 'service.js');
  await writeFile(file, 'export const v = 0;\n');
  events = [];
  notes = [];
  waiters = [];
});

afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  await rm(directory, { recursive: true, force: true });
});

async function start(options: Omit<WatchServiceFileOptions, 'onNote'> = {}, onNote?: (note: WatchNote) => void): Promise<void> {
  const wake = (): void => waiters.forEach((waiter) => waiter());
  watcher = await watchServiceFile(
    file,
    {
      ...options,
      onNote: (note) => {
        notes.push(note);
        onNote?.(note);
        wake();
      },
    },
    (event) => {
      events.push(event);
      wake();
    },
  );
}

/** Resolves when `condition` holds after some event or note; fails with what was seen after WAIT_MS. */
function until(condition: () => boolean, what: string): Promise<void> {
  if (condition()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!condition()) return;
      finish();
      resolve();
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out waiting for ${what}; saw ${JSON.stringify({ events: summary(), notes })}`));
    }, WAIT_MS);
    const finish = (): void => {
      clearTimeout(timer);
      waiters = waiters.filter((waiter) => waiter !== check);
    };
    waiters.push(check);
  });
}

function within(promise: Promise<void>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const changes = (): string[] => events.flatMap((event) => (event.kind === 'change' ? [event.content] : []));
const deletions = (): number => events.filter((event) => event.kind === 'deleted').length;
const summary = (): string[] => events.map((event) => (event.kind === 'change' ? event.content : event.kind === 'deleted' ? '<deleted>' : `<${event.reason}>`));
const lastChangeIs = (content: string) => () => changes().at(-1) === content;

describe('watchServiceFile', () => {
  it('reports an in-place write with its timings', async () => {
    await start();
    await writeFile(file, 'in place');
    await until(lastChangeIs('in place'), 'the in-place write');

    const event = events.at(-1);
    expect(event?.kind).toBe('change');
    if (event?.kind !== 'change') return;
    expect(event.file).toBe(file);
    expect(event.readMs).toBeGreaterThanOrEqual(0);
    expect(event.eventAt).toBeGreaterThan(event.mtimeMs - 1);
    expect(event.eventAt - event.mtimeMs).toBeLessThan(WAIT_MS);
  });

  it('reports a save written to a temp file and renamed over the file (VS Code, vim with a swap-and-rename)', async () => {
    await start();
    await writeFile(`${file}.tmp`, 'renamed over');
    await rename(`${file}.tmp`, file);
    await until(lastChangeIs('renamed over'), 'the renamed save');
    expect(deletions()).toBe(0);

    // The new inode is still watched: a second rename save is seen too.
    await writeFile(`${file}.tmp`, 'renamed again');
    await rename(`${file}.tmp`, file);
    await until(lastChangeIs('renamed again'), 'the second renamed save');
    expect(deletions()).toBe(0);
  });

  it('reports a save that renames the original to a backup, then writes a new file (vim backupcopy=no)', async () => {
    await start();
    await rename(file, `${file}~`);
    await writeFile(file, 'after backup');
    await unlink(`${file}~`);
    await until(lastChangeIs('after backup'), 'the save after the backup rename');
    expect(deletions()).toBe(0);
  });

  it('reports a delete-then-create save as a change, not a deletion', async () => {
    await start();
    await unlink(file);
    await writeFile(file, 'recreated');
    await until(lastChangeIs('recreated'), 'the re-created file');
    expect(deletions()).toBe(0);
  });

  it('does not report the empty file between a truncate and the write that follows it', async () => {
    let fd: number | undefined;
    // The write lands synchronously as soon as the watcher has read the file empty: inside the grace period.
    await start({}, (note) => {
      if (note.kind !== 'empty-read' || fd === undefined) return;
      writeSync(fd, 'written after truncate', 0);
      closeSync(fd);
      fd = undefined;
    });
    fd = openSync(file, 'r+');
    ftruncateSync(fd, 0);
    await until(lastChangeIs('written after truncate'), 'the content written after the truncate');

    expect(notes.some((note) => note.kind === 'empty-read')).toBe(true);
    expect(changes()).not.toContain('');
  });

  it('reports a file left empty once the grace period has passed', async () => {
    await start();
    await writeFile(file, '');
    await until(lastChangeIs(''), 'the emptied file');
    expect(notes.some((note) => note.kind === 'empty-read')).toBe(true);
  });

  it('does not report the same mtime and content twice when an event brings nothing new', async () => {
    await start();
    await writeFile(file, 'once');
    await until(lastChangeIs('once'), 'the save');
    // chokidar swallows a change with the same stats inside its 50 ms throttle window; step past it so the
    // chmod below really reaches the watcher as a second event for the same save.
    await delay(60);
    await chmod(file, 0o600);
    await until(() => notes.some((note) => note.kind === 'unchanged'), 'the duplicate event');
    expect(changes()).toEqual(['once']);

    await writeFile(file, 'twice');
    await until(lastChangeIs('twice'), 'the next save');
    expect(changes()).toEqual(['once', 'twice']);
  });

  it('ends a burst of 20 quick saves with the last content', async () => {
    await start();
    const saves = Array.from({ length: 20 }, (_, index) => `export const v = ${index + 1};\n`);
    for (const content of saves) await writeFile(file, content);
    await until(lastChangeIs(saves.at(-1) ?? ''), 'the last save of the burst');

    // Every report is a whole save, never half-written, and never one twice in a row. An empty report is
    // allowed: a save stalled between its truncate and its write for longer than the grace period cannot be
    // told from an emptied file (seen here with four busy loops on two cores: an 80 ms stall).
    for (const content of changes()) expect(['', ...saves]).toContain(content);
    changes().forEach((content, index, all) => expect(content).not.toBe(all[index - 1]));
  });

  it('reports a deletion once, and a change when the file comes back', async () => {
    await start();
    await unlink(file);
    await until(() => deletions() === 1, 'the deletion');
    expect(events.at(-1)).toMatchObject({ kind: 'deleted', file });

    await writeFile(file, 'back again');
    await until(lastChangeIs('back again'), 'the re-created file');
    await unlink(file);
    await until(() => deletions() === 2, 'the second deletion');
    expect(summary()).toEqual(['<deleted>', 'back again', '<deleted>']);
  });

  it('sees saves with the polling backend', async () => {
    await start({ polling: true });
    await writeFile(file, 'polled');
    await until(lastChangeIs('polled'), 'the polled save');
  });

  it('follows a symlinked file: two saves through the link within 50 ms are both seen', async () => {
    // The workspace holds a link; the file lives elsewhere (a dotfiles repo, a shared folder).
    const elsewhere = join(directory, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'real.js'), 'real 0');
    await unlink(file);
    await symlink(join(elsewhere, 'real.js'), file);
    await start();
    await writeFile(file, 'through the link 1');
    await delay(20);
    await writeFile(file, 'through the link 2');
    await until(lastChangeIs('through the link 2'), 'the second save through the link');
    // A save by rename in the real file's folder (what an editor opening the target does) is seen too.
    await writeFile(join(elsewhere, 'real.js.tmp'), 'renamed in place');
    await rename(join(elsewhere, 'real.js.tmp'), join(elsewhere, 'real.js'));
    await until(lastChangeIs('renamed in place'), 'the rename save of the target');
    expect(deletions()).toBe(0);
  });

  it('follows a link that is pointed at another file', async () => {
    const elsewhere = join(directory, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'a.js'), 'a');
    await writeFile(join(elsewhere, 'b.js'), 'b');
    await unlink(file);
    await symlink(join(elsewhere, 'a.js'), file);
    await start();
    await symlink(join(elsewhere, 'b.js'), `${file}.new`);
    await rename(`${file}.new`, file);
    await until(lastChangeIs('b'), 'the new target');
    await writeFile(join(elsewhere, 'b.js'), 'b edited');
    await until(lastChangeIs('b edited'), 'a save of the new target');
  });

  it('says so once when the file is replaced by a folder, and reports the file when it is back', async () => {
    await start();
    await unlink(file);
    await mkdir(file);
    await until(() => events.some((event) => event.kind === 'unreadable'), 'the folder to be reported');
    expect(events.at(-1)).toMatchObject({ kind: 'unreadable', file, reason: 'is a folder now, not a file' });
    await writeFile(join(file, 'inside.js'), 'x');
    await rm(file, { recursive: true });
    await writeFile(file, 'a file again');
    await until(lastChangeIs('a file again'), 'the file to be back');
    expect(events.filter((event) => event.kind === 'unreadable')).toHaveLength(1);
  });

  it('reports nothing once closed', async () => {
    await start();
    await watcher?.close();
    // A second watcher proves a save after the close was there to be seen.
    let probeSaw!: () => void;
    const saw = new Promise<void>((resolve) => (probeSaw = resolve));
    const probe = await watchServiceFile(file, {}, (event) => event.kind === 'change' && probeSaw());
    try {
      await writeFile(file, 'after close');
      await within(saw, 'the probe to see the save');
    } finally {
      await probe.close();
    }
    expect(events).toEqual([]);
  });
});
