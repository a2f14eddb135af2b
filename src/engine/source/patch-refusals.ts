// Why reflection-patch refuses an edit, worded for a terminal: what changed, where, and what to use instead.
import type { SourceLocation } from '../types.ts';
import { excerpt, excerptPair } from './excerpt.ts';
import type { BindingItem, StatementItem, TopLevelItem } from './module-shape.ts';
import type { PatchRefusal } from './patch-plan.ts';

/** A top-level item reflection-patch cannot touch: it ran once, at initialisation. */
export type StateItem = BindingItem | StatementItem;

const INSTEAD = 'Use file-watch or binary-replace';

export function kindChanged(name: string, before: TopLevelItem, after: TopLevelItem): PatchRefusal {
  return refuse(
    after.location,
    `\`${name}\` changed kind: running ${kindOf(before)}, new ${kindOf(after)}. Reflection-patch only replaces a function with a function of the same kind, as Go's reflect needs the same type. ${INSTEAD}.`,
  );
}

export function stateChanged(before: StateItem, after: StateItem): PatchRefusal {
  const [was, now] = excerptPair(before.shown, after.shown);
  const quoted = `running \`${was}\`, new \`${now}\``;
  if (before.kind === 'binding' && after.kind === 'binding' && sameNames(before, after)) {
    if (after.declaration === 'class') {
      return refuse(
        after.location,
        `class \`${after.names[0]}\` changed: ${quoted}. Reflection-patch replaces top-level functions only; a class is state, and objects built from it keep the old one. ${INSTEAD}, or move the logic into a top-level function.`,
      );
    }
    const kept = after.names.length === 1 ? `value of ${names(after.names)} is` : `values of ${names(after.names)} are`;
    return refuse(
      after.location,
      `the top-level initialiser changed: ${quoted}. Reflection-patch replaces functions only; initialisers do not run again and the live ${kept} kept. ${INSTEAD} to re-initialise.`,
    );
  }
  if (before.kind === 'binding' && after.kind === 'binding') {
    return refuse(
      after.location,
      `the top-level binding ${names(before.names)} became ${names(after.names)}: ${quoted}. Reflection-patch cannot rename or add state in the running program. ${INSTEAD}.`,
    );
  }
  const what = before.kind === 'statement' && after.kind === 'statement' ? 'a top-level statement' : 'the top-level code';
  return refuse(
    after.location,
    `${what} changed: ${quoted}. Reflection-patch replaces functions only; top-level code ran once at start and does not run again. ${INSTEAD} to run it.`,
  );
}

export function stateAdded(after: StateItem): PatchRefusal {
  const code = `\`${excerpt(after.shown)}\``;
  if (after.kind === 'binding') {
    const what = after.declaration === 'class' ? `a new class ${names(after.names)}` : `a new top-level binding ${names(after.names)}`;
    return refuse(
      after.location,
      `${what} was added: ${code}. Reflection-patch replaces functions only and cannot add state to the running program. ${INSTEAD} to add it.`,
    );
  }
  return refuse(
    after.location,
    `a new top-level statement was added: ${code}. Reflection-patch replaces functions only, so it would never run. ${INSTEAD} to run it.`,
  );
}

export function stateRemoved(before: StateItem): PatchRefusal {
  const where = `\`${excerpt(before.shown)}\`, line ${before.location.line} of the running version`;
  if (before.kind === 'binding') {
    return refuse(
      undefined,
      `the top-level ${before.declaration === 'class' ? 'class' : 'binding'} ${names(before.names)} was removed (${where}). Reflection-patch cannot remove state from the running program. ${INSTEAD} to drop it.`,
      before.location.file,
    );
  }
  return refuse(
    undefined,
    `a top-level statement was removed (${where}). Reflection-patch cannot undo what it already did in the running program. ${INSTEAD}.`,
    before.location.file,
  );
}

export function functionRemoved(before: TopLevelItem & { kind: 'function' }): PatchRefusal {
  return refuse(
    undefined,
    `function \`${before.name}\` was removed (line ${before.location.line} of the running version). Reflection-patch only replaces or adds functions: live code may still call it. ${INSTEAD} to remove it.`,
    before.location.file,
  );
}

export function exportsChanged(change: string, file: string, location?: SourceLocation): PatchRefusal {
  return refuse(
    location,
    `the shape changed: ${change}. Reflection-patch keeps the running module's exports; use plugin-swap, file-watch or binary-replace.`,
    file,
  );
}

/** `service.js:3:1 — reason` (or `service.js — reason` when there is no one place to point at). */
function refuse(location: SourceLocation | undefined, reason: string, file?: string): PatchRefusal {
  const where = location ? `${displayName(location.file)}:${location.line}:${location.column}` : displayName(file ?? '');
  const text = where ? `${where} — ${reason}` : reason;
  return location ? { kind: 'refused', reason: text, location } : { kind: 'refused', reason: text };
}

/** The file name alone: a full path would push the reason off a terminal line. */
function displayName(file: string): string {
  return file.split(/[\\/]/).at(-1) ?? file;
}

function kindOf(item: TopLevelItem): string {
  if (item.kind === 'function') {
    if (item.async && item.generator) return 'an async generator function';
    if (item.async) return 'an async function';
    if (item.generator) return 'a generator function';
    return 'a function';
  }
  if (item.kind === 'binding') return item.declaration === 'class' ? 'a class' : `a \`${item.declaration}\` binding`;
  return 'a statement';
}

function sameNames(a: BindingItem, b: BindingItem): boolean {
  return a.names.length === b.names.length && a.names.every((name, i) => b.names[i] === name);
}

function names(list: readonly string[]): string {
  return list.map((name) => `\`${name}\``).join(', ');
}
