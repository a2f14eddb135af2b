// Writing a file the two ways editors save, so checks and `hotlab doctor` exercise what the watcher must see.
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SaveHow } from './check-types.ts';

let tempCounter = 0;

/**
 * `in-place`: open with O_TRUNC and write (the file keeps its inode; a reader can catch it empty).
 * `rename`: write a temp file in the same folder, then rename it over (a new inode replaces the old one
 * atomically; a watch on the old inode goes silent, which is why hotlab watches the folder).
 */
export async function saveAs(file: string, content: string, how: SaveHow): Promise<void> {
  if (how === 'in-place') {
    await writeFile(file, content);
    return;
  }
  // Same folder, so the rename stays on one file system and is atomic.
  const temp = join(dirname(file), `.${basename(file)}.hotlab-save-${process.pid}-${tempCounter++}`);
  await writeFile(temp, content);
  await rename(temp, file);
}

/**
 * Saves several files of one folder in place, as an editor's "save all" would, so that the watcher sees them as
 * one update: the writes are synchronous, one after another, so no event of the first can be handled (the engine
 * runs in this process) before the last is written, and the update that event starts reads them all. One file is
 * saved as `saveAs` does.
 */
export async function saveAllInPlace(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  const entries = Object.entries(files);
  if (entries.length === 1) {
    const [file, content] = entries[0]!;
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await saveAs(join(dir, file), content, 'in-place');
    return;
  }
  for (const [file, content] of entries) {
    // A module the learner added may sit in a folder the starter does not have.
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
}
