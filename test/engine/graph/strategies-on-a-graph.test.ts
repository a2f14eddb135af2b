// Design §8's table, one strategy at a time, on real temp workspaces with real saves.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { countingModule, startProgram, type ProgramLab } from '../program-fixture.ts';

// service.js (host, counts requests) → routes.js (counts routed calls) → greet.js (leaf, counts greetings)
const SERVICE = `import { route } from './routes.js';
let requests = 0;
export function handle(req) {
  requests++;
  return \`\${route(req.path)} | host \${requests}\`;
}
`;
const ROUTES = (extra = '') => `import { greet } from './greet.js';
let routed = 0;
export function route(path) {
  routed++;
  return \`\${greet(path)} | routes \${routed}\`;
}
${extra}`;
const GREET = (word: string, extra = '') => `let greeted = 0;
export function greet(path) {
  greeted++;
  return \`${word} \${path} \${greeted}\`;
}
${extra}`;

/** "hello /ping 3 | routes 3 | host 3" → {greet: 3, routes: 3, host: 3, word: 'hello'} */
function counts(body: string): { word: string; greet: number; routes: number; host: number } {
  const match = /^(\S+) \S+ (\d+) \| routes (\d+) \| host (\d+)$/.exec(body);
  if (!match) throw new Error(`unexpected body ${JSON.stringify(body)}`);
  return { word: match[1]!, greet: Number(match[2]), routes: Number(match[3]), host: Number(match[4]) };
}

const program = () => ({ 'service.js': SERVICE, 'routes.js': ROUTES(), 'greet.js': GREET('hello') });

let lab: ProgramLab;
afterEach(() => lab?.close());

async function warm(times = 4): Promise<void> {
  for (let i = 0; i < times; i++) await lab.get();
}

describe('file-watch on a graph: the saved module and its importers re-run, up to the entry or a boundary', () => {
  it('re-runs greet.js → routes.js → service.js and says state was lost in all three', async () => {
    lab = await startProgram(program(), { strategy: 'file-watch' });
    await warm();
    const record = await lab.save('greet.js', GREET('hi'));
    expect(record).toMatchObject({ outcome: 'applied', stateKept: false, changed: ['greet.js'] });
    expect(record.modules?.map((m) => [m.module, m.action, m.cause, m.stateKept])).toEqual([
      ['greet.js', 're-ran', 'changed', false],
      ['routes.js', 're-ran', 'importer', false],
      ['service.js', 're-ran', 'importer', false],
    ]);
    const after = counts((await lab.get()).body);
    expect(after).toMatchObject({ word: 'hi' });
    expect(after.host).toBeLessThanOrEqual(2);
  });

  it('stops at a module that calls hot.accept(): its importers keep running and their state', async () => {
    lab = await startProgram({ ...program(), 'routes.js': ROUTES('hot.accept();\n') }, { strategy: 'file-watch' });
    await warm();
    const record = await lab.save('greet.js', GREET('hi'));
    expect(record.modules?.map((m) => m.module)).toEqual(['greet.js', 'routes.js']);
    const after = counts((await lab.get()).body);
    expect(after.word).toBe('hi');
    expect(after.host).toBeGreaterThanOrEqual(5); // the host was not re-run
    expect(after.routes).toBeLessThanOrEqual(2); // the boundary itself was
  });

  it('gives each module its own hot.data', async () => {
    const keep = (label: string) => `let n = hot.data.n ?? 0;
export function count() { n++; hot.data.n = n; return \`${label} \${n}\`; }
`;
    lab = await startProgram({
      'service.js': "import { count } from './counter.js';\nimport { count as other } from './other.js';\nexport function handle() { return count() + ' / ' + other(); }\n",
      'counter.js': keep('a'),
      'other.js': keep('b'),
    }, { strategy: 'file-watch' });
    await warm(3);
    const record = await lab.save('counter.js', keep('A'));
    expect(record.stateKept).toBe(true);
    expect((await lab.get()).body).toMatch(/^A [5-9] \/ b [5-9]$/);
  });
});

