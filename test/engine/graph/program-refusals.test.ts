// What a program of modules refuses, through the real engine and watcher: the last good version keeps serving.
import { unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nextRecord } from '../lab-fixture.ts';
import { startProgram, type ProgramLab } from '../program-fixture.ts';

const SERVICE = "import { greet } from './greet.js';\nexport function handle(req) { return greet(req.path); }\n";
const GREET = (word: string) => `export function greet(path) { return '${word} ' + path; }\n`;

let lab: ProgramLab;
afterEach(() => lab?.close());

describe('refused with file:line:column, the last good version serving', () => {
  it.each([
    ['a missing file', "import { greet } from './nope.js';\nexport function handle() { return greet(); }\n", /cannot find `\.\/nope\.js`/, 1, 23],
    ['a package', "import express from 'express';\nexport function handle() { return 'x'; }\n", /`express` is a package name/, 1, 21],
    ['dynamic import()', "export function handle() {\n  return import('./greet.js');\n}\n", /dynamic `import\(\)`/, 2, 10],
  ])('%s', async (_what, source, reason, line, column) => {
    lab = await startProgram({ 'service.js': SERVICE, 'greet.js': GREET('hello') });
    const record = await lab.save('service.js', source);
    expect(record).toMatchObject({ outcome: 'rejected', version: 1, location: { file: 'service.js', line, column } });
    expect(record.reason).toMatch(reason);
    expect((await lab.get()).body).toBe('hello /ping');
  });

  it('an emptied module its importer links to is refused as empty, not as a missing export', async () => {
    lab = await startProgram({ 'service.js': SERVICE, 'greet.js': GREET('hello') });
    const record = await lab.save('greet.js', '\n');
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toContain('greet.js is empty');
    expect(record.reason).not.toContain('does not export');
    expect((await lab.get()).body).toBe('hello /ping');
  });

  it('an import cycle, named', async () => {
    lab = await startProgram({ 'service.js': SERVICE, 'greet.js': GREET('hello') });
    const record = await lab.save('greet.js', "import { handle } from './service.js';\nexport function greet(p) { return 'hi ' + p; }\n");
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toContain('import cycle: service.js → greet.js → service.js');
    expect(record.location).toEqual({ file: 'greet.js', line: 1, column: 24 });
    expect((await lab.get()).body).toBe('hello /ping');
  });

  it('a deleted module that is imported: refused, and the first save that brings it back applies', async () => {
    lab = await startProgram({ 'service.js': SERVICE, 'greet.js': GREET('hello') });
    const refused = nextRecord(lab.engine);
    await unlink(join(lab.dir, 'greet.js'));
    const record = await refused;
    expect(record).toMatchObject({ outcome: 'rejected', version: 1, location: { file: 'service.js', line: 1, column: 23 } });
    expect(record.reason).toMatch(/greet\.js/);
    expect((await lab.get()).body).toBe('hello /ping');
    const back = await lab.save('greet.js', GREET('welcome back'));
    expect(back).toMatchObject({ outcome: 'applied', version: 2 });
    expect((await lab.get()).body).toBe('welcome back /ping');
  });

  it('a file the program does not import: saving it changes nothing, and the engine says so', async () => {
    lab = await startProgram({ 'service.js': SERVICE, 'greet.js': GREET('hello'), 'scratch.js': 'export const x = 1;\n' });
    const logged = new Promise<string>((resolve) => lab.engine.on('log', (entry) => resolve(entry.message)));
    const record = await lab.trySave('scratch.js', 'export const x = 2;\n');
    expect(record).toBeNull();
    expect(await logged).toMatch(/scratch\.js is not part of the service: service\.js does not import it, so saving it changes nothing/);
    expect(lab.engine.version).toBe(1);
  });

  it('a module that starts to be imported is watched from then on', async () => {
    lab = await startProgram({ 'service.js': "export function handle() { return 'alone'; }\n", 'greet.js': GREET('hello') });
    expect((await lab.save('service.js', SERVICE)).outcome).toBe('applied');
    const record = await lab.save('greet.js', GREET('hey'));
    expect(record).toMatchObject({ outcome: 'applied', changed: ['greet.js'] });
    expect((await lab.get()).body).toBe('hey /ping');
  });
});

