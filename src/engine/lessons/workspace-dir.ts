// Which folder is the learner's workspace. Without --workspace: the folder they stand in when it is a hotlab
// workspace already (it holds .hotlab/, which the lab and `hotlab check` write), else ./sandbox. The lab, check,
// lessons and doctor all resolve it here, so they never disagree about where the learner's files are (a learner
// who cd'ed into their workspace got "0 of 16 done" and a stray sandbox/ inside it).
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The workspace made in the current folder when it is not a workspace itself. */
export const DEFAULT_WORKSPACE = 'sandbox';

export interface ResolvedWorkspace {
  /** Absolute path of the workspace. */
  dir: string;
  /**
   * The options a command told to the learner needs to reach `dir` from where they stand: `--workspace DIR`,
   * or '' when a command without --workspace picks `dir` by itself.
   */
  option: string;
}

/** The workspace for `--workspace` (absent: chosen from `cwd`, see above). */
export function resolveWorkspace(given: string | undefined, cwd: string = process.cwd()): ResolvedWorkspace {
  const byItself = isWorkspace(cwd) ? resolve(cwd) : resolve(cwd, DEFAULT_WORKSPACE);
  const dir = given === undefined ? byItself : resolve(cwd, given);
  // The folder as the learner typed it: a relative --workspace still works from where they stand.
  return { dir, option: dir === byItself ? '' : `--workspace ${shellWord(given ?? dir)}` };
}

/** A command for the learner to run: `hotlab check 07` plus the workspace's option when it needs one. */
export function commandFor(command: string, workspace: ResolvedWorkspace): string {
  return workspace.option === '' ? command : `${command} ${workspace.option}`;
}

/** The folder holds .hotlab/: the lab or a check has used it as a workspace. */
function isWorkspace(dir: string): boolean {
  return statSync(join(dir, '.hotlab'), { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** `text` as one shell word: quoted when it holds anything a shell would split or expand. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/u.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
