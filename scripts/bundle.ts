// `npm run bundle`: the CLI, the sandbox child and the HTTP load client as one esbuild bundle in dist/bundle/, the
// only build the package ships. Emptied first, so no chunk of an older build is left to be packed.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const OUT_DIR = 'dist/bundle';

rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  entryPoints: [
    // The bin: checks the Node version on whatever Node runs it, then imports main.
    { in: 'src/launcher.ts', out: 'cli' },
    { in: 'src/cli.tsx', out: 'main' },
    { in: 'src/engine/sandbox/child-main.ts', out: 'child-main' },
    { in: 'src/bench/http-load-client.ts', out: 'http-load-client' },
  ],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  outdir: OUT_DIR,
  chunkNames: '[name]-[hash]',
  // The native addon stays a dependency: it is loaded from node_modules with its prebuilt binary.
  external: ['isolated-vm'],
  // Ink imports React DevTools only when DEV is set; the package does not ship it.
  alias: { 'react-devtools-core': './src/ui/no-devtools.ts' },
  // Bundled CommonJS code (React, Ink's dependencies) calls require; ES modules have none of their own.
  banner: { js: "import{createRequire as __hotlabRequire}from'node:module';const require=__hotlabRequire(import.meta.url);" },
  logLevel: 'warning',
});
