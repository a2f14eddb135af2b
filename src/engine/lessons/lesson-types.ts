// What a loaded lesson is: everything in its folder, read and validated (lessons/FORMAT.md).
import type { Localized } from './language.ts';
import type { LessonJson } from './lesson-json.ts';

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
  /** Paths of the starter files, relative to `starter/` (always includes `service.js`). */
  starterFiles: string[];
  /** `starter/service.js`. */
  starter: string;
  /** `solution/service.js`. */
  solution: string;
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
