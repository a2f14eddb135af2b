// Errors about the lessons themselves (a broken lesson folder) and about a learner's progress file.
import { HotlabError } from '../errors.ts';

/** A lesson folder or the manifest is missing something or has it in the wrong shape. */
export class LessonError extends HotlabError {
  /** The lesson's id, or null for the manifest. */
  readonly lesson: string | null;
  /** The file or field at fault, e.g. `lesson.json: hints[1].zh` or `text.zh.md`. */
  readonly field: string;

  constructor(lesson: string | null, field: string, problem: string, options?: ErrorOptions) {
    super(`${lesson ? `lesson ${lesson}` : 'lessons/manifest.json'}: ${field} ${problem}`, options);
    this.lesson = lesson;
    this.field = field;
  }
}

/** No lesson answers to the name the learner gave. */
export class UnknownLessonError extends HotlabError {
  readonly wanted: string;

  constructor(wanted: string, known: readonly string[]) {
    super(`no lesson "${wanted}": choose one of ${known.join(', ')}`);
    this.wanted = wanted;
  }
}
