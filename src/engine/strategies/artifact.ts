// The "binary" of binary-replace: a self-contained build of one version of the whole program (every module),
// written next to the old one and renamed over it in one step, so a process starting at any moment reads either
// the old or the new build.
import { closeSync, fsync, mkdirSync, openSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PreparedVersion } from './strategy.ts';

const fsyncFile = promisify(fsync);

/**
 * Writes the artifact and atomically installs it as `<stateDir>/bin/service.artifact`; returns that path. It is
 * on the path from a save to the new build serving, so only the fsync (which waits for the disk, up to ~150 ms
 * while other programs write) is waited for asynchronously; the rest is small and local and is done at once:
 * each asynchronous step waited for a turn of an event loop busy with traffic, 1-4 ms apiece on a busy machine.
 */
export async function writeArtifact(stateDir: string, version: PreparedVersion): Promise<string> {
  const buildDir = join(stateDir, 'build');
  const binDir = join(stateDir, 'bin');
  mkdirSync(buildDir, { recursive: true });
  mkdirSync(binDir, { recursive: true });
  const temp = join(buildDir, `service-v${version.version}.artifact.tmp`);
  const installed = join(binDir, 'service.artifact');
  const file = openSync(temp, 'w');
  try {
    writeFileSync(file, JSON.stringify({ format: 2, version: version.version, builtAt: new Date().toISOString(), program: version.program }));
    await fsyncFile(file);
  } finally {
    closeSync(file);
  }
  renameSync(temp, installed);
  return installed;
}
