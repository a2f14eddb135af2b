// The package's own folder, found from wherever this code runs: dist/ (tsc), dist/bundle/ (esbuild) or src/
// (tests). Lessons, the starter service and package.json live there.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'sandbox'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('hotlab cannot find its own package folder');
    dir = parent;
  }
  cached = dir;
  return dir;
}
