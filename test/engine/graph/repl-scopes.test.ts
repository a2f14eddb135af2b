// The names each module of the running program declares (snapshot.scopes), which the lab's REPL offers as
// examples once it is pointed at that module (`:module greet.js`), and `:set` in a module's scope.
import { afterEach, describe, expect, it } from 'vitest';
import { startProgram, type ProgramLab } from '../program-fixture.ts';

let lab: ProgramLab | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

const SERVICE = "import { route } from './routes.js';\nlet hits = 0;\nexport function handle(req) { hits++; return route(req); }\n";
const ROUTES = "import { greet } from './greet.js';\nconst table = { '/ping': greet };\nexport function route(req) { return table[req.path]?.(req.path) ?? 'none'; }\n";
const GREET = (word: string) => `let calls = 0;\nexport function greet(path) { calls++; return '${word} ' + path; }\n`;

describe('the scope of every module', () => {
  it('lists each module of the running program with its own names, and follows the program as it changes', async () => {
    lab = await startProgram({ 'service.js': SERVICE, 'routes.js': ROUTES, 'greet.js': GREET('hello') });
    const { scope, scopes } = lab.engine.getSnapshot();
    expect(Object.keys(scopes ?? {}).sort()).toEqual(['greet.js', 'routes.js', 'service.js']);
    expect(scopes?.['service.js']).toEqual(scope);
    expect(scopes?.['greet.js']).toMatchObject({ variables: ['calls'], functions: ['greet'], exports: ['greet'] });
    expect(scopes?.['routes.js']).toMatchObject({ variables: [], constants: ['table'], functions: ['route'] });

    // A new binding in the leaf shows up in its scope after the save.
    await lab.save('greet.js', `${GREET('hi')}let last = '';\n`);
    expect(lab.engine.getSnapshot().scopes?.['greet.js']?.variables).toEqual(['calls', 'last']);
  });

  it(':set reaches a binding of another module, and refuses one that module does not have', async () => {
    lab = await startProgram({ 'service.js': SERVICE, 'routes.js': ROUTES, 'greet.js': GREET('hello') });
    expect(await lab.engine.setValue('calls', '40', 'greet.js')).toEqual({ ok: true, text: '40' });
    await lab.get();
    expect(await lab.engine.evaluate('calls', 'greet.js')).toEqual({ ok: true, text: '41' });
    expect(await lab.engine.setValue('hits', '1', 'greet.js')).toMatchObject({ ok: false, error: expect.stringMatching(/no top-level variable named hits \(there is calls\)/) });
  });

  it('has no scopes while nothing runs', async () => {
    lab = await startProgram({ 'service.js': "import { x } from './nope.js';\nexport function handle() { return x; }\n" });
    expect(lab.engine.getSnapshot()).toMatchObject({ scope: null, scopes: null });
  });
});
