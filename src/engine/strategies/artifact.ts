// The "binary" of binary-replace: a self-contained build of one version of the whole program (every module),
// written next to the old one and renamed over it in one step, so a process starting at any moment reads either
// the old or the new build.
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreparedVersion } from './strategy.ts';

/** Writes the artifact and atomically installs it as `<stateDir>/bin/service.artifact`; returns that path. */
export async function writeArtifact(stateDir: string, version: PreparedVersion): Promise<string> {
  const buildDir = join(stateDir, 'build');
  const binDir = join(stateDir, 'bin');
  await Promise.all([mkdir(buildDir, { recursive: true }), mkdir(binDir, { recursive: true })]);
  const temp = join(buildDir, `service-v${version.version}.artifact.tmp`);
  const installed = join(binDir, 'service.artifact');
  const file = await open(temp, 'w');
  try {
    await file.writeFile(JSON.stringify({ format: 2, version: version.version, builtAt: new Date().toISOString(), program: version.program }));
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, installed);
  return installed;
}
