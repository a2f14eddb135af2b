// Does a module read `hot.data`? file-watch hands the previous evaluation's hot.data to the next one, but the
// state only survives where the new code reads it back: a module that only writes `hot.data.hits = hits`
// starts its counter from scratch whatever it was handed. Read from the source: any use of `hot.data` other
// than as the target of an assignment (`hot.data.x = …`, `hot.data = …`) is a read.
import type { Program } from 'acorn';
import type { AnyNode } from './walk-nodes.ts';
import { isNode } from './walk-nodes.ts';

/** Computed once per compiled module (compile-module.ts), from the program already parsed there. */
export function readsHotData(program: Program): boolean {
  return visit(program as unknown as AnyNode, null, null);
}

/** `hot.data`, `globalThis.hot.data`, `hot['data']`. */
function isHotData(node: AnyNode): boolean {
  if (node.type !== 'MemberExpression') return false;
  const property = node['property'] as AnyNode;
  const named = node['computed'] ? property.type === 'Literal' && property['value'] === 'data' : property.type === 'Identifier' && property['name'] === 'data';
  if (!named) return false;
  const object = node['object'] as AnyNode;
  if (object.type === 'Identifier') return object['name'] === 'hot';
  return object.type === 'MemberExpression' && !object['computed'] && (object['property'] as AnyNode)['name'] === 'hot' && (object['object'] as AnyNode)['name'] === 'globalThis';
}

/** `hot.data` is only written here: it is assigned, or it is the object of a member that is assigned. */
function writtenOnly(node: AnyNode, parent: AnyNode | null, grandparent: AnyNode | null): boolean {
  const assigned = (target: AnyNode, by: AnyNode | null) => by !== null && by.type === 'AssignmentExpression' && by['operator'] === '=' && by['left'] === target;
  if (assigned(node, parent)) return true;
  return parent !== null && parent.type === 'MemberExpression' && parent['object'] === node && assigned(parent, grandparent);
}

function visit(node: AnyNode, parent: AnyNode | null, grandparent: AnyNode | null): boolean {
  if (isHotData(node) && !writtenOnly(node, parent, grandparent)) return true;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc') continue;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) if (isNode(child) && visit(child, node, parent)) return true;
  }
  return false;
}
