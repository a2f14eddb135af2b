// Reads the learner's service file, turning the ways that fails into one sentence that says what to do.
import { readFile } from 'node:fs/promises';
import { describeError, HotlabError } from './errors.ts';

export async function readServiceFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : '';
    if (code === 'ENOENT') {
      throw new HotlabError(`${file} does not exist: create it (npx hotlab copies the current lesson's starter into ./sandbox) or point to another file`, { cause: error });
    }
    if (code === 'EISDIR') throw new HotlabError(`${file} is a folder: give the service file itself`, { cause: error });
    throw new HotlabError(`cannot read ${file}: ${describeError(error)}`, { cause: error });
  }
}
