// Parses the learner's file with acorn and turns acorn's syntax errors into SourceErrors.
import type { Program, Token } from 'acorn';
import { IndexedScopeParser } from './indexed-scopes.ts';
import { SourceError } from '../errors.ts';
import { locationAt } from './locate.ts';

/** What acorn raises: a SyntaxError carrying the offset of the problem. */
interface AcornSyntaxError extends SyntaxError {
  pos: number;
}

/** acorn's messages end with ` (line:column)`; the location travels separately, so drop it. */
const POSITION_SUFFIX = / \(\d+:\d+\)$/;

/** acorn's wording for a few mistakes, replaced by what to do about them in the sandbox. */
const CLEARER: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^'return' outside of function$/,
    '`return` outside a function: the top level of the module is not a function body. Move it into a function.',
  ],
];

export interface ParsedModule {
  program: Program;
  /** Every token, comments excluded, in source order (the last one is `eof`). */
  tokens: Token[];
}

/** Parse as an ES module (strict, `import`/`export` allowed, so we can point at them precisely). */
export function parseModule(source: string, file: string): ParsedModule {
  const tokens: Token[] = [];
  try {
    // No `locations`: positions are offsets, turned into lines and columns by a LineIndex where needed.
    const program = IndexedScopeParser.parse(source, { ecmaVersion: 'latest', sourceType: 'module', onToken: tokens });
    return { program, tokens };
  } catch (error) {
    if (!isAcornSyntaxError(error)) throw error;
    const reason = error.message.replace(POSITION_SUFFIX, '');
    const clearer = CLEARER.find(([pattern]) => pattern.test(reason))?.[1];
    throw new SourceError(clearer ?? reason, locationAt(file, source, error.pos), { cause: error });
  }
}

function isAcornSyntaxError(error: unknown): error is AcornSyntaxError {
  return error instanceof SyntaxError && typeof (error as Partial<AcornSyntaxError>).pos === 'number';
}
