// The learner's workspace and a lesson's files: copy the starter in without ever overwriting an edit, reset
// to the starter only after a backup, and show the reference solution as a diff.
import { constants, copyFileSync, mkdirSync } from 'node:fs';
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HotlabError } from '../errors.ts';
import { readServiceFile } from '../read-service-file.ts';
import type { Lesson, LessonFiles } from './lesson-types.ts';
import { SERVICE_FILE } from './load-lessons.ts';
import { unifiedDiff } from './unified-diff.ts';
import { CompileCache } from '../graph/load-graph.ts';
import { readProgram } from '../graph/read-program.ts';

/** Which starter files were copied, and which were left alone because the learner already has them. */
export interface StarterCopy {
  copied: string[];
  kept: string[];
}

/** How a workspace file compares with the lesson's starter. */
export interface StarterFileState {
  file: string;
  state: 'missing' | 'starter' | 'edited';
}

export interface ResetResult {
  /** Where the learner's files were copied first; null when there was nothing to keep. */
  backupDir: string | null;
  backedUp: string[];
  /** Starter files written over the workspace. */
  written: string[];
}

/** The entry module in a workspace: `service.js`, or the lesson's entry (`service.ts`). */
export function serviceFile(workspace: string, entry: string = SERVICE_FILE): string {
  return join(workspace, entry);
}

/**
 * Copies the lesson's starter files into the workspace where they do not exist yet. An existing file is never
 * touched, even if it is the previous lesson's: the learner's edits are theirs (design §1).
 */
export async function copyStarter(lesson: Lesson, workspace: string): Promise<StarterCopy> {
  const result: StarterCopy = { copied: [], kept: [] };
  // Synchronously, as progress is saved (progress.ts saveProgress): the lab does this before its first frame.
  for (const file of lesson.starterFiles) {
    const target = join(workspace, file);
    mkdirSync(dirname(target), { recursive: true });
    try {
      // COPYFILE_EXCL: the existence test and the copy are one step, so an editor creating the file meanwhile wins.
      copyFileSync(join(lesson.dir, 'starter', file), target, constants.COPYFILE_EXCL);
      result.copied.push(file);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
      result.kept.push(file);
    }
  }
  return result;
}

/** For each starter file: missing from the workspace, identical to the starter, or edited (or another lesson's). */
export async function starterState(lesson: Lesson, workspace: string): Promise<StarterFileState[]> {
  const states: StarterFileState[] = [];
  for (const file of lesson.starterFiles) {
    const mine = await readFile(join(workspace, file), 'utf8').catch(() => null);
    const starter = await readFile(join(lesson.dir, 'starter', file), 'utf8');
    states.push({ file, state: mine === null ? 'missing' : mine === starter ? 'starter' : 'edited' });
  }
  return states;
}

/**
 * Puts the lesson's starter files back. The caller has asked the learner to confirm; the learner's current
 * versions of the files the reset overwrites are first copied to `<workspace>/.hotlab/backups/<timestamp>/`.
 */
export async function resetLesson(lesson: Lesson, workspace: string, now: Date = new Date()): Promise<ResetResult> {
  const backupDir = join(workspace, '.hotlab', 'backups', now.toISOString().replace(/[:.]/g, '-'));
  const backedUp: string[] = [];
  for (const file of lesson.starterFiles) {
    const source = join(workspace, file);
    const exists = await stat(source).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists) continue;
    const target = join(backupDir, file);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target, constants.COPYFILE_EXCL);
    backedUp.push(file);
  }
  const written: string[] = [];
  for (const file of lesson.starterFiles) {
    const target = join(workspace, file);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(lesson.dir, 'starter', file), target);
    written.push(file);
  }
  return { backupDir: backedUp.length > 0 ? backupDir : null, backedUp, written };
}

/** The learner's entry module (service.js), or a clear error saying where it was expected. */
export function readLearnerSource(workspace: string, entry: string = SERVICE_FILE): Promise<string> {
  return readServiceFile(join(workspace, entry));
}

/**
 * The learner's version of each of the lesson's program files. The entry must exist (a clear error says where);
 * another file the learner has not got is the starter's, as the check would see it (lessons/FORMAT.md). A module
 * the learner added (the program imports it, the lesson has no such file) comes too: the check runs the
 * learner's program, not only the lesson's files. Other files of the workspace (another lesson's) do not.
 */
export async function readLearnerFiles(lesson: Lesson, workspace: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const file of lesson.starterFiles) {
    files[file] = file === lesson.entry ? await readLearnerSource(workspace, file) : ((await readFile(join(workspace, file), 'utf8').catch(() => null)) ?? lesson.starterSources[file]!);
  }
  // What the entry reaches, as the engine reads it (a program it refuses still names the files it read).
  const read = readProgram(workspace, lesson.entry, new CompileCache());
  for (const [file, text] of read.sources) if (!(file in files)) files[file] = text;
  return files;
}

/** Every file is the starter's, byte for byte. */
export function isStarter(lesson: Lesson, files: LessonFiles): boolean {
  return lesson.starterFiles.every((file) => files[file] === lesson.starterSources[file]);
}

/**
 * The learner's files against the reference solution, as unified diffs one after another, one per file that
 * differs ('' when they are all the same). A string is the entry's text (the other files: the starter's).
 */
export function solutionDiff(lesson: Lesson, learner: string | LessonFiles): string {
  const files = typeof learner === 'string' ? { ...lesson.starterSources, [lesson.entry]: learner } : learner;
  return lesson.starterFiles
    .map((file) => unifiedDiff(files[file] ?? lesson.starterSources[file]!, lesson.solutionSources[file]!, { oldLabel: `your ${file}`, newLabel: `${lesson.id}/solution/${file}` }))
    .filter((diff) => diff !== '')
    .join('');
}
