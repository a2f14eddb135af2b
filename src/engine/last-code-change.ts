// The learner's last code change, which compare replays: the newest two consecutive applied versions whose code
// differs. A strategy switch or a reload makes a new version of the same code, so "the last two versions" would
// replay no change at all (every strategy applies it and keeps state, which teaches the opposite of the lesson).
import type { ProgramSources } from './graph/program-graph.ts';
import type { AppliedVersion } from './version-history.ts';

export interface CodeChange {
  before: AppliedVersion;
  after: AppliedVersion;
  /** The modules whose source differs: changed, added or removed (`after`'s order, then the removed ones). */
  changed: string[];
}

/** Null while no two consecutive versions kept differ in code (nothing saved yet, or only switches and reloads). */
export function lastCodeChange(history: readonly AppliedVersion[]): CodeChange | null {
  for (let i = history.length - 1; i > 0; i--) {
    const before = history[i - 1]!;
    const after = history[i]!;
    const changed = changedModules(before.sources, after.sources);
    if (changed.length > 0) return { before, after, changed };
  }
  return null;
}

function changedModules(before: ProgramSources, after: ProgramSources): string[] {
  const changed = [...after].filter(([id, source]) => before.get(id) !== source).map(([id]) => id);
  const removed = [...before.keys()].filter((id) => !after.has(id));
  return [...changed, ...removed];
}
