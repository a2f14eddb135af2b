// What parses as a module but cannot run in the sandbox: dynamic imports, import.meta and top-level await. A
// SourceError at the first such construct, in two parts: the top-level statements, and a visitor for the one walk
// over every node that compileModule shares with its other checks. Static imports between the workspace's own
// files are the module graph (src/engine/graph/): which specifiers may be imported is decided there.
import type { Program } from 'acorn';
import { SourceError } from '../errors.ts';
import { locationAt } from './locate.ts';
import { isNode, type NodeVisitor } from './walk-nodes.ts';

export const DYNAMIC_IMPORT_UNAVAILABLE =
  'dynamic `import()` is not available in the sandbox: the module graph is read from static imports before anything runs. Import at the top of the file: `import { name } from \'./other.js\'`';

export const IMPORT_META_UNAVAILABLE =
  '`import.meta` is not available in the sandbox: modules have no URL or file system there. Use `hot.data` for what must survive an update';

export const IMPORT_ATTRIBUTES_UNAVAILABLE =
  'import attributes (`with { … }`) are not available in the sandbox: only JavaScript and TypeScript modules of this workspace can be imported';

export const TOP_LEVEL_AWAIT_UNAVAILABLE =
  'top-level `await` is not available in the sandbox: a version must finish initialising synchronously. Move the `await` into an async function.';

export const TOP_LEVEL_USING_UNAVAILABLE =
  'a top-level `using` declaration cannot run in the sandbox (the module runs as a script); declare it inside a block or function.';

/** The rules about top-level statements (import attributes, `using`). */
export function checkTopLevelRules(program: Program, source: string, file: string): void {
  const fail = (message: string, offset: number): never => {
    throw new SourceError(message, locationAt(file, source, offset));
  };
  for (const statement of program.body) {
    switch (statement.type) {
      case 'ImportDeclaration':
      case 'ExportAllDeclaration':
      case 'ExportNamedDeclaration':
        if ('attributes' in statement && Array.isArray(statement.attributes) && statement.attributes.length > 0) {
          fail(IMPORT_ATTRIBUTES_UNAVAILABLE, statement.start);
        }
        break;
      case 'VariableDeclaration':
        // Scripts forbid `using` at their top level; a module allows it, so acorn let it through.
        if (statement.kind === 'using') fail(TOP_LEVEL_USING_UNAVAILABLE, statement.start);
        break;
    }
  }
}

/** The rules about nodes anywhere (dynamic import, import.meta, top-level await), as a visitor of one walk. */
export function sandboxRulesVisitor(source: string, file: string): NodeVisitor {
  const fail = (message: string, offset: number): never => {
    throw new SourceError(message, locationAt(file, source, offset));
  };
  return (node, functionDepth) => {
    if (node.type === 'ImportExpression') fail(DYNAMIC_IMPORT_UNAVAILABLE, node.start);
    if (node.type === 'MetaProperty' && isNamed(node['meta'], 'import')) fail(IMPORT_META_UNAVAILABLE, node.start);
    if (functionDepth > 0) return;
    // acorn accepts top-level await in modules; the sandbox runs a script, where it cannot be.
    if (node.type === 'AwaitExpression') fail(TOP_LEVEL_AWAIT_UNAVAILABLE, node.start);
    if (node.type === 'ForOfStatement' && node['await'] === true) fail(TOP_LEVEL_AWAIT_UNAVAILABLE, node.start);
    if (node.type === 'VariableDeclaration' && node['kind'] === 'await using') fail(TOP_LEVEL_AWAIT_UNAVAILABLE, node.start);
  };
}

function isNamed(value: unknown, name: string): boolean {
  return isNode(value) && value.type === 'Identifier' && value['name'] === name;
}