describe('plugin-swap on a graph: the saved module alone, next to its old instance; the host keeps running', () => {
  it('swaps greet.js and keeps the state of routes.js and service.js', async () => {
    lab = await startProgram(program(), { strategy: 'plugin-swap' });
    await warm();
    const record = await lab.save('greet.js', GREET('hi'));
    expect(record.modules?.map((m) => [m.module, m.action])).toEqual([['greet.js', 'swapped']]);
    expect(record.stateKept).toBe(false); // greet.js lost its count: no snapshot/migrate
    const after = counts((await lab.get()).body);
    expect(after).toMatchObject({ word: 'hi' });
    expect(after.host).toBeGreaterThanOrEqual(5);
    expect(after.routes).toBeGreaterThanOrEqual(5);
    expect(after.greet).toBeLessThanOrEqual(2);
    const snapshot = lab.engine.getSnapshot();
    expect(snapshot.modules.find((m) => m.module === 'greet.js')).toMatchObject({ version: 2, retainedVersions: 1 });
    expect(snapshot.modules.find((m) => m.module === 'service.js')).toMatchObject({ version: 1, retainedVersions: 0 });
  });

  it("migrates the swapped module's own snapshot", async () => {
    const migrating = (word: string) => GREET(word, 'export function snapshot() { return { greeted }; }\nexport function migrate(prev) { greeted = prev.greeted; }\n');
    lab = await startProgram({ ...program(), 'greet.js': migrating('hello') }, { strategy: 'plugin-swap' });
    await warm();
    const record = await lab.save('greet.js', migrating('hi'));
    expect(record.stateKept).toBe(true);
    expect(counts((await lab.get()).body).greet).toBeGreaterThanOrEqual(5);
  });

  it('refuses a version that drops a name an importer uses, like a failing plugin.Lookup', async () => {
    lab = await startProgram(program(), { strategy: 'plugin-swap' });
    await warm();
    const record = await lab.save('greet.js', GREET('hi').replace('export function greet', 'export function salute'));
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/plugin\.Lookup\("greet"\)/);
    expect(record.reason).toMatch(/greet\.js does not export `greet`/);
    expect(record.location).toEqual({ file: 'routes.js', line: 1, column: 23 });
    expect(counts((await lab.get()).body).word).toBe('hello');
  });

  it('refuses a version whose export changed type, as a failed type assertion on the symbol', async () => {
    lab = await startProgram(program(), { strategy: 'plugin-swap' });
    const record = await lab.save('greet.js', "export const greet = 'hi';\n");
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/plugin\.Lookup\("greet"\) failed: greet\.js's greet is now a string, and routes\.js, which keeps running, uses it as a function/);
    expect(counts((await lab.get()).body).word).toBe('hello');
  });

  it('leaves values copied out of the old module on the old code', async () => {
    lab = await startProgram({
      'service.js': "import { greet } from './greet.js';\nconst table = { '/ping': greet };\nexport function handle(req) { return table[req.path](req.path) + ' / ' + greet(req.path); }\n",
      'greet.js': GREET('hello'),
    }, { strategy: 'plugin-swap' });
    await lab.save('greet.js', GREET('hi'));
    // The table kept the old function (and its count); the live import reads the new one.
    expect((await lab.get()).body).toMatch(/^hello \/ping \d+ \/ hi \/ping \d+$/);
  });
});

