// TypeScript modules run as JavaScript with their types blanked out in place (as Node and Vite do: stripped,
// not checked), so every line and column stays where the learner wrote it. The stripper is amaro, the package
// Node's own type stripping is built on; what cannot be blanked in place (an enum, a namespace with values,
// parameter properties, `<T>x` casts) is refused with its location, as Node refuses it.
import { createRequire } from 'node:module';
import { SourceError } from '../errors.ts';
import type { SourceLocation } from '../types.ts';

interface AmaroError {
  code?: string;
  message?: string;
  startLine?: number;
  startColumn?: number;
}

type TransformSync = (source: string, options: { mode: 'strip-only' }) => { code: string };

let transform: TransformSync | null = null;

/** amaro loads a wasm module (~140 ms here), so only a workspace with a `.ts` module pays for it, once. */
function amaro(): TransformSync {
  if (!transform) {
    const require = createRequire(import.meta.url);
    transform = (require('amaro') as { transformSync: TransformSync }).transformSync;
  }
  return transform;
}

/** Start loading the stripper now (the first `.ts` save should not wait for it). */
export function preloadTypeStripper(): void {
  amaro();
}

/** True for the file names hotlab strips: `.ts` and `.mts`. */
export function isTypeScript(file: string): boolean {
  return /\.m?ts$/.test(file);
}

/** The module's JavaScript, same length per line; throws SourceError where a type cannot be stripped in place. */
export function stripTypes(source: string, file: string): string {
  try {
    return amaro()(source, { mode: 'strip-only' }).code;
  } catch (error) {
    const failure = error as AmaroError;
    if (typeof failure?.message !== 'string') throw error;
    const location = locationOf(failure, source, file);
    if (failure.code === 'UnsupportedSyntax') {
      throw new SourceError(`${failure.message}: hotlab strips types in place (as Node does) and cannot rewrite this; write it as plain JavaScript (a const object for an enum, a field assigned in the constructor for a parameter property)`, location, { cause: error });
    }
    throw new SourceError(failure.message, location, { cause: error });
  }
}

/**
 * amaro counts a line's columns from 0 with its own width per character: measured with amaro 1.2.1, one for an
 * ASCII character and one less than its UTF-8 length for any other (é 1, 你 2, 😀 3). Walk the line the same way
 * to find the UTF-16 column an editor shows.
 */
function locationOf(failure: AmaroError, source: string, file: string): SourceLocation | undefined {
  if (typeof failure.startLine !== 'number') return undefined;
  const line = source.split(/\r\n|\r|\n|\u2028|\u2029/)[failure.startLine - 1];
  if (line === undefined) return { file, line: failure.startLine, column: 1 };
  const target = failure.startColumn ?? 0;
  let width = 0;
  let column = 0;
  for (const char of line) {
    if (width >= target) break;
    const bytes = Buffer.byteLength(char, 'utf8');
    width += bytes === 1 ? 1 : bytes - 1;
    column += char.length;
  }
  return { file, line: failure.startLine, column: column + 1 };
}
