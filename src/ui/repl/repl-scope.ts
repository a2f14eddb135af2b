// Pure: which module's scope the REPL evaluates in. The entry's by default; `:module greet.js` points it at
// another module of the running program (its top-level names, its state), `:module` alone goes back. Names are
// checked against the program that runs (snapshot.modules) and may be written short: `greet`, `greet.ts` for
// `lib/greet.ts`, a unique prefix. Tab completes them.
import type { EngineSnapshot, RunningScope } from '../../engine/types.ts';
import type { Messages } from '../shared/messages.ts';

type Program = Pick<EngineSnapshot, 'entry' | 'modules'>;

export type ScopeChoice = { ok: true; module: string | null; text: string } | { ok: false; text: string };

/** `lib/greet.ts` → `lib/greet`: an import may name a `.ts` module `./greet.js`, so the stem is what identifies it. */
const stem = (id: string) => id.replace(/\.(?:[cm]?[jt]s)$/, '');
const base = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/** The modules a name (exact, without or with another extension, by file name, or a unique prefix) stands for. */
export function matchModules(name: string, ids: readonly string[]): string[] {
  const wanted = name.replace(/^\.\//, '');
  for (const test of [
    (id: string) => id === wanted,
    (id: string) => stem(id) === stem(wanted),
    (id: string) => stem(base(id)) === stem(wanted),
    (id: string) => id.startsWith(wanted) || base(id).startsWith(wanted),
  ]) {
    const found = ids.filter(test);
    if (found.length > 0) return found;
  }
  return [];
}

/** What `:module [NAME]` does: the module to evaluate in (null: the entry) and what to say, or why not. */
export function chooseScope(name: string | null, program: Program, messages: Messages): ScopeChoice {
  const ids = program.modules.map((m) => m.module);
  if (ids.length === 0) return { ok: false, text: messages.noProgram };
  const list = ids.join(', ');
  if (ids.length === 1) return name === null || matchModules(name, ids)[0] === program.entry ? { ok: true, module: null, text: messages.oneModule(program.entry) } : { ok: false, text: messages.unknownModule(name, list) };
  if (name === null) return { ok: true, module: null, text: messages.entryScope(program.entry, list) };
  const found = matchModules(name, ids);
  if (found.length !== 1) return { ok: false, text: messages.unknownModule(name, found.length > 1 ? found.join(', ') : list) };
  const module = found[0]!;
  return module === program.entry ? { ok: true, module: null, text: messages.entryScope(program.entry, list) } : { ok: true, module, text: messages.moduleScope(module, program.entry) };
}

/** Tab after `:module gr`: the line completed (a unique match, or the candidates' common prefix), and the candidates. */
export function completeModule(line: string, program: Program): { line: string; candidates: string[] } | null {
  const match = /^(:m(?:odule)?)(?:\s+(\S*))?$/.exec(line);
  if (!match) return null;
  const head = `${match[1]} `;
  const typed = match[2] ?? '';
  const ids = program.modules.map((m) => m.module);
  const candidates = typed === '' ? ids : ids.filter((id) => id.startsWith(typed) || base(id).startsWith(typed));
  if (candidates.length === 1) return { line: `${head}${candidates[0]}`, candidates };
  // Several: extend what was typed as far as their full ids agree (when the typed text starts them all).
  const common = candidates.length > 0 && candidates.every((id) => id.startsWith(typed)) ? commonPrefix(candidates) : typed;
  return { line: `${head}${common}`, candidates };
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Is the line a `:module` command (Tab completes it rather than leaving the REPL)? */
export const isModuleCommand = (line: string) => /^:m(?:odule)?(?:\s|$)/.test(line);

/** The names of the scope the REPL evaluates in, for its examples: the entry's, or the module's. */
export function scopeNames(snapshot: Pick<EngineSnapshot, 'scope' | 'scopes'>, module: string | null): RunningScope | null {
  return module === null ? snapshot.scope : (snapshot.scopes?.[module] ?? null);
}

/**
 * The prompt: `› ` for a one-module program (as it always was); with several modules it names the scope lines
 * run in, `service.js› ` or `greet.js› `.
 */
export function promptLabel(program: Program, module: string | null): string {
  return program.modules.length > 1 ? `${module ?? program.entry}› ` : '› ';
}