describe('reflection-patch on a graph: changed functions patched in their module, stale references named', () => {
  it('patches greet() in place, keeps every count, and names the route table that still holds the old one', async () => {
    lab = await startProgram({
      'service.js': "import { greet } from './greet.js';\nconst routes = { '/ping': greet };\nexport function handle(req) { return routes[req.path](req.path) + ' / ' + greet(req.path); }\n",
      'greet.js': GREET('hello'),
    }, { strategy: 'reflection-patch' });
    await warm(3);
    const record = await lab.save('greet.js', GREET('hi'));
    expect(record).toMatchObject({ outcome: 'applied', stateKept: true });
    expect(record.modules?.map((m) => [m.module, m.action])).toEqual([['greet.js', 'patched']]);
    expect(record.notes.join('\n')).toContain('replaced greet.js: greet()');
    expect(record.notes.join('\n')).toMatch(/stale reference: service\.js: routes\['\/ping'\] still holds the old greet \(from greet\.js\)/);
    // The import is live (new code); the table holds the old function; the count carried on in both.
    expect((await lab.get()).body).toMatch(/^hello \/ping (\d+) \/ hi \/ping (\d+)$/);
    expect(Number(/hi \/ping (\d+)$/.exec((await lab.get()).body)![1])).toBeGreaterThanOrEqual(9);
  });

  it('refuses a save that brings in a new module, pointing at its import', async () => {
    lab = await startProgram({ ...program(), 'shout.js': 'export const shout = (s) => s.toUpperCase();\n' }, { strategy: 'reflection-patch' });
    const record = await lab.save('routes.js', `import { shout } from './shout.js';\n${ROUTES()}`);
    expect(record).toMatchObject({ outcome: 'rejected', location: { file: 'routes.js', line: 1, column: 23 } });
    expect(record.reason).toMatch(/shout\.js is a new module: reflection-patch .* cannot load a new module/);
  });

  it('refuses a save that changes what a module imports from the running ones', async () => {
    lab = await startProgram(program(), { strategy: 'reflection-patch' });
    const record = await lab.save('service.js', `import { greet } from './greet.js';\n${SERVICE}`);
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/service\.js — its imports changed \(added `import greet from greet\.js`\): reflection-patch cannot re-link a running module/);
  });
});

describe('binary-replace on a graph: every module built into one artifact, a new process boots it', () => {
  it('rebuilds the whole graph: cold loses every state, the artifact holds every module', async () => {
    lab = await startProgram(program(), { strategy: 'binary-replace', restart: 'cold' });
    await warm();
    const record = await lab.save('greet.js', GREET('hi'));
    expect(record.outcome).toBe('applied');
    expect(record.modules?.map((m) => [m.module, m.action])).toEqual([['greet.js', 'rebuilt'], ['routes.js', 'rebuilt'], ['service.js', 'rebuilt']]);
    expect(record.stateKept).toBe(false);
    const artifact = JSON.parse(await readFile(join(lab.dir, '.hotlab', 'bin', 'service.artifact'), 'utf8'));
    expect(artifact.program.modules.map((m: { file: string }) => m.file)).toEqual(['greet.js', 'routes.js', 'service.js']);
    const after = counts((await lab.get()).body);
    expect(after.word).toBe('hi');
    expect(after.host).toBeLessThanOrEqual(2); // a fresh process: the count started over
  });

  it('graceful: each module hands its own snapshot to its own migrate in the new process', async () => {
    const host = SERVICE + 'export function snapshot() { return { requests }; }\nexport function migrate(prev) { requests = prev.requests; }\n';
    lab = await startProgram({ ...program(), 'service.js': host }, { strategy: 'binary-replace', restart: 'graceful' });
    await warm();
    const record = await lab.save('greet.js', GREET('hi'));
    expect(record.modules?.find((m) => m.module === 'service.js')).toMatchObject({ stateKept: true });
    expect(record.modules?.find((m) => m.module === 'routes.js')).toMatchObject({ stateKept: false });
    const after = counts((await lab.get()).body);
    expect(after.host).toBeGreaterThanOrEqual(5);
    expect(after.routes).toBeLessThanOrEqual(2);
  });
});

describe('a program is all or nothing', () => {
  it('a failing module leaves no new module live: a re-run importer that throws keeps the whole old graph', async () => {
    lab = await startProgram(program(), { strategy: 'file-watch' });
    await warm();
    // Both changed in one update: greet.js is fine, routes.js throws at init. Nothing of the pair may go live.
    const record = await lab.engine.applySources({ 'greet.js': GREET('hi'), 'routes.js': ROUTES("throw new Error('routes broke');\n") });
    expect(record).toMatchObject({ outcome: 'rejected', location: { file: 'routes.js', line: 7 } });
    expect(record?.reason).toContain('routes broke');
    const after = counts((await lab.get()).body);
    expect(after.word).toBe('hello');
    expect(after.host).toBeGreaterThanOrEqual(5);
  });
});