describe('a burst of saves across modules is served as one consistent graph', () => {
  it('never answers with a newer module paired with an older one saved before it', async () => {
    const a = (n: number) => `import { b } from './b.js';\nexport const a = () => 'a${n}-' + b();\n`;
    const b = (n: number) => `import { c } from './c.js';\nexport const b = () => 'b${n}-' + c();\n`;
    const c = (n: number) => `export const c = () => 'c${n}';\n`;
    lab = await startProgram({ 'service.js': "import { a } from './a.js';\nexport function handle() { return a(); }\n", 'a.js': a(0), 'b.js': b(0), 'c.js': c(0) }, { traffic: { rate: 500 } });
    const seen = new Set<string>();
    lab.engine.on('update', () => undefined);
    const stop = setInterval(() => void lab.get().then((r) => seen.add(r.body)), 1);
    for (let round = 1; round <= 5; round++) {
      // Saved in this order, each round: c, then b, then a. A served answer may lag, but never mix rounds backwards.
      await writeFile(join(lab.dir, 'c.js'), c(round));
      await writeFile(join(lab.dir, 'b.js'), b(round));
      await writeFile(join(lab.dir, 'a.js'), a(round));
      await new Promise((r) => setTimeout(r, 40));
    }
    await lab.engine.idle();
    await new Promise((r) => setTimeout(r, 300));
    await lab.engine.idle();
    clearInterval(stop);
    expect((await lab.get()).body).toBe('a5-b5-c5');
    for (const body of [...seen].filter((text) => /^a\d-b\d-c\d$/.test(text))) {
      const [na, nb, nc] = body.match(/\d/g)!.map(Number) as [number, number, number];
      // a was saved after b, b after c: a newer a than b (or b than c) never existed on disk.
      expect(na, body).toBeLessThanOrEqual(nb);
      expect(nb, body).toBeLessThanOrEqual(nc);
    }
  });
});

describe('TypeScript modules', () => {
  it('serves a .ts entry importing a .ts module by ./x.js, with exact locations for runtime errors', async () => {
    lab = await startProgram({
      'service.ts': "import { greet } from './greet.js';\ninterface Req { path: string }\nexport function handle(req: Req): string {\n  return greet(req.path);\n}\n",
      'greet.ts': "export function greet(path: string): string {\n  if (path === '/boom') throw new Error('boom');\n  return `hello ${path}`;\n}\n",
    }, { entry: 'service.ts' });
    expect((await lab.get()).body).toBe('hello /ping');
    const boom = await lab.get('/boom');
    expect(boom.failed).toBe(true);
    expect(boom.error).toContain('greet.ts:2:');
  });

  it('refuses an enum where it is, and keeps serving', async () => {
    lab = await startProgram({ 'service.ts': "export function handle(): string { return 'ok'; }\n" }, { entry: 'service.ts' });
    const record = await lab.save('service.ts', "enum Mode { Fast }\nexport function handle(): string { return 'ok'; }\n");
    expect(record).toMatchObject({ outcome: 'rejected', location: { file: 'service.ts', line: 1, column: 1 } });
    expect(record.reason).toMatch(/enum/);
    expect((await lab.get()).body).toBe('ok');
  });
});

describe('the REPL in another module', () => {
  it("evaluates in the entry's scope by default and in a named module's scope on request", async () => {
    lab = await startProgram({ 'service.js': `${SERVICE}let local = 'entry';\n`, 'greet.js': `${GREET('hello')}let secret = 42;\n` });
    expect(await lab.engine.evaluate('local')).toEqual({ ok: true, text: 'entry' });
    expect(await lab.engine.evaluate('secret', 'greet.js')).toEqual({ ok: true, text: '42' });
    expect(await lab.engine.evaluate('secret', 'nope.js')).toMatchObject({ ok: false, error: expect.stringMatching(/no module nope\.js/) });
  });
});

