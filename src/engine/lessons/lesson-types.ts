// What a loaded lesson is: everything in its folder, read and validated (lessons/FORMAT.md).
import type { RestartMode, ServiceRequest, StrategyName } from '../types.ts';
import type { Localized } from './language.ts';

/** One lesson, as `loadLessons` returns it. Texts are read eagerly: they are small and the TUI shows them. */
export interface Lesson {
  /** `NN-slug`, the folder's name. */
  id: string;
  /** 1-based position in the manifest. */
  number: number;
  /** Absolute path of the lesson's folder. */
  dir: string;
  title: Localized;
  goal: Localized;
  /** The strategy the check (and the lab, when the lesson opens) runs the service under. */
  strategy: StrategyName;
  /** binary-replace only. @default 'graceful' */
  restart?: RestartMode;
  /** Progressive hints, 2–4, shown one at a time. */
  hints: Localized[];
  /** The traffic the service gets, cycled by the driver. @default [GET /ping] */
  requests: ServiceRequest[];
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
