// The names a declaration binds, destructuring included.
import type { Pattern, VariableDeclaration } from 'acorn';

/** Every name bound by `let {a, b: [c, ...d] = []} = …, e` and the like, in source order. */
export function declaredNames(declaration: VariableDeclaration): string[] {
  const names: string[] = [];
  for (const declarator of declaration.declarations) collect(declarator.id, names);
  return names;
}

function collect(pattern: Pattern, names: string[]): void {
  switch (pattern.type) {
    case 'Identifier':
      names.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties) collect(property.type === 'RestElement' ? property.argument : property.value, names);
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) if (element) collect(element, names);
      break;
    case 'AssignmentPattern':
      collect(pattern.left, names);
      break;
    case 'RestElement':
      collect(pattern.argument, names);
      break;
    // MemberExpression patterns only occur in assignments, never in declarations.
  }
}
