#!/usr/bin/env node
// The `hotlab` bin, bundled as dist/bundle/cli.js: the first file to run, on whatever Node the user has. On a Node
// older than 24 it explains before anything that needs 24 loads (isolated-vm's native module has no build for older
// Nodes, and the failure would be a stack trace). The real CLI (cli.tsx) then loads in this same process: a normal
// start pays for one small module, not a second process. It must parse on old Nodes: no syntax newer than ES2017
// besides top-level await, and nothing imported that is not as plain.
import { isOldNode, oldNodeMessage, runOnNode24Command } from './node-version.ts';

if (isOldNode(process.versions.node)) {
  const { isAbsolute, relative } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const cli = fileURLToPath(import.meta.url);
  const fromHere = relative(process.cwd(), cli);
  const shown = fromHere.startsWith('..') || isAbsolute(fromHere) ? cli : fromHere;
  const command = runOnNode24Command(shown, process.argv.slice(2));
  process.stderr.write(oldNodeMessage({ version: process.versions.node, execPath: process.execPath }, command));
  process.exitCode = 1;
} else {
  // V8's compile cache: the first run stores the bytecode of the bundle's modules; later runs skip parsing and
  // compiling them (~65 ms less CPU before the first frame here). Node keys it by file content and Node version and
  // keeps it in its own default folder (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE); setting
  // NODE_DISABLE_COMPILE_CACHE=1 turns it off.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache();
  await import('./cli.tsx');
}
