import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/engine/errors.ts';
import { CompileCache, loadGraph } from '../../../src/engine/graph/load-graph.ts';
import { importersOf } from '../../../src/engine/graph/program-graph.ts';

/** A workspace in memory: module id → source. */
function workspace(files: Record<string, string>) {
  return { read: (id: string) => files[id] ?? null };
}

function refusal(files: Record<string, string>, entry = 'service.js'): SourceError {
  try {
    loadGraph(entry, workspace(files));
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('the graph loaded');
}

describe('loading the module graph from the entry', () => {
  it('orders modules after what they import, the entry last, and links every imported name', () => {
    const graph = loadGraph(
      'service.js',
      workspace({
        'service.js': "import { route } from './routes.js';\nexport function handle(req) { return route(req.path); }\n",
        'routes.js': "import { greet as hello } from './lib/greet.js';\nimport * as fmt from './lib/format.js';\nexport function route(p) { return fmt.upper(hello(p)); }\n",
        'lib/greet.js': "import { upper } from './format.js';\nexport function greet(p) { return 'hi ' + p; }\nexport const loud = upper;\n",
        'lib/format.js': 'export function upper(s) { return s.toUpperCase(); }\n',
        'unused.js': 'export const nobody = 1;\n',
      }),
    );
    expect(graph.order).toEqual(['lib/format.js', 'lib/greet.js', 'routes.js', 'service.js']);
    expect(graph.modules.has('unused.js')).toBe(false);
    expect(graph.modules.get('routes.js')!.imports).toEqual([
      { local: 'hello', from: 'lib/greet.js', imported: 'greet' },
      { local: 'fmt', from: 'lib/format.js', imported: '*' },
    ]);
    expect(graph.modules.get('routes.js')!.dependencies).toEqual(['lib/greet.js', 'lib/format.js']);
    expect(importersOf(graph, 'lib/format.js')).toEqual(['lib/greet.js', 'routes.js']);
  });

  it('keeps every line and column: imports are blanked in place', () => {
    const graph = loadGraph('service.js', workspace({
      'service.js': "import {\n  greet,\n} from './greet.js';\nexport function handle() { return greet(); }\n",
      'greet.js': 'export function greet() { return 1; }\n',
    }));
    const code = graph.modules.get('service.js')!.shape.code;
    expect(code.split('\n')).toHaveLength(5);
    expect(code.split('\n')[3]).toBe('       function handle() { return greet(); }');
    expect(code).not.toContain('import');
  });

  it('resolves re-exports, `export *` and `export * as`', () => {
    const graph = loadGraph('service.js', workspace({
      'service.js': "import { a, b, c, ns } from './index.js';\nexport function handle() { return a + b + c + ns.a; }\n",
      'index.js': "export * from './a.js';\nexport { b as c } from './b.js';\nexport * as ns from './a.js';\nexport const b = 2;\n",
      'a.js': 'export const a = 1; export default 9;\n',
      'b.js': 'export const b = 3;\n',
    }));
    const index = graph.modules.get('index.js')!;
    expect(index.exportNames.sort()).toEqual(['a', 'b', 'c', 'ns']);
    expect(index.forwards).toEqual(expect.arrayContaining([
      { exported: 'a', from: 'a.js', imported: 'a' },
      { exported: 'c', from: 'b.js', imported: 'b' },
      { exported: 'ns', from: 'a.js', imported: '*' },
    ]));
  });

  it('resolves ./x.js to x.ts when only the TypeScript file exists, and strips its types in place', () => {
    const graph = loadGraph('service.ts', workspace({
      'service.ts': "import { greet } from './greet.js';\nexport function handle(req: { path: string }): string { return greet(req.path); }\n",
      'greet.ts': 'interface Named { name: string }\nexport function greet(name: string): string { return `hi ${name}`; }\n',
    }));
    expect(graph.order).toEqual(['greet.ts', 'service.ts']);
    expect(graph.modules.get('greet.ts')!.shape.code.split('\n')[1]).toBe('       function greet(name        )         { return `hi ${name}`; }');
  });

  it.each([
    ["import { x } from 'express';", /`express` is a package name: the sandbox has no packages/, 1, 19],
    ["import fs from 'node:fs';", /`node:fs` is a Node built-in module/, 1, 16],
    ["import fs from 'fs';", /`fs` is a Node built-in module/, 1, 16],
    ["let a = 1;\nimport { g } from './missing.js';", /cannot find `\.\/missing\.js`: there is no missing\.js \(nor missing\.ts\)/, 2, 19],
    ["import { g } from './greet';", /write the file name in full: '\.\/greet\.js'/, 1, 19],
    ["import { g } from '../outside.js';", /points outside the workspace/, 1, 19],
    ["import { g } from '/etc/passwd.js';", /is an absolute path/, 1, 19],
    ["import data from './data.json';", /is not a module/, 1, 18],
    ["import { nope } from './greet.js';", /greet\.js does not export `nope` \(it exports `greet`\)/, 1, 22],
  ])('refuses %s where it is written', (line, reason, lineNo, column) => {
    const error = refusal({ 'service.js': `${line}\nexport function handle() { return 1; }\n`, 'greet.js': 'export function greet() {}\n', 'data.json': '{}' });
    expect(error.message).toMatch(reason);
    expect(error.location).toEqual({ file: 'service.js', line: lineNo, column });
  });

  it('refuses an import cycle and names it', () => {
    const error = refusal({
      'service.js': "import { r } from './routes.js';\nexport function handle() { return r; }\n",
      'routes.js': "import { g } from './greet.js';\nexport const r = 1;\n",
      'greet.js': "import { handle } from './service.js';\nexport const g = 2;\n",
    });
    expect(error.message).toContain('import cycle: service.js → routes.js → greet.js → service.js');
    expect(error.location).toEqual({ file: 'greet.js', line: 1, column: 24 });
  });

  it('refuses dynamic import() and import.meta with their own reasons', () => {
    expect(refusal({ 'service.js': "export function handle() {\n  return import('./x.js');\n}\n" }).message).toMatch(/dynamic `import\(\)` is not available/);
    expect(refusal({ 'service.js': 'export function handle() {\n  return import.meta.url;\n}\n' }).location).toEqual({ file: 'service.js', line: 2, column: 10 });
  });

  it('says when the entry itself is missing', () => {
    expect(refusal({}).message).toMatch(/service\.js does not exist/);
  });

  it('compiles an unchanged module once across loads', () => {
    const cache = new CompileCache();
    const files: Record<string, string> = {
      'service.js': "import { g } from './greet.js';\nexport function handle() { return g(); }\n",
      'greet.js': 'export function g() { return 1; }\n',
    };
    const first = loadGraph('service.js', workspace(files), cache);
    files['greet.js'] = 'export function g() { return 2; }\n';
    const second = loadGraph('service.js', workspace(files), cache);
    expect(second.modules.get('service.js')!.shape).toBe(first.modules.get('service.js')!.shape);
    expect(second.modules.get('greet.js')!.shape).not.toBe(first.modules.get('greet.js')!.shape);
  });
});

describe('TypeScript modules', () => {
  it.each([
    ['let x = 1;\nenum Color { Red }\n', 2, 1, /enum is not supported in strip-only mode: hotlab strips types in place/],
    ['class C {\n  constructor(private a: number) {}\n}\n', 2, 23, /parameter property/],
    ['let 你好 = "x"; namespace N { export const a = 1 }\n', 1, 15, /namespace/],
    ['let y = <number>x;\n', 1, 9, /angle-bracket/],
    ['let x: = 1;\n', 1, 8, /Unexpected token/],
  ])('refuses what cannot be stripped in place, at its location: %s', (source, line, column, reason) => {
    const error = refusal({ 'service.ts': `${source}export function handle() { return 1; }\n` }, 'service.ts');
    expect(error.message).toMatch(reason);
    expect(error.location).toEqual({ file: 'service.ts', line, column });
  });
});
