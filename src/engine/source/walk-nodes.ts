// One generic walk over acorn's ESTree, so checks need not know every node type acorn may produce.
import type { Program } from 'acorn';

/** An ESTree node seen generically. */
export interface AnyNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/** Called for every node; `functionDepth` counts the functions around it. */
export type NodeVisitor = (node: AnyNode, functionDepth: number) => void;

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * Visit every node, parents before children. `functionDepth` counts the functions enclosing the node
 * (a function node itself is at its parent's depth).
 */
export function walkNodes(program: Program, visit: (node: AnyNode, functionDepth: number) => void): void {
  walk(program as unknown as AnyNode, 0, visit);
}

function walk(node: AnyNode, functionDepth: number, visit: (node: AnyNode, functionDepth: number) => void): void {
  visit(node, functionDepth);
  const depth = FUNCTION_TYPES.has(node.type) ? functionDepth + 1 : functionDepth;
  // for…in, not Object.entries: an array per node made the walk a third of a large source's compile time.
  for (const key in node) {
    if (key === 'loc' || key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, depth, visit);
    } else if (isNode(value)) {
      walk(value, depth, visit);
    }
  }
}

export function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
