// Where automatic semicolon insertion put a `;` the learner did not write.
import type { AnyNode, NodeVisitor } from './walk-nodes.ts';

/** Nodes whose grammar ends with a `;` that ASI may supply (ECMAScript §12.10). */
const SEMICOLON_TERMINATED = new Set([
  'ExpressionStatement',
  'VariableDeclaration',
  'ReturnStatement',
  'ThrowStatement',
  'BreakStatement',
  'ContinueStatement',
  'DoWhileStatement',
  'DebuggerStatement',
  'PropertyDefinition',
  'ExportNamedDeclaration',
  'ExportDefaultDeclaration',
  'ExportAllDeclaration',
  'ImportDeclaration',
]);

/**
 * Sorted offsets where a `;` is implied: the end of every semicolon-terminated node whose source does
 * not end with one. Counting these as `;` tokens makes `let a = 1` and `let a = 1;` the same, while
 * `while (x);\nf()` and `while (x)\nf()` (different programs) stay different.
 */
export function implicitSemicolonCollector(source: string): { visit: NodeVisitor; offsets(): number[] } {
  const offsets: number[] = [];
  return {
    visit: (node) => {
      if (!SEMICOLON_TERMINATED.has(node.type) || source.charAt(node.end - 1) === ';') return;
      // `export function f() {}` and `export default class {}` end with their declaration, not a `;`.
      if ((node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') && endsWithDeclaration(node)) return;
      offsets.push(node.end);
    },
    offsets: () => offsets.sort((a, b) => a - b),
  };
}

function endsWithDeclaration(node: AnyNode): boolean {
  const type = (node['declaration'] as { type?: string } | null | undefined)?.type;
  return type === 'FunctionDeclaration' || type === 'ClassDeclaration' || type === 'VariableDeclaration';
}
