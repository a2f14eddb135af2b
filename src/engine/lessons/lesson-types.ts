// What a loaded lesson is: everything in its folder, read and validated (lessons/FORMAT.md).
import type { Localized } from './language.ts';
import type { LessonJson } from './lesson-json.ts';

/** A lesson program's files: path relative to the workspace (`service.js`, `lib/greet.js`) → text. */
export type LessonFiles = Readonly<Record<string, string>>;

/** One lesson, as `loadLessons` returns it. Texts are read eagerly: they are small and the TUI shows them. */
export interface Lesson extends LessonJson {
  /** 1-based position in the manifest. */
  number: number;
  /** Absolute path of the lesson's folder. */
  dir: string;
  /** The lesson text (Markdown). */
  text: Localized;
  /** The Go corner (Markdown with a fenced `go` block). */
  go: Localized;
  /** Paths of the program's files, relative to `starter/` (always includes `entry`); `solution/` has the same. */
  starterFiles: string[];
  /** The entry's starter: `starter/service.js` (or `starter/service.ts`). */
  starter: string;
  /** The entry's reference solution: `solution/service.js` (or `.ts`). */
  solution: string;
  /** Every starter file: path (as in `starterFiles`) → text. */
  starterSources: LessonFiles;
  /** Every solution file: path → text (the same paths as `starterSources`). */
  solutionSources: LessonFiles;
  /** Absolute path of `check.js`. */
  checkFile: string;
}

/** The lessons of `lessons/manifest.json`, in order. */
export interface LessonSet {
  formatVersion: 1;
  /** Absolute path of the lessons folder. */
  root: string;
  lessons: Lesson[];
}
