import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/engine/errors.ts';
import { compileModule } from '../../../src/engine/source/compile-module.ts';
import { DYNAMIC_IMPORT_UNAVAILABLE, IMPORT_ATTRIBUTES_UNAVAILABLE, IMPORT_META_UNAVAILABLE } from '../../../src/engine/source/sandbox-rules.ts';
import { runModule, throwSite } from './run-in-vm.ts';

const SERVICE = `let hits = 0;
const routes = { '/ping': handle };
export function handle(req) { hits++; return \`pong \${hits}\`; }
export function snapshot() { return { hits }; }
export function migrate(prev) { hits = prev.hits; }
`;

function sourceErrorOf(source: string): SourceError {
  try {
    compileModule(source, 'service.js');
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('compileModule did not throw');
}

describe('compileModule', () => {
  it('records exports and top-level items of the example service, in source order', () => {
    const shape = compileModule(SERVICE, 'service.js');
    expect(shape.exports).toEqual({ handle: 'handle', snapshot: 'snapshot', migrate: 'migrate' });
    expect(shape.topLevel.map((item) => (item.kind === 'function' ? `function ${item.name}` : `${item.kind} ${item.text}`))).toEqual([
      'binding let hits = 0;',
      "binding const routes = { '/ping': handle };",
      'function handle',
      'function snapshot',
      'function migrate',
    ]);
    const handle = shape.topLevel[2];
    expect(handle).toMatchObject({
      kind: 'function',
      name: 'handle',
      async: false,
      generator: false,
      text: 'function handle(req) { hits++; return `pong ${hits}`; }',
      location: { file: 'service.js', line: 3, column: 8 },
    });
  });

  it('blanks `export ` without moving a single character', () => {
    const shape = compileModule(SERVICE, 'service.js');
    expect(shape.code).toHaveLength(SERVICE.length);
    expect(shape.code.split('\n')).toHaveLength(SERVICE.split('\n').length);
    expect(shape.code).not.toContain('export');
    expect(shape.code.split('\n')[2]).toBe('       function handle(req) { hits++; return `pong ${hits}`; }');
  });

  it('keeps runtime error positions: a throw at line 3 column 5 of the file is at line 3 column 5 when run', () => {
    const source = ['export const limit = 3;', 'export function handle(req) {', '    boom(req);', '}', 'export { limit as max };', ''].join('\n');
    const shape = compileModule(source, 'service.js');
    // The same text at the same offset, so at the same line and column.
    expect(shape.code.indexOf('boom')).toBe(source.indexOf('boom'));
    const context = runModule(shape);
    expect(throwSite(context, 'handle({})', 'service.js')).toBe('service.js:3:5');
  });

  it('keeps positions on line 1 too, after a blanked export, when run with the runtime strict prefix', () => {
    const source = 'export function handle() { const x = nope; return x; }\n';
    const shape = compileModule(source, 'service.js');
    expect(throwSite(runModule(shape), 'handle()', 'service.js')).toBe(`service.js:1:${source.indexOf('nope') + 1}`);
  });

  it('runs as a strict script whose top-level let is reachable and reassignable from a later script', () => {
    const context = runModule(compileModule(SERVICE, 'service.js'));
    expect(vm.runInContext('handle({}); handle({})', context)).toBe('pong 2');
    expect(vm.runInContext('hits', context)).toBe(2);
    // Strict: assigning to an undeclared name throws instead of creating a global.
    const sloppy = compileModule('export function handle() { leaked = 1; }', 'service.js');
    expect(() => vm.runInContext('handle()', runModule(sloppy))).toThrow(/leaked is not defined/);
  });

  it('blanks `export { … }` lists, keeping line breaks, and records each name', () => {
    const list = 'export {\n  a,\n  b as c,\n  a as "x-y",\n};\n';
    const shape = compileModule(`let a = 1;\nfunction b() {}\n${list}`, 'service.js');
    expect(shape.exports).toEqual({ a: 'a', c: 'b', 'x-y': 'a' });
    expect(shape.code).toBe(`let a = 1;\nfunction b() {}\n${list.replace(/[^\n]/g, ' ')}`);
    expect(shape.topLevel).toHaveLength(2);
  });

  it('records every name of a destructuring export and of classes', () => {
    const shape = compileModule('export const { a, b: [c, ...d] = [] } = {};\nexport class Store {}\n', 'service.js');
    expect(shape.exports).toEqual({ a: 'a', c: 'c', d: 'd', Store: 'Store' });
    expect(shape.topLevel).toMatchObject([
      { kind: 'binding', declaration: 'const', names: ['a', 'c', 'd'] },
      { kind: 'binding', declaration: 'class', names: ['Store'], text: 'class Store {}' },
    ]);
  });

  it('handles `export default function name` as the function itself', () => {
    const source = 'export default function handle(req) { return 1; }\n';
    const shape = compileModule(source, 'service.js');
    expect(shape.exports).toEqual({ default: 'handle' });
    expect(shape.code).toBe(`${' '.repeat(15)}function handle(req) { return 1; }\n`);
    expect(shape.topLevel).toMatchObject([{ kind: 'function', name: 'handle', location: { line: 1, column: 16 } }]);
  });

  it('handles `export default class Name` as the class itself', () => {
    const shape = compileModule('export default class Store { size() { return 0; } }', 'service.js');
    expect(shape.exports).toEqual({ default: 'Store' });
    expect(shape.topLevel).toMatchObject([{ kind: 'binding', declaration: 'class', names: ['Store'] }]);
    expect(vm.runInContext('new Store().size()', runModule(shape))).toBe(0);
  });

  it('keeps CRLF and Unicode line breaks where they were', () => {
    const source = 'export let a = 1;\r\nexport {\r\n  a as b\u2028};\r\nexport function f() {}';
    const shape = compileModule(source, 'service.js');
    expect(shape.code).toBe('       let a = 1;\r\n        \r\n        \u2028  \r\n       function f() {}');
  });

  it('turns `export default <expression>` into a same-length `var __default=`', () => {
    const source = 'let n = 40;\nexport default n + 2;\n';
    const shape = compileModule(source, 'service.js');
    expect(shape.code).toBe('let n = 40;\nvar __default= n + 2;\n');
    expect(shape.exports).toEqual({ default: '__default' });
    expect(shape.topLevel[1]).toMatchObject({ kind: 'binding', declaration: 'var', names: ['__default'], text: 'var __default = n + 2;' });
    expect(vm.runInContext('__default', runModule(shape))).toBe(42);
  });

  it('pads `export default` written with extra spacing or a comment, and rewrites anonymous functions', () => {
    const spaced = compileModule('export  /* hi */ default 1;', 'service.js');
    expect(spaced.code).toBe('var __default=           1;');
    const anonymous = compileModule('export default function (req) { return 7; }', 'service.js');
    expect(anonymous.exports).toEqual({ default: '__default' });
    expect(vm.runInContext('__default()', runModule(anonymous))).toBe(7);
  });

  it('refuses `export default` split over two lines, which cannot be rewritten in place', () => {
    const error = sourceErrorOf('export\ndefault 1;');
    expect(error.message).toMatch(/on one line/);
    expect(error.location).toEqual({ file: 'service.js', line: 1, column: 1 });
  });

  it('refuses a learner binding named __default next to `export default <expression>`', () => {
    const error = sourceErrorOf('export default 1;\nlet __default = 2;');
    expect(error.message).toMatch(/`__default` is reserved/);
    expect(error.location?.line).toBe(2);
  });

  it.each([
    ['export function f() {\n  return import("./x.js");\n}', 2, 10, DYNAMIC_IMPORT_UNAVAILABLE],
    ['export function f() {\n  return import.meta.url;\n}', 2, 10, IMPORT_META_UNAVAILABLE],
    ['import data from "./x.json" with { type: "json" };', 1, 1, IMPORT_ATTRIBUTES_UNAVAILABLE],
  ])('refuses what the module graph cannot link, with a clear message at its location: %s', (source, line, column, message) => {
    const error = sourceErrorOf(source);
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toBe(message);
    expect(error.location).toEqual({ file: 'service.js', line, column });
  });

  it('lists static imports and re-exports as requests and blanks them in place', () => {
    const shape = compileModule(
      "import def, { a as b, c } from './x.js';\nimport * as ns from './y.js';\nimport './setup.js';\nexport { d as e } from './z.js';\nexport * from './w.js';\nexport * as all from './v.js';\nexport const k = 1;\n",
      'service.js',
    );
    expect(shape.requests).toEqual([
      { specifier: './x.js', location: { file: 'service.js', line: 1, column: 32 }, imports: [{ local: 'def', imported: 'default' }, { local: 'b', imported: 'a' }, { local: 'c', imported: 'c' }], reExports: [] },
      { specifier: './y.js', location: { file: 'service.js', line: 2, column: 21 }, imports: [{ local: 'ns', imported: '*' }], reExports: [] },
      { specifier: './setup.js', location: { file: 'service.js', line: 3, column: 8 }, imports: [], reExports: [] },
      { specifier: './z.js', location: { file: 'service.js', line: 4, column: 24 }, imports: [], reExports: [{ exported: 'e', imported: 'd' }] },
      { specifier: './w.js', location: { file: 'service.js', line: 5, column: 15 }, imports: [], reExports: [{ exported: '*', imported: '*' }] },
      { specifier: './v.js', location: { file: 'service.js', line: 6, column: 22 }, imports: [], reExports: [{ exported: 'all', imported: '*' }] },
    ]);
    expect(shape.exports).toEqual({ k: 'k' });
    expect(shape.code.split('\n').slice(0, 6).every((line) => line.trim() === '')).toBe(true);
    expect(shape.topLevel.map((item) => item.text)).toEqual(['const k = 1;']);
  });

  it('drops a UTF-8 byte order mark so line 1 columns are the editor\'s', () => {
    const error = sourceErrorOf('\uFEFFlet a = ;');
    expect(error.location).toEqual({ file: 'service.js', line: 1, column: 9 });
  });

  it('reports syntax errors with the reason alone and a 1-based line and column', () => {
    const error = sourceErrorOf('let a = 1;\nexport function handle(req) {\n  return req. ;\n}\n');
    expect(error.message).toBe('Unexpected token');
    // acorn says (3:14) with a 0-based column; the `;` is the 15th character of line 3.
    expect(error.location).toEqual({ file: 'service.js', line: 3, column: 15 });
    expect(error.describe()).toBe('service.js:3:15 — Unexpected token');
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'SourceError',
      message: 'Unexpected token',
      location: { file: 'service.js', line: 3, column: 15 },
    });
  });

  it('refuses a top-level return', () => {
    const error = sourceErrorOf('let a = 1;\nreturn a;');
    expect(error.message).toMatch(/^`return` outside a function/);
    expect(error.location).toEqual({ file: 'service.js', line: 2, column: 1 });
  });

  it.each([
    ['const data = await load();', 1, 14],
    ['if (true) {\n  await 1;\n}', 2, 3],
    ['for await (const x of []) {}', 1, 1],
  ])('refuses top-level await: %s', (source, line, column) => {
    const error = sourceErrorOf(source);
    expect(error.message).toMatch(/top-level `await` is not available/);
    expect(error.location).toEqual({ file: 'service.js', line, column });
  });

  it('allows await inside async functions', () => {
    const shape = compileModule('export async function load() { await 1; }\nconst f = async () => { for await (const x of []) {} };', 'service.js');
    expect(shape.topLevel.map((item) => item.kind)).toEqual(['function', 'binding']);
  });

  it('classifies other top-level code as statements and skips stray semicolons', () => {
    const shape = compileModule('const routes = new Map();;\nroutes.set("/a", 1);\nif (routes.size) { routes.set("/b", 2); }\n', 'service.js');
    expect(shape.topLevel.map((item) => item.kind)).toEqual(['binding', 'statement', 'statement']);
    expect(shape.topLevel[1]?.text).toBe('routes.set("/a", 1);');
  });

  it('blanks a hashbang, which a script may only have at its very start', () => {
    const shape = compileModule('#!/usr/bin/env node\nexport function handle() {}\n', 'service.js');
    expect(shape.code.startsWith(' '.repeat(19) + '\n')).toBe(true);
    expect(() => runModule(shape)).not.toThrow();
  });

  describe('fingerprints', () => {
    const fingerprintOf = (source: string, index = 0) => compileModule(source, 'service.js').topLevel[index]?.fingerprint;

    it('ignore whitespace, comments, quote style, number spelling and semicolons left to ASI', () => {
      expect(fingerprintOf('function handle(req){return "pong "+1000}')).toBe(
        fingerprintOf("function handle(req) {\n  // answers\n  return 'pong ' + 1e3; /* done */\n}"),
      );
      expect(fingerprintOf('let hits = 0;')).toBe(fingerprintOf('let hits = 0'));
      expect(fingerprintOf('function f() {\n  a()\n  return\n}')).toBe(fingerprintOf('function f() { a(); return; }'));
      expect(fingerprintOf('export default 1')).toBe(fingerprintOf('export default 1;'));
      expect(fingerprintOf('class A { x = 1\n y }')).toBe(fingerprintOf('class A { x = 1; y; }'));
      expect(fingerprintOf('export function f() {}')).toBe(fingerprintOf('function f() {}\nexport { f };'));
    });

    it('change when the code does', () => {
      expect(fingerprintOf('let hits = 0;')).not.toBe(fingerprintOf('let hits = 10;'));
      expect(fingerprintOf('function f() { return `a${b}`; }')).not.toBe(fingerprintOf('function f() { return `a${c}`; }'));
      expect(fingerprintOf('const r = /a b/;')).not.toBe(fingerprintOf('const r = /a  b/;'));
      // Semicolons that change the program are not formatting.
      expect(fingerprintOf('function f() { while (x);\n  g(); }')).not.toBe(fingerprintOf('function f() { while (x)\n  g(); }'));
      expect(fingerprintOf('function f() { a = b;\n  (c); }')).not.toBe(fingerprintOf('function f() { a = b\n  (c); }'));
      expect(fingerprintOf('class A { get;\n  foo() {} }')).not.toBe(fingerprintOf('class A { get\n  foo() {} }'));
    });
  });
});
