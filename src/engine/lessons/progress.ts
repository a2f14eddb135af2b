// The learner's progress: `<workspace>/.hotlab/progress.json`, versioned, written atomically. A file that
// cannot be read as progress is set aside (never deleted) and the learner starts fresh: losing a checkmark is
// better than a lab that refuses to open.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lesson } from './lesson-types.ts';
import { describeError } from '../errors.ts';

export const PROGRESS_VERSION = 1;

/** One lesson's progress. */
export interface LessonProgress {
  done: boolean;
  /** ISO time the check first passed; null until then. */
  doneAt: string | null;
  /** How many hints the learner has opened (they open in order). @default 0 */
  hintsShown: number;
}

/** The whole file. Lessons not in it have default progress; ids of lessons no longer shipped are kept. */
export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** The lesson the learner is on; null before the first one is opened. */
  current: string | null;
  lessons: Record<string, LessonProgress>;
}

/** What loading found. */
export interface LoadedProgress {
  progress: Progress;
  /** Set when the file was unreadable: what was wrong and where it was kept. Show it to the learner. */
  problem?: { message: string; backup: string };
}

export function progressFile(workspace: string): string {
  return join(workspace, '.hotlab', 'progress.json');
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, current: null, lessons: {} };
}

export async function loadProgress(workspace: string, now: Date = new Date()): Promise<LoadedProgress> {
  const file = progressFile(workspace);
  let text: string;
  try {
    // Read and written synchronously (see saveProgress).
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { progress: emptyProgress() };
    throw error;
  }
  let reason: string;
  try {
    const parsed = parseProgress(JSON.parse(text));
    if (typeof parsed !== 'string') return { progress: parsed };
    reason = parsed;
  } catch (error) {
    reason = `it is not valid JSON (${describeError(error)})`;
  }
  const backup = await freeName(`${file}.bak-${stamp(now)}`);
  await rename(file, backup);
  return {
    progress: emptyProgress(),
    problem: { backup, message: `Your progress file could not be read: ${reason}. It was kept as ${backup} and progress starts fresh.` },
  };
}

/**
 * Write to a temp file, then rename over: a crash mid-write leaves the old file, never half a new one. The lab
 * loads, saves and copies the starter before its first frame (prepareLessonWorkspace): through fs/promises that
 * was a dozen thread-pool round trips, each waiting for a core on a busy machine (~5-9 ms of the start-up's wall
 * time at load 3-6, for ~1 ms of work). Synchronous, these small files cost ~0.1 ms a call, here and in the lab.
 */
export async function saveProgress(workspace: string, progress: Progress): Promise<void> {
  const file = progressFile(workspace);
  mkdirSync(join(workspace, '.hotlab'), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
  renameSync(temp, file);
}

/** Load, change, save: for one-shot commands. The TUI keeps its Progress in memory and saves after changes. */
export async function updateProgress(workspace: string, change: (progress: Progress) => Progress): Promise<LoadedProgress> {
  const loaded = await loadProgress(workspace);
  const progress = change(loaded.progress);
  await saveProgress(workspace, progress);
  return { ...loaded, progress };
}

// ── pure updates ───────────────────────────────────────────────────────────────────────────────────────────

export function lessonProgress(progress: Progress, id: string): LessonProgress {
  return progress.lessons[id] ?? { done: false, doneAt: null, hintsShown: 0 };
}

/** Marks a lesson done; the first pass's time is kept when it passes again. */
export function markDone(progress: Progress, id: string, at: Date = new Date()): Progress {
  const before = lessonProgress(progress, id);
  return withLesson(progress, id, { ...before, done: true, doneAt: before.doneAt ?? at.toISOString() });
}

/** Records that `count` hints are open (never fewer than before: a hint seen stays seen). */
export function showHints(progress: Progress, id: string, count: number): Progress {
  const before = lessonProgress(progress, id);
  return withLesson(progress, id, { ...before, hintsShown: Math.max(before.hintsShown, Math.floor(count)) });
}

export function setCurrent(progress: Progress, id: string): Progress {
  return { ...progress, current: id };
}

/** The lesson the learner is on: `current` if it still exists, else the first not done, else the first. */
export function currentLesson(progress: Progress, lessons: readonly Lesson[]): Lesson {
  const first = lessons[0];
  if (!first) throw new RangeError('there are no lessons');
  return lessons.find((l) => l.id === progress.current) ?? lessons.find((l) => !lessonProgress(progress, l.id).done) ?? first;
}

/** The lesson after `id`, or undefined after the last. */
export function nextLesson(lessons: readonly Lesson[], id: string): Lesson | undefined {
  const index = lessons.findIndex((l) => l.id === id);
  return index >= 0 ? lessons[index + 1] : undefined;
}

export function doneCount(progress: Progress, lessons: readonly Lesson[]): number {
  return lessons.filter((l) => lessonProgress(progress, l.id).done).length;
}

function withLesson(progress: Progress, id: string, lesson: LessonProgress): Progress {
  return { ...progress, lessons: { ...progress.lessons, [id]: lesson } };
}

// ── reading ────────────────────────────────────────────────────────────────────────────────────────────────

/** The progress in `value`, or why it is not progress this version of hotlab can read. */
function parseProgress(value: unknown): Progress | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
  const { version, current, lessons } = value as Record<string, unknown>;
  if (version !== PROGRESS_VERSION) return `it has version ${JSON.stringify(version)}, and this hotlab reads version ${PROGRESS_VERSION}`;
  if (current !== null && typeof current !== 'string') return '"current" is neither a lesson id nor null';
  if (typeof lessons !== 'object' || lessons === null || Array.isArray(lessons)) return '"lessons" is not an object';
  const parsed: Record<string, LessonProgress> = {};
  for (const [id, entry] of Object.entries(lessons)) {
    if (typeof entry !== 'object' || entry === null) return `lesson ${id} is not an object`;
    const { done, doneAt, hintsShown } = entry as Record<string, unknown>;
    if (typeof done !== 'boolean') return `lesson ${id} has no boolean "done"`;
    if (doneAt !== null && typeof doneAt !== 'string') return `lesson ${id} has a "doneAt" that is neither a time nor null`;
    if (typeof hintsShown !== 'number' || !Number.isInteger(hintsShown) || hintsShown < 0) return `lesson ${id} has a "hintsShown" that is not a count`;
    parsed[id] = { done, doneAt, hintsShown };
  }
  return { version: PROGRESS_VERSION, current, lessons: parsed };
}

/** 2025-11-22T05-44-12-123Z: sortable, and legal in file names everywhere. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/** `path`, or `path-2`, `path-3`… when a backup of the same millisecond exists: never overwrite a backup. */
async function freeName(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${path}-${n}`;
    const taken = await stat(candidate).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}
