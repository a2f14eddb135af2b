// Reads lessons/manifest.json and every lesson folder it lists, validating each against lessons/FORMAT.md.
// A broken lesson is an error naming the lesson and the missing or invalid field: better a clear refusal at
// start-up than a lab that fails half-way through a lesson.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { packageRoot } from '../../package-root.ts';
import { LessonError, UnknownLessonError } from './lesson-errors.ts';
import { parseLessonJson } from './lesson-json.ts';
import type { Lesson, LessonFiles, LessonSet } from './lesson-types.ts';
import type { Localized } from './language.ts';
import { describeError } from '../errors.ts';

/** The lessons shipped with hotlab: `lessons/` in the package's folder (from src/, dist/ or a bundle alike). */
export function lessonsRoot(): string {
  return join(packageRoot(), 'lessons');
}

export const FORMAT_VERSION = 1;
/** The entry of a lesson that names none (`lesson.json` "entry"), and of the lab's workspace by default. */
export const SERVICE_FILE = 'service.js';

const ID_PATTERN = /^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export async function loadLessons(root: string = lessonsRoot()): Promise<LessonSet> {
  const dir = resolve(root);
  const manifestText = readText(join(dir, 'manifest.json'), null, 'manifest.json');
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch (error) {
    throw new LessonError(null, 'manifest.json', `is not valid JSON: ${describeError(error)}`, { cause: error });
  }
  if (typeof manifest !== 'object' || manifest === null) throw new LessonError(null, 'manifest.json', 'must be an object');
  const { formatVersion, lessons } = manifest as { formatVersion?: unknown; lessons?: unknown };
  if (formatVersion !== FORMAT_VERSION) {
    throw new LessonError(null, '"formatVersion"', `must be ${FORMAT_VERSION} (it is ${JSON.stringify(formatVersion)}); this hotlab reads lesson format ${FORMAT_VERSION}`);
  }
  if (!Array.isArray(lessons) || lessons.length === 0) throw new LessonError(null, '"lessons"', 'must be a non-empty array of lesson ids');
  const seen = new Set<string>();
  for (const id of lessons) {
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new LessonError(null, '"lessons"', `holds ${JSON.stringify(id)}, which is not a lesson id like "01-what-is-a-hot-update"`);
    if (seen.has(id)) throw new LessonError(null, '"lessons"', `lists ${id} twice`);
    seen.add(id);
  }
  // Read synchronously, in manifest order (a broken lesson is the first of them): ~140 small files, which the lab
  // needs before its first frame. Through fs/promises each file was four thread-pool round trips and a FileHandle,
  // ~50-60 ms of CPU here even all at once; read in turn they cost ~25-30 ms.
  return { formatVersion: FORMAT_VERSION, root: dir, lessons: (lessons as string[]).map((id, index) => loadLesson(dir, id, index + 1)) };
}

function loadLesson(root: string, id: string, number: number): Lesson {
  const dir = join(root, id);
  if (!isDirectory(dir)) throw new LessonError(id, 'folder', `is missing: expected ${dir}`);
  const json = parseLessonJson(id, readText(join(dir, 'lesson.json'), id, 'lesson.json'));
  const text = readPair(dir, id, 'text');
  const go = readPair(dir, id, 'go');
  for (const lang of ['en', 'zh'] as const) {
    if (!/^```go\s*$/m.test(go[lang])) throw new LessonError(id, `go.${lang}.md`, 'has no fenced ```go block (the Go corner shows the original technique)');
  }
  const checkFile = join(dir, 'check.js');
  readText(checkFile, id, 'check.js');
  const program = loadProgramFiles(dir, id, json.entry);
  return {
    ...json,
    number,
    dir,
    text,
    go,
    starterFiles: Object.keys(program.starter),
    starter: program.starter[json.entry]!,
    solution: program.solution[json.entry]!,
    starterSources: program.starter,
    solutionSources: program.solution,
    checkFile,
  };
}

/**
 * `starter/` and `solution/`: the same files (a module the learner need not edit may be the same in both), the
 * entry among them. Read whole: a lesson program is a few small modules.
 */
function loadProgramFiles(dir: string, id: string, entry: string): { starter: LessonFiles; solution: LessonFiles } {
  const starterDir = join(dir, 'starter');
  const solutionDir = join(dir, 'solution');
  const starterFiles = listFilesOrNone(starterDir);
  if (!starterFiles.includes(entry)) throw new LessonError(id, `starter/${entry}`, `is missing: expected ${join(starterDir, entry)}`);
  const solutionFiles = listFilesOrNone(solutionDir);
  if (!solutionFiles.includes(entry)) throw new LessonError(id, `solution/${entry}`, `is missing: expected ${join(solutionDir, entry)}`);
  const onlyStarter = starterFiles.filter((f) => !solutionFiles.includes(f));
  const onlySolution = solutionFiles.filter((f) => !starterFiles.includes(f));
  if (onlyStarter.length > 0 || onlySolution.length > 0) {
    const said = [...onlyStarter.map((f) => `${f} is only in starter/`), ...onlySolution.map((f) => `${f} is only in solution/`)];
    throw new LessonError(id, 'solution/', `must hold the same files as starter/ (${said.join('; ')})`);
  }
  const starter: Record<string, string> = {};
  const solution: Record<string, string> = {};
  for (const file of starterFiles) {
    starter[file] = readText(join(starterDir, file), id, `starter/${file}`);
    solution[file] = readText(join(solutionDir, file), id, `solution/${file}`);
  }
  return { starter, solution };
}

function readPair(dir: string, id: string, stem: 'text' | 'go'): Localized {
  return { en: readText(join(dir, `${stem}.en.md`), id, `${stem}.en.md`), zh: readText(join(dir, `${stem}.zh.md`), id, `${stem}.zh.md`) };
}

/** Reads a lesson file that must exist and hold something. */
function readText(path: string, id: string | null, field: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : '';
    throw new LessonError(id, field, code === 'ENOENT' ? `is missing: expected ${path}` : `cannot be read: ${String(error)}`, { cause: error });
  }
  if (text.trim() === '') throw new LessonError(id, field, `is empty (${path})`);
  return text;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Every file under `dir`, as paths relative to it, sorted; none when `dir` cannot be read. */
function listFilesOrNone(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/**
 * The lesson `wanted` names: its id, its number ("2", "02") or the start of its id ("02-watch"). A learner
 * should not have to type the whole slug.
 */
export function findLesson(set: LessonSet, wanted: string): Lesson {
  const byId = set.lessons.find((l) => l.id === wanted);
  if (byId) return byId;
  const asNumber = /^\d+$/.test(wanted) ? Number(wanted) : NaN;
  const matches = set.lessons.filter((l) => l.number === asNumber || (wanted.length >= 2 && l.id.startsWith(wanted)));
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only) return only;
  throw new UnknownLessonError(wanted, set.lessons.map((l) => l.id));
}
