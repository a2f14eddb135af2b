import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileModule } from '../../../src/engine/source/compile-module.ts';
import { planReflectionPatch } from '../../../src/engine/source/plan-reflection-patch.ts';
import { probedBindingNames, staleReferenceProbe } from '../../../src/engine/source/stale-references.ts';
import { runModule, runPatch } from './run-in-vm.ts';

/**
 * The runtime's sequence: run v1, capture the functions about to be replaced, apply the patch, then run
 * the probe at the context's global scope with the captured functions.
 */
function staleAfterPatch(v1: string, v2: string, setup = ''): { found: string[]; context: vm.Context } {
  const running = compileModule(v1, 'service.js');
  const plan = planReflectionPatch(running, compileModule(v2, 'service.js'));
  if (plan.kind !== 'patch') throw new Error(`expected a patch, got ${plan.kind}`);
  const context = runModule(running);
  if (setup) vm.runInContext(setup, context);
  const old = vm.runInContext(`({ ${plan.replaced.join(', ')} })`, context);
  for (const patch of plan.patches) runPatch(context, patch);
  const probe = vm.runInContext(staleReferenceProbe(probedBindingNames(running)), context) as (old: unknown) => string[];
  return { found: Array.from(probe(old)), context };
}

const HANDLERS = `export function handle(req) { return 'v1'; }
export function tick() { return 1; }
`;
const HANDLERS_V2 = HANDLERS.replace("'v1'", "'v2'").replace('return 1', 'return 2');

describe('staleReferenceProbe', () => {
  it('finds the route table entry still holding the old handler', () => {
    const v1 = `const routes = { '/ping': handle, ping: handle, fresh: null };\n${HANDLERS}`;
    const { found, context } = staleAfterPatch(v1, v1.replace("'v1'", "'v2'"), 'routes.fresh = (req) => handle(req);');
    expect(found).toEqual(["routes['/ping'] still holds the old handle", 'routes.ping still holds the old handle']);
    // A closure that looks the name up at call time is not stale, and is (rightly) not reported.
    expect(vm.runInContext('routes.fresh({})', context)).toBe('v2');
  });

  it('walks arrays, Maps, Sets and nested objects, and reports a binding that is the old function itself', () => {
    const v1 = `const h = handle;
const jobs = [tick, { every: 5, run: tick }];
const table = new Map([['/a', handle], [tick, 'key']]);
const listeners = new Set([tick]);
const deep = { a: { b: { c: { d: handle } } } };
const tooDeep = { a: { b: { c: { d: { e: handle } } } } };
${HANDLERS}`;
    const { found } = staleAfterPatch(v1, `${v1.slice(0, v1.indexOf('export'))}${HANDLERS_V2}`);
    expect(found).toEqual([
      'h still holds the old handle',
      'jobs[0] still holds the old tick',
      'jobs[1].run still holds the old tick',
      "table.get('/a') still holds the old handle",
      'table (a Map key) still holds the old tick',
      'listeners (a Set entry) still holds the old tick',
      'deep.a.b.c.d still holds the old handle',
    ]);
  });

  it('never calls a getter, and survives cycles, frozen objects and throwing proxies', () => {
    const v1 = `let getterCalls = 0;
const lazy = { get handler() { getterCalls++; return handle; } };
const cyclic = { self: null, handler: handle };
cyclic.self = cyclic;
const frozen = Object.freeze({ handler: handle });
const hostile = new Proxy({}, { ownKeys() { throw new Error('no'); }, getOwnPropertyDescriptor() { throw new Error('no'); } });
const revoked = Proxy.revocable({}, {});
revoked.revoke();
const afterHostile = [handle];
${HANDLERS}`;
    const { found, context } = staleAfterPatch(v1, v1.replace("'v1'", "'v2'"));
    expect(found).toEqual([
      'cyclic.handler still holds the old handle',
      'frozen.handler still holds the old handle',
      'afterHostile[0] still holds the old handle',
    ]);
    expect(vm.runInContext('getterCalls', context)).toBe(0);
  });

  it('does not let probe locals shadow learner bindings that share their names', () => {
    const v1 = `const found = [handle];\nconst roots = { handle };\nconst visit = new Map([['x', handle]]);\n${HANDLERS}`;
    const { found } = staleAfterPatch(v1, v1.replace("'v1'", "'v2'"));
    expect(found).toEqual([
      'found[0] still holds the old handle',
      'roots.handle still holds the old handle',
      "visit.get('x') still holds the old handle",
    ]);
  });

  it('skips names that are not initialised, not declared, or not identifiers', () => {
    const context = vm.createContext({});
    vm.runInContext("'use strict'; function handle() {} const kept = [handle];", context);
    const old = vm.runInContext('({ handle })', context);
    vm.runInContext("'use strict'; handle = function handle() {};", context);
    const source = staleReferenceProbe(['missing', 'a); globalThis.pwned = true; (b', 'kept']);
    const probe = vm.runInContext(source, context) as (old: unknown) => string[];
    expect(Array.from(probe(old))).toEqual(['kept[0] still holds the old handle']);
    expect(vm.runInContext('globalThis.pwned', context)).toBeUndefined();
  });

  it('returns an empty list for a hostile oldFunctions argument instead of throwing', () => {
    const context = vm.createContext({});
    vm.runInContext("'use strict'; const kept = [1];", context);
    const probe = vm.runInContext(staleReferenceProbe(['kept']), context) as (old: unknown) => string[];
    const hostile = vm.runInContext("new Proxy({}, { ownKeys() { throw new Error('no'); } })", context);
    expect(Array.from(probe(hostile))).toEqual([]);
  });

  it('probes the state bindings of a module, not its functions', () => {
    const shape = compileModule(`let hits = 0;\nconst { a, b: [c] } = { a: 1, b: [2] };\nclass Store {}\n${HANDLERS}`, 'service.js');
    expect(probedBindingNames(shape)).toEqual(['hits', 'a', 'c', 'Store']);
  });
});
