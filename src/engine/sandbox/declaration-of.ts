// Where a top-level name is declared in the learner's code, for failures whose stack holds no learner frame:
// what `handle` returned is judged after it has returned, so a 500 for "handle() returned a Symbol" would
// otherwise name no place at all (issue 12, point 9). The code keeps the learner's lines and columns, so a
// match in it is a place in their file.
import type { SourceLocation } from '../types.ts';

/** `function name(`, `function* name(`, `class name`, `let|const|var name`: the first, in source order. */
export function declarationOf(code: string, file: string, name: string): SourceLocation | undefined {
  if (!/^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u.test(name)) return undefined;
  const escaped = name.replace(/\$/g, '\\$');
  const pattern = new RegExp(`(?:\\bfunction\\s*\\*?\\s*|\\bclass\\s+|\\b(?:let|const|var)\\s+)(${escaped})(?![\\p{ID_Continue}$])`, 'u');
  const match = pattern.exec(code);
  if (!match) return undefined;
  return locationOfOffset(code, file, match.index + match[0].length - name.length);
}

/** The 1-based line and column of a 0-based offset, lines broken as ECMAScript breaks them. */
export function locationOfOffset(code: string, file: string, offset: number): SourceLocation {
  const before = code.slice(0, offset);
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'), before.lastIndexOf('\u2028'), before.lastIndexOf('\u2029')) + 1;
  const line = (before.match(/\r\n?|[\n\u2028\u2029]/g) ?? []).length + 1;
  return { file, line, column: offset - lineStart + 1 };
}
