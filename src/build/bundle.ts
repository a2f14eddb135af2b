// `npm run bundle`: the CLI, the sandbox child and the HTTP load client as one esbuild bundle in dist/bundle/, the
// only build the package ships. Its plugins take work off the lab's start-up (issue 11; `npm run bench:startup`).
import { renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { lazyGraphemeSegmenter } from './lazy-grapheme-segmenter.ts';
import { stringWidthLazyEmoji } from './string-width-lazy-emoji.ts';

const OUT_DIR = 'dist/bundle';

/**
 * `import { createServer } from 'node:http'` in an ES module makes Node build the module's ESM namespace, which
 * reads every export, lazy ones included: for node:http that loads undici and http2 (its WebSocket and friends),
 * ~90 ms of CPU before the lab can draw; node:fs, node:util and node:process cost ~10 ms each the same way. So the
 * bundle takes Node's built-ins through CommonJS `require` (every chunk has one, from the banner below), which hands
 * over the same module object without reading anything, and re-exports its plain values by name. Lazy exports (a
 * getter) are left out: importing one by name fails the build, so none is read by accident.
 * Each export reads its value in a pure call of its own, so esbuild drops the exports nothing imports: some values
 * are lazy too without looking it (node:util's parseArgs, diff, setTraceSigInt, a property that loads its module on
 * first read), and reading them all, as one destructuring did, loaded worker_threads and util's diff at start-up.
 */
const builtinsThroughRequire: Plugin = {
  name: 'builtins-through-require',
  setup(build) {
    const require = createRequire(import.meta.url);
    // One module per importer (`node:path from src/…`), so each sits in its importer's chunk: shared by several,
    // it was a chunk of its own (six of them, ~0.5 ms of module loading each before the first frame).
    build.onResolve({ filter: /^node:/ }, (args) =>
      args.kind === 'import-statement'
        ? { path: `${args.path} from ${relative(process.cwd(), args.importer)}`, namespace: 'node-builtin' }
        : { path: args.path, external: true },
    );
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => {
      const id = args.path.slice(0, args.path.indexOf(' from '));
      const builtin = require(id) as Record<string, unknown>;
      const names = Object.getOwnPropertyNames(builtin).filter(
        (name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default' && 'value' in Object.getOwnPropertyDescriptor(builtin, name)!,
      );
      const contents =
        `const __hotlabBuiltin = require(${JSON.stringify(id)});\n` +
        'export default __hotlabBuiltin;\n' +
        'function __hotlabRead(name) { return __hotlabBuiltin[name]; }\n' +
        names.map((name) => `export const ${name} = /* @__PURE__ */ __hotlabRead(${JSON.stringify(name)});\n`).join('');
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Ink lays out with yoga-layout, whose WebAssembly is embedded as a base64 data: URL. Its Emscripten loader fetches
 * that URL whenever `fetch` exists, and in Node the first fetch loads undici and decodes the URL character by
 * character: ~150 ms before the first frame. Without fetch it decodes the same bytes with atob and then copies them
 * one by one into a Uint8Array, a 72,000-turn loop that runs once, in V8's interpreter: ~4-6 ms before the first
 * frame; Buffer decodes the base64 natively in ~0.2 ms. The loader is minified, so the build fails loudly if a new
 * yoga-layout no longer has the texts replaced.
 */
const YOGA_BYTES_LOOP = 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c';
const yogaWithoutFetch: Plugin = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      const check = /"function"!=typeof fetch/g;
      const found = source.match(check)?.length ?? 0;
      if (found !== 2) {
        return { errors: [{ text: `yoga-without-fetch: expected 2 fetch checks in ${args.path}, found ${found}; review the plugin in src/build/bundle.ts` }] };
      }
      // `a` is the data: URL; 37 characters of it come before the base64.
      if (source.split(YOGA_BYTES_LOOP).length !== 2) {
        return { errors: [{ text: `yoga-without-fetch: ${args.path} no longer decodes its wasm with the loop the plugin replaces; review src/build/bundle.ts` }] };
      }
      const decoded = source.replace(YOGA_BYTES_LOOP, () => 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))');
      return { contents: decoded.replace(check, 'true'), loader: 'js' };
    });
  },
};

