// Writing a file the two ways editors save, so checks and `hotlab doctor` exercise what the watcher must see.
import { rename, writeFile } from 'node:fs/promises';
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
