import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileModule } from '../../../src/engine/source/compile-module.ts';
import type { PatchPlan } from '../../../src/engine/source/patch-plan.ts';
import { planReflectionPatch } from '../../../src/engine/source/plan-reflection-patch.ts';
import { runModule, runPatch, throwSite } from './run-in-vm.ts';

const V1 = `let hits = 0;
const routes = { '/ping': handle };
export function handle(req) { hits++; return \`pong \${hits}\`; }
export function snapshot() { return { hits }; }
export function migrate(prev) { hits = prev.hits; }
`;

function plan(running: string, next: string, file = 'service.js'): PatchPlan {
  return planReflectionPatch(compileModule(running, file), compileModule(next, file));
}

function refusal(running: string, next: string): { reason: string; location?: unknown } {
  const result = plan(running, next);
  if (result.kind !== 'refused') throw new Error(`expected a refusal, got ${result.kind}`);
  return result;
}

describe('planReflectionPatch', () => {
  it('finds nothing to do in the same source, reformatted, or with comments changed', () => {
    expect(plan(V1, V1)).toEqual({ kind: 'unchanged' });
    const reformatted = `// the counter
let hits = 0
const routes = {'/ping': handle}

export function handle(req) {
  hits++ // count it
  return \`pong \${hits}\`
}
export function snapshot() {
  return {hits}
}
export function migrate(prev) { /* take over */ hits = prev.hits }
`;
    expect(plan(V1, reformatted)).toEqual({ kind: 'unchanged' });
  });

  it('replaces a changed function in place: state survives and the new body runs', () => {
    const v2 = V1.replace('return `pong ${hits}`', 'return `PONG ${hits}`');
    const running = compileModule(V1, 'service.js');
    const result = planReflectionPatch(running, compileModule(v2, 'service.js'));
    expect(result).toMatchObject({ kind: 'patch', replaced: ['handle'], added: [] });
    if (result.kind !== 'patch') return;
    const [patch] = result.patches;
    expect(patch).toEqual({
      name: 'handle',
      action: 'replace',
      code: "'use strict'; handle = function handle(req) { hits++; return `PONG ${hits}`; };",
      location: { file: 'service.js', line: 3, column: 8 },
      columnOffset: "'use strict'; handle = ".length,
    });

    const context = runModule(running);
    vm.runInContext('handle({}); handle({})', context);
    const routeBefore = vm.runInContext("routes['/ping']", context);
    for (const p of result.patches) runPatch(context, p);
    expect(vm.runInContext('handle({})', context)).toBe('PONG 3');
    // The route table captured the old function object before the patch: a stale reference.
    expect(vm.runInContext("routes['/ping']", context)).toBe(routeBefore);
    expect(vm.runInContext("routes['/ping']({})", context)).toBe('pong 4');
  });

  it('compiles patches so a throw points at the learner’s line and column in the new file', () => {
    const running = 'let n = 0;\nfunction handle(req) {\n  return n;\n}\n';
    // Line 1 of the function moved to line 3, column 1; the throw is on the function's first line too.
    const next = 'let n = 0;\n\nfunction handle(req) { const x = boom(); return x; }\n';
    const result = plan(running, next);
    if (result.kind !== 'patch') throw new Error(result.kind);
    const context = runModule(compileModule(running, 'service.js'));
    for (const p of result.patches) runPatch(context, p);
    expect(throwSite(context, 'handle({})', 'service.js')).toBe(`service.js:3:${next.split('\n')[2]!.indexOf('boom') + 1}`);

    // An exported function (column 8 after the blanked `export `) throwing on a later line.
    const exported = 'let n = 0;\nexport function handle(req) {\n  n++;\n    boom(n);\n}\n';
    const patched = plan('let n = 0;\nexport function handle(req) {\n  n++;\n}\n', exported);
    if (patched.kind !== 'patch') throw new Error(patched.kind);
    expect(patched.patches[0]?.location).toEqual({ file: 'service.js', line: 2, column: 8 });
    const live = runModule(compileModule('let n = 0;\nexport function handle(req) {\n  n++;\n}\n', 'service.js'));
    for (const p of patched.patches) runPatch(live, p);
    expect(throwSite(live, 'handle({})', 'service.js')).toBe('service.js:4:5');
    expect(vm.runInContext('n', live)).toBe(1);
  });

  it('adds new functions before replacing, so replaced code can call them at once', () => {
    const v2 = V1.replace('return `pong ${hits}`', 'return format(hits)') + 'function format(n) { return `pong #${n}`; }\n';
    const result = plan(V1, v2);
    expect(result).toMatchObject({ kind: 'patch', replaced: ['handle'], added: ['format'] });
    if (result.kind !== 'patch') return;
    expect(result.patches.map((p) => [p.action, p.name])).toEqual([['add', 'format'], ['replace', 'handle']]);
    expect(result.patches[0]).toMatchObject({
      code: "'use strict'; function format(n) { return `pong #${n}`; }",
      columnOffset: "'use strict'; ".length,
      location: { line: 6, column: 1 },
    });
    const context = runModule(compileModule(V1, 'service.js'));
    vm.runInContext('handle({})', context);
    for (const p of result.patches) runPatch(context, p);
    expect(vm.runInContext('handle({})', context)).toBe('pong #2');
  });

  it('keeps async and generator functions what they are', () => {
    const result = plan('export async function load() { return 1; }', 'export async function load() { return 2; }');
    expect(result).toMatchObject({ kind: 'patch', patches: [{ code: "'use strict'; load = async function load() { return 2; };" }] });
  });

  it('refuses a changed initialiser, naming the binding, both versions and what to do', () => {
    const result = refusal(V1, V1.replace('let hits = 0;', 'let hits = 10;'));
    expect(result.reason).toBe(
      'service.js:1:1 — the top-level initialiser changed: running `let hits = 0`, new `let hits = 10`. Reflection-patch replaces functions only; initialisers do not run again and the live value of `hits` is kept. Use file-watch or binary-replace to re-initialise.',
    );
    expect(result.location).toEqual({ file: 'service.js', line: 1, column: 1 });
  });

  it('is all or nothing: a function change next to a state change applies nothing', () => {
    const v2 = V1.replace('let hits = 0;', 'let hits = 1;').replace('pong', 'PONG');
    expect(plan(V1, v2)).toMatchObject({ kind: 'refused' });
  });

  it('refuses new state, naming it and its line', () => {
    const result = refusal(V1, V1.replace('const routes', 'let cache = new Map();\nconst routes'));
    expect(result.reason).toMatch(/^service\.js:2:1 — a new top-level binding `cache` was added: `let cache = new Map\(\)`\./);
    expect(result.reason).toContain('cannot add state');
  });

  it('refuses removed state, saying where it was in the running version', () => {
    const result = refusal(V1, V1.replace("const routes = { '/ping': handle };\n", ''));
    expect(result.reason).toMatch(/^service\.js — the top-level binding `routes` was removed \(`const routes = \{ '\/ping': handle \}`, line 2 of the running version\)\./);
  });

  it('refuses changed and added top-level statements', () => {
    const base = 'const routes = new Map();\nroutes.set("/a", 1);\nexport function handle() { return routes.size; }\n';
    expect(refusal(base, base.replace('"/a"', '"/b"')).reason).toMatch(
      /^service\.js:2:1 — a top-level statement changed: running `routes\.set\("\/a", 1\)`, new `routes\.set\("\/b", 1\)`\. .*do(es)? not run again/,
    );
    expect(refusal(base, `${base}routes.set("/c", 3);\n`).reason).toMatch(/^service\.js:4:1 — a new top-level statement was added: `routes\.set\("\/c", 3\)`/);
  });

  it('refuses a renamed binding, naming both names', () => {
    expect(refusal(V1, V1.replace(/hits/g, 'count')).reason).toMatch(
      /^service\.js:1:1 — the top-level binding `hits` became `count`: running `let hits = 0`, new `let count = 0`\./,
    );
  });

  it('quotes long initialisers around the difference', () => {
    const long = (n: number) => `const config = { name: 'service', retries: 3, timeoutMs: 1000, greeting: 'hello', port: ${n} };`;
    const { reason } = refusal(`${long(8080)}\nexport function handle() {}`, `${long(9090)}\nexport function handle() {}`);
    expect(reason).toContain('8080');
    expect(reason).toContain('9090');
    expect(reason).toContain('…');
  });

  it('refuses a removed function: live code may still call it', () => {
    const result = refusal(V1, V1.replace('export function migrate(prev) { hits = prev.hits; }\n', ''));
    expect(result.reason).toMatch(/^service\.js — function `migrate` was removed \(line 5 of the running version\)\./);
  });

  it('refuses a changed set of exports', () => {
    expect(refusal(V1, `${V1}export function stats() { return hits; }\n`).reason).toMatch(
      /^service\.js:6:8 — the shape changed: export `stats` was added\./,
    );
    expect(refusal(V1, V1.replace('export function snapshot', 'function snapshot')).reason).toMatch(
      /^service\.js — the shape changed: export `snapshot` was removed\./,
    );
    expect(refusal(`${V1}export { hits as count };\n`, `${V1}export { routes as count };\n`).reason).toMatch(
      /the shape changed: export `count` now refers to `routes` instead of `hits`/,
    );
  });

  it('refuses a name that changed kind', () => {
    const arrow = refusal(V1, V1.replace('export function snapshot() { return { hits }; }', 'export const snapshot = () => ({ hits });'));
    expect(arrow.reason).toMatch(/^service\.js:4:8 — `snapshot` changed kind: running a function, new a `const` binding\./);
    const async = refusal(V1, V1.replace('export function handle', 'export async function handle'));
    expect(async.reason).toMatch(/`handle` changed kind: running a function, new an async function\./);
  });

  it('names the file alone in the reason but keeps the full path in the location', () => {
    const result = planReflectionPatch(compileModule('let a = 1;', '/home/me/lab/sandbox/service.js'), compileModule('let a = 2;', '/home/me/lab/sandbox/service.js'));
    expect(result).toMatchObject({ kind: 'refused', location: { file: '/home/me/lab/sandbox/service.js', line: 1, column: 1 } });
    if (result.kind === 'refused') expect(result.reason.startsWith('service.js:1:1 — ')).toBe(true);
  });
});
