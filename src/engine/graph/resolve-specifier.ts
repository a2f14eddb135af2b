// Where an import points: a file of the workspace, named as ES modules name files (relative, with its extension).
import { builtinModules } from 'node:module';
import { posix } from 'node:path';

/** The extensions a module may have. */
export const MODULE_EXTENSIONS = ['.js', '.mjs', '.ts', '.mts'] as const;

export type Resolution = { kind: 'resolved'; id: string } | { kind: 'refused'; reason: string };

/**
 * Resolve `specifier`, written in module `importer` (an id such as `lib/routes.js`), to a module id.
 * `exists(id)` says whether the workspace has that file. TypeScript's convention holds: `./greet.js` names
 * `greet.ts` when only that exists (and `.mjs` names `.mts`).
 */
export function resolveSpecifier(specifier: string, importer: string, exists: (id: string) => boolean): Resolution {
  if (specifier.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(specifier) || specifier.startsWith('file:')) {
    return refused(`\`${specifier}\` is an absolute path: import files of the workspace relative to this one, e.g. './greet.js'`);
  }
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
    const name = specifier.replace(/^node:/, '');
    if (specifier.startsWith('node:') || builtinModules.includes(name)) {
      return refused(`\`${specifier}\` is a Node built-in module: the sandbox has no Node APIs (no file system, no network, no process). Import files of the workspace with a relative path, e.g. './greet.js'`);
    }
    return refused(`\`${specifier}\` is a package name: the sandbox has no packages (no node_modules, no network). Import files of the workspace with a relative path, e.g. './greet.js'`);
  }
  const id = posix.normalize(posix.join(posix.dirname(importer), specifier));
  if (id.startsWith('../') || id === '..') {
    return refused(`\`${specifier}\` points outside the workspace: a service may import only the files beside it`);
  }
  const extension = posix.extname(id);
  if (MODULE_EXTENSIONS.includes(extension as (typeof MODULE_EXTENSIONS)[number])) {
    if (exists(id)) return { kind: 'resolved', id };
    const typed = extension === '.js' ? `${id.slice(0, -3)}.ts` : extension === '.mjs' ? `${id.slice(0, -4)}.mts` : null;
    if (typed && exists(typed)) return { kind: 'resolved', id: typed };
    return refused(`cannot find \`${specifier}\`: there is no ${id}${typed ? ` (nor ${typed})` : ''} in the workspace`);
  }
  const complete = MODULE_EXTENSIONS.map((ext) => `${id}${ext}`).find(exists);
  if (complete) {
    return refused(`write the file name in full: '${specifier}${posix.extname(complete)}' (ES modules name the file, extension included)`);
  }
  if (extension !== '') {
    return refused(`\`${specifier}\` is not a module: only JavaScript and TypeScript files (${MODULE_EXTENSIONS.join(', ')}) can be imported`);
  }
  return refused(`cannot find \`${specifier}\`: there is no ${id}.js or ${id}.ts in the workspace`);
}

function refused(reason: string): Resolution {
  return { kind: 'refused', reason };
}
