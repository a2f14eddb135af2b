// The package's own folder, found from wherever this code runs: dist/bundle/ (esbuild) or src/ (tests).
// package.json and the lessons (with every lesson's starter) live there; the package ships no sandbox/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'lessons'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('hotlab cannot find its own package folder');
    dir = parent;
  }
  cached = dir;
  return dir;
}
