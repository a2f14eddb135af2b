// The temp folders of the scratch services that are still up, removed when this process exits however it exits:
// a lab whose terminal closed while a check was booting (its clean-up given up after a few seconds), a test
// worker ending mid-check. Each such exit left a hotlab-check-* folder in the temp directory. The sandbox
// processes need nothing of the kind: they kill themselves when the engine's process is gone.
import { rmSync } from 'node:fs';

const live = new Set<string>();
let listening = false;

export function trackScratchFolder(dir: string): void {
  live.add(dir);
  if (listening) return;
  listening = true;
  process.on('exit', () => {
    for (const folder of live) {
      try {
        rmSync(folder, { recursive: true, force: true });
      } catch {
        // Nothing more can be done while exiting; the folder is in the temp directory, which the system clears.
      }
    }
  });
}

export function untrackScratchFolder(dir: string): void {
  live.delete(dir);
}
