// What an update did to the modules of a program, in one line a learner reads after a save:
//   greet.js → routes.js → service.js re-run · state lost in 3 modules
//   greet.js swapped (2 instances loaded) · routes.js, service.js kept running with their state
// The lab and `hotlab serve` both print it, so they never disagree. A one-module program has nothing to add to
// "state kept/lost", so it gets no line.
import type { ModuleChange, UpdateRecord } from './types.ts';

export function describeModules(record: Pick<UpdateRecord, 'modules' | 'outcome'>, programSize: number): string | null {
  const modules = record.modules ?? [];
  if (record.outcome !== 'applied' || modules.length === 0 || (programSize <= 1 && !modules.some((m) => m.action === 'removed'))) return null;
  const parts: string[] = [];
  const by = (action: ModuleChange['action']): ModuleChange[] => modules.filter((m) => m.action === action);
  const reRan = by('re-ran');
  if (reRan.length > 0) parts.push(`${reRan.map((m) => m.module).join(' → ')} re-run`);
  const swapped = by('swapped');
  if (swapped.length > 0) parts.push(`${names(swapped)} swapped in next to the old ${swapped.length === 1 ? 'instance' : 'instances'}`);
  const patched = by('patched');
  if (patched.length > 0) parts.push(`${names(patched)} patched in place`);
  const rebuilt = by('rebuilt');
  if (rebuilt.length > 0) parts.push(`${rebuilt.length} modules rebuilt into one artifact`);
  const loaded = by('loaded');
  if (loaded.length > 0) parts.push(`${names(loaded)} loaded`);
  const removed = by('removed');
  if (removed.length > 0) parts.push(`${names(removed)} no longer imported`);
  const touched = modules.length - removed.length;
  const untouched = programSize - touched;
  if (untouched > 0 && rebuilt.length === 0) parts.push(`${untouched} other ${untouched === 1 ? 'module' : 'modules'} kept running`);
  parts.push(stateLine(modules));
  return parts.join(' · ');
}

function stateLine(modules: readonly ModuleChange[]): string {
  const lost = modules.filter((m) => m.action !== 'removed' && m.stateful && !m.stateKept);
  const kept = modules.filter((m) => m.action !== 'removed' && m.stateful && m.stateKept);
  if (lost.length > 0) return `state lost in ${lost.length === 1 ? lost[0]!.module : `${lost.length} modules`}`;
  if (kept.length > 0) return `state kept in ${kept.length === 1 ? kept[0]!.module : `${kept.length} modules`}`;
  return 'no replaced module held state';
}

function names(modules: readonly ModuleChange[]): string {
  return modules.map((m) => m.module).join(', ');
}
