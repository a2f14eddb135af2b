// `npm run soak` runs built, as the lab does: run from the sources, every sandbox process strips its own TypeScript
// as it loads (Node's type stripper is WebAssembly), which made each one ~35 MB larger than the lab's and the memory
// soak's figures those of a process the learner never runs (issue 11). Built into dist/soak, never shipped.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const OUT_DIR = 'dist/soak';
rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  entryPoints: [
    { in: 'src/bench/soak.ts', out: 'soak' },
    // Found next to the engine's chunk, as in dist/bundle (sandbox-process.ts).
    { in: 'src/engine/sandbox/child-main.ts', out: 'child-main' },
  ],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  outdir: OUT_DIR,
  chunkNames: '[name]-[hash]',
  external: ['isolated-vm', 'amaro'],
  banner: { js: "import{createRequire as __hotlabRequire}from'node:module';const require=__hotlabRequire(import.meta.url);" },
  logLevel: 'warning',
});
