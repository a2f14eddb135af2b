// What an update did to the modules of a program, in one line a learner reads after a save:
//   greet.js → routes.js → service.js re-run · state lost in 2 modules
//   greet.js swapped in next to the old instance · 2 other modules kept running · state kept in greet.js
// The lab and `hotlab serve` both print it, so they never disagree: the decisions (which modules, in which
// order, where state was lost) are made here once; the words come in the learner's language (English unless the
// caller passes others: the lab passes Chinese). A one-module program has nothing to add to "state kept/lost",
// so it gets no line.
import type { ModuleChange, UpdateRecord } from './types.ts';

/** The phrases of the modules line. Module and strategy names are never translated. */
export interface ModuleWords {
  /** `chain`: the re-run modules joined by ` → `, in evaluation order. */
  reRun: (chain: string) => string;
  swapped: (names: string, count: number) => string;
  patched: (names: string) => string;
  rebuilt: (count: number) => string;
  loaded: (names: string) => string;
  removed: (names: string) => string;
  othersKept: (count: number) => string;
  /** `where`: one module's name, or `modules(n)`. */
  stateLost: (where: string) => string;
  stateKept: (where: string) => string;
  noState: string;
  modules: (count: number) => string;
  /** Between the parts of the line. */
  separator: string;
}

export const MODULE_WORDS_EN: ModuleWords = {
  reRun: (chain) => `${chain} re-run`,
  swapped: (names, count) => `${names} swapped in next to the old ${count === 1 ? 'instance' : 'instances'}`,
  patched: (names) => `${names} patched in place`,
  rebuilt: (count) => `${count} modules rebuilt into one artifact`,
  loaded: (names) => `${names} loaded`,
  removed: (names) => `${names} no longer imported`,
  othersKept: (count) => `${count} other ${count === 1 ? 'module' : 'modules'} kept running`,
  stateLost: (where) => `state lost in ${where}`,
  stateKept: (where) => `state kept in ${where}`,
  noState: 'no replaced module held state',
  modules: (count) => `${count} modules`,
  separator: ' · ',
};

/**
 * The modules line of an applied update, or null (a rejection, a one-module program). `programSize`: modules
 * in the program now.
 */
export function describeModules(record: Pick<UpdateRecord, 'modules' | 'outcome'>, programSize: number, words: ModuleWords = MODULE_WORDS_EN): string | null {
  const modules = record.modules ?? [];
  if (record.outcome !== 'applied' || modules.length === 0 || (programSize <= 1 && !modules.some((m) => m.action === 'removed'))) return null;
  const parts: string[] = [];
  const by = (action: ModuleChange['action']): ModuleChange[] => modules.filter((m) => m.action === action);
  const reRan = by('re-ran');
  if (reRan.length > 0) parts.push(words.reRun(reRan.map((m) => m.module).join(' → ')));
  const swapped = by('swapped');
  if (swapped.length > 0) parts.push(words.swapped(names(swapped), swapped.length));
  const patched = by('patched');
  if (patched.length > 0) parts.push(words.patched(names(patched)));
  const rebuilt = by('rebuilt');
  if (rebuilt.length > 0) parts.push(words.rebuilt(rebuilt.length));
  const loaded = by('loaded');
  if (loaded.length > 0) parts.push(words.loaded(names(loaded)));
  const removed = by('removed');
  if (removed.length > 0) parts.push(words.removed(names(removed)));
  const touched = modules.length - removed.length;
  const untouched = programSize - touched;
  if (untouched > 0 && rebuilt.length === 0) parts.push(words.othersKept(untouched));
  parts.push(stateLine(modules, words));
  return parts.join(words.separator);
}

function stateLine(modules: readonly ModuleChange[], words: ModuleWords): string {
  const lost = modules.filter((m) => m.action !== 'removed' && m.stateful && !m.stateKept);
  const kept = modules.filter((m) => m.action !== 'removed' && m.stateful && m.stateKept);
  const where = (list: readonly ModuleChange[]) => (list.length === 1 ? list[0]!.module : words.modules(list.length));
  if (lost.length > 0) return words.stateLost(where(lost));
  if (kept.length > 0) return words.stateKept(where(kept));
  return words.noState;
}

function names(modules: readonly ModuleChange[]): string {
  return modules.map((m) => m.module).join(', ');
}