/**
 * Ink's signal-exit (v3) loads node:assert for one check of its argument, when Ink imports it: assert and its
 * error formatting (util colors, myers_diff, calltracker), ~1.5 ms before the first frame. The check stays, with
 * node:assert itself loaded only to report a failure, the same AssertionError as before.
 */
const SIGNAL_EXIT_ASSERT = "var assert = require('assert')";
const signalExitLazyAssert: Plugin = {
  name: 'signal-exit-lazy-assert',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]signal-exit[\\/]index\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const source = await readFile(args.path, 'utf8');
      if (source.split(SIGNAL_EXIT_ASSERT).length !== 2 || source.split('assert.').length !== 2) {
        return { errors: [{ text: `signal-exit-lazy-assert: ${args.path} no longer uses node:assert as the plugin expects; review src/build/bundle.ts` }] };
      }
      const lazy = "var assert = { equal: function (actual, expected, message) { if (actual != expected) require('assert').equal(actual, expected, message) } }";
      return { contents: source.replace(SIGNAL_EXIT_ASSERT, () => lazy), loader: 'js' };
    });
  },
};

// Built beside the old bundle, then swapped in by two renames: a CLI started meanwhile (an end-to-end test, a
// learner's lab) never finds dist/bundle half written or gone, as it did while esbuild wrote into an emptied folder.
const NEXT_DIR = `${OUT_DIR}.next-${process.pid}`;
const OLD_DIR = `${OUT_DIR}.old-${process.pid}`;
rmSync(NEXT_DIR, { recursive: true, force: true });
const options = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  // esbuild turns regex literals with \p{…} or the v flag into `new RegExp(…)` calls for every Node target, though
  // Node 24 has both. Inside a function that costs a RegExp construction per call where a literal is a cheap clone:
  // Ink filters every character of every new line of output through one (~3 ms per 5,000 characters, a first
  // frame's worth). Left as literals, they run as written.
  supported: { 'regexp-unicode-property-escapes': true, 'regexp-set-notation': true },
  outdir: NEXT_DIR,
  chunkNames: '[name]-[hash]',
  // The native addon stays a dependency, loaded from node_modules with its prebuilt binary; so does amaro (the
  // TypeScript stripper), whose wasm is loaded only when a workspace has a .ts module.
  external: ['isolated-vm', 'amaro'],
  // Ink imports React DevTools only when DEV is set; the package does not ship it.
  alias: { 'react-devtools-core': './src/ui/no-devtools.ts' },
  // Bundled CommonJS code (React, Ink's dependencies) calls require; ES modules have none of their own.
  banner: { js: "import{createRequire as __hotlabRequire}from'node:module';const require=__hotlabRequire(import.meta.url);" },
  // The shipped lab always runs React's production build (the development one renders about twice as slowly):
  // chosen here, React's and the reconciler's development builds (~1 MB) are not even parsed at start-up.
  // lab.ts also sets NODE_ENV, for runs from the sources; that assignment is expected, not a mistake.
  define: { 'process.env.NODE_ENV': '"production"' },
  logOverride: { 'assign-to-define': 'silent' },
  // stringWidthLazyEmoji before lazyGraphemeSegmenter: it applies both patches to string-width (see there).
  plugins: [builtinsThroughRequire, yogaWithoutFetch, signalExitLazyAssert, stringWidthLazyEmoji, lazyGraphemeSegmenter],
  logLevel: 'warning',
} satisfies BuildOptions;
await build({
  ...options,
  entryPoints: [
    // The bin: checks the Node version on whatever Node runs it, then imports main.
    { in: 'src/launcher.ts', out: 'cli' },
    { in: 'src/cli.tsx', out: 'main' },
  ],
  splitting: true,
});
// The sandbox child and the HTTP load client run in processes of their own, each one file without chunks: in the
// CLI's build, the modules they share with it made chunks of their own too, each a module more for the lab to load
// before its first frame.
await build({
  ...options,
  entryPoints: [
    { in: 'src/engine/sandbox/child-main.ts', out: 'child-main' },
    { in: 'src/bench/http-load-client.ts', out: 'http-load-client' },
  ],
  splitting: false,
});

try {
  renameSync(OUT_DIR, OLD_DIR);
} catch (error) {
  if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error;
}
renameSync(NEXT_DIR, OUT_DIR);
rmSync(OLD_DIR, { recursive: true, force: true });
