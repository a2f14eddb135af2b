// Does a module read `hot.data`? file-watch hands the previous evaluation's hot.data to the next one, but the
// state only survives where the new code reads it back: a module that only writes `hot.data.hits = hits`
// starts its counter from scratch whatever it was handed. Read from the source: any use of `hot.data` other
// than as the target of an assignment (`hot.data.x = …`, `hot.data = …`) is a read.
import type { AnyNode } from './walk-nodes.ts';

/**
 * A visitor for compileModule's one walk over the tree (parents before children): an assignment is seen
 * before its target, so the target is known to be written when the walk reaches it.
 */
export function hotDataReadCollector(): { visit(node: AnyNode): void; reads(): boolean } {
  const written = new Set<unknown>();
  let read = false;
  return {
    visit(node) {
      if (read) return;
      if (node.type === 'AssignmentExpression' && node['operator'] === '=') {
        const target = node['left'] as AnyNode;
        written.add(target);
        // `hot.data.x = …` writes into hot.data without reading what is there.
        if (target.type === 'MemberExpression') written.add(target['object']);
        return;
      }
      if (isHotData(node) && !written.has(node)) read = true;
    },
    reads: () => read,
  };
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
