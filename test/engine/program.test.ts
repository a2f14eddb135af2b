// The program's life as a learner meets it: a file that cannot start yet, a fix that starts v1, a new program
// for a new lesson, a save that goes back to the running code, a rollback after a failed cold build.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import { EngineStore } from '../../src/engine/engine-store.ts';
import { codeFrame, formatCodeFrame } from '../../src/engine/source/code-frame.ts';
import type { UpdateRecord } from '../../src/engine/types.ts';
import { counter, nextRecord } from './lab-fixture.ts';

const BROKEN = "export function handle(req) {\n  return 'oops' +;\n}\n";

let dir: string | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** An engine on a temp workspace whose file holds `source`; `first` collects what start() reported. */
async function engineOn(source: string, options: Partial<EngineOptions> = {}): Promise<{ engine: Engine; file: string; first: UpdateRecord[] }> {
  dir = await mkdtemp(join(tmpdir(), 'hotlab-program-'));
  const file = join(dir, 'service.js');
  await writeFile(file, source);
  engine = new Engine({ file, traffic: { rate: 50 }, ...options });
  const first: UpdateRecord[] = [];
  engine.on('rejected', (record) => first.push(record));
  await engine.start();
  return { engine, file, first };
}

const get = (e: Engine, path = '/ping') => e.request({ method: 'GET', path, query: {}, headers: {}, body: '' });

describe('a file that cannot run at start', () => {
  it('starts with no version: the refusal is a rejected record with file:line:column and a frame, requests get 503, the first good save starts v1', async () => {
    const { engine, file, first } = await engineOn(BROKEN);
    const snapshot = engine.getSnapshot();
    expect(snapshot.version).toBeNull();
    expect(snapshot.sandbox.state).toBe('waiting');
    expect(first).toHaveLength(1);
    const refused = first[0]!;
    expect(refused).toMatchObject({ outcome: 'rejected', trigger: 'start', version: null, location: { file: 'service.js', line: 2, column: 18 } });
    expect(refused.reason).toMatch(/service\.js:2:18/);
    expect(refused.reason).toMatch(/nothing runs yet/);
    // The cause alone, for screens that say the place and what keeps serving their own way.
    expect(refused.cause).toBe('Unexpected token');
    expect(refused.frame).toEqual({ file: 'service.js', line: 2, column: 18, text: "  return 'oops' +;" });
    expect(snapshot.rejection).toBe(refused);

    const down = await get(engine);
    expect(down.status).toBe(503);
    expect(down.version).toBeNull();

    // Reload has something to say while nothing runs: the file is refused again, not "no change".
    const again = await engine.reload();
    expect(again?.outcome).toBe('rejected');

    const started = nextRecord(engine);
    await writeFile(file, counter('pong'));
    const record = await started;
    expect(record).toMatchObject({ outcome: 'applied', version: 1, previousVersion: null, trigger: 'save' });
    expect(engine.getSnapshot()).toMatchObject({ version: 1, rejection: null, sandbox: { state: 'ready' } });
    const up = await get(engine);
    expect(up).toMatchObject({ status: 200, version: 1 });
    expect(up.body).toMatch(/^pong \d+$/);
  }, 30_000);

  it('an initialiser that throws is refused the same way, under binary-replace too', async () => {
    const { engine, file, first } = await engineOn("const broken = null.x;\nexport function handle() { return 'x'; }\n", { strategy: 'binary-replace', restart: 'cold' });
    expect(first[0]).toMatchObject({ outcome: 'rejected', trigger: 'start', version: null, location: { line: 1 } });
    expect(engine.getSnapshot().sandbox.state).toBe('waiting');
    const started = nextRecord(engine);
    await writeFile(file, counter('built'));
    expect(await started).toMatchObject({ outcome: 'applied', version: 1 });
    expect((await get(engine)).body).toMatch(/^built \d+$/);
  }, 30_000);

  it('a scratch engine handed a source that cannot run still refuses to start (nobody will save a fix)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hotlab-program-'));
    const scratch = new Engine({ file: join(dir, 'service.js'), source: BROKEN, watch: false, traffic: { rate: 0 } });
    await expect(scratch.start()).rejects.toThrow(/service\.js:2:18/);
  });
});

describe('code frames', () => {
  it('quote the line and put a caret under the column, tabs and wide characters included', () => {
    const source = 'let a = 1;\n\tlet 名前 = ;\n';
    const frame = codeFrame(source, { file: 'service.js', line: 2, column: 11 })!;
    expect(frame.text).toBe('\tlet 名前 = ;');
    const wide = (text: string) => [...text].reduce((n, c) => n + (/[\u4E00-\u9FFF]/u.test(c) ? 2 : 1), 0);
    const [line, caret] = formatCodeFrame(frame, { cellWidth: wide });
    expect(line).toBe('2 │   let 名前 = ;');
    // The caret sits under the `;`: tab → 2 cells, each CJK character → 2 cells.
    expect(caret.endsWith('^')).toBe(true);
    expect(wide(caret.slice(0, -1))).toBe(wide(line.slice(0, line.indexOf(';'))));
  });

  it('cut a long line around the caret to fit the width', () => {
    const text = `${'x'.repeat(100)}!${'y'.repeat(100)}`;
    const [line, caret] = formatCodeFrame({ file: 'service.js', line: 7, column: 101, text }, { width: 40 });
    expect(line.length).toBeLessThanOrEqual(40);
    expect(line).toMatch(/^7 │ …x+!y+…$/);
    expect(line[caret.length - 1]).toBe('!');
  });

  it('are absent when the location is past the end of the source', () => {
    expect(codeFrame('one line', { file: 'service.js', line: 3, column: 1 })).toBeUndefined();
  });
});

describe('a new program (restartProgram)', () => {
  const HOT = `let hits = hot.data.hits ?? 0;
let label = 'a';
export function handle(req) {
  hits++;
  hot.data.hits = hits;
  console.log('served', hits);
  return \`\${label} \${hits}\`;
}
`;

  it('carries nothing over: versions, updates, feed, logs, hot.data, a :set value and a rejection all start afresh, under the new strategy', async () => {
    const { engine, file } = await engineOn(HOT);
    // Build history in the old program: an update, a live :set, a rejection, log lines.
    let next = nextRecord(engine);
    await writeFile(file, HOT.replace("'a'", "'b'"));
    expect(await next).toMatchObject({ outcome: 'applied', version: 2 });
    expect(await engine.setValue('label', "'set'")).toMatchObject({ ok: true });
    next = nextRecord(engine);
    await writeFile(file, BROKEN);
    expect(await next).toMatchObject({ outcome: 'rejected' });
    expect(engine.getSnapshot().rejection).not.toBeNull();
    expect(engine.getSnapshot().logs.length).toBeGreaterThan(0);

    // The lesson's starter is written, then a new program starts under another strategy.
    await writeFile(file, HOT);
    const result = await engine.restartProgram({ strategy: 'plugin-swap', requests: [{ method: 'GET', path: '/fresh', query: {}, headers: {}, body: '' }] });
    expect(result).toEqual({ version: 1, rejection: null });
    const snapshot = engine.getSnapshot();
    expect(snapshot).toMatchObject({ version: 1, strategy: 'plugin-swap', rejection: null, problem: null, retainedVersions: 0, sandbox: { state: 'ready', restarts: 0 } });
    expect(snapshot.updates).toEqual([]);
    // Logs and feed are the new program's own: only v1 of it has run.
    expect(snapshot.logs.every((log) => log.version === 1)).toBe(true);
    expect(snapshot.feed.every((entry) => entry.path === '/fresh' && entry.version === 1)).toBe(true);
    // No hot.data, no :set value: the counter and the label start from the file's initialisers.
    expect(await engine.evaluate('label')).toEqual({ ok: true, text: 'a' });
    const first = await get(engine, '/fresh');
    expect(first.version).toBe(1);
    expect(Number(first.body.split(' ')[1])).toBeLessThan(snapshot.served + 5);

    // A save is an update of the new program, under its strategy.
    next = nextRecord(engine);
    await writeFile(file, HOT.replace("'a'", "'c'"));
    expect(await next).toMatchObject({ outcome: 'applied', version: 2, previousVersion: 1, strategy: 'plugin-swap' });
  }, 30_000);

  it("the new program's files, written through prepareFiles, are never applied to the old program as a save", async () => {
    const { engine, file } = await engineOn(counter('old lesson'));
    const applied: UpdateRecord[] = [];
    engine.on('update', (record) => applied.push(record));
    await engine.restartProgram({
      strategy: 'plugin-swap',
      prepareFiles: async () => {
        await writeFile(file, counter('next lesson'));
        // Long enough for the watcher to report the write while the old program still runs.
        await new Promise((resolve) => setTimeout(resolve, 300));
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(applied).toEqual([]);
    expect(engine.getSnapshot()).toMatchObject({ version: 1, strategy: 'plugin-swap', updates: [] });
    expect((await get(engine)).body).toMatch(/^next lesson/);
  }, 30_000);

  it('a new program whose file cannot run waits for a good save, with the refusal standing', async () => {
    const { engine, file } = await engineOn(counter('pong'));
    await writeFile(file, BROKEN);
    const result = await engine.restartProgram({ strategy: 'reflection-patch' });
    expect(result.version).toBeNull();
    expect(result.rejection).toMatchObject({ outcome: 'rejected', trigger: 'start', location: { line: 2, column: 18 } });
    expect(engine.getSnapshot()).toMatchObject({ version: null, sandbox: { state: 'waiting' }, updates: [result.rejection] });
    expect((await get(engine)).status).toBe(503);
    // Under reflection-patch there is nothing to patch yet: the first good save boots v1.
    const next = nextRecord(engine);
    await writeFile(file, counter('patched'));
    expect(await next).toMatchObject({ outcome: 'applied', version: 1, strategy: 'reflection-patch' });
  }, 30_000);

  it('an update running when the new program is asked for finishes first; a save meanwhile is caught up with', async () => {
    const { engine, file } = await engineOn(counter('pong'), { strategy: 'binary-replace', restart: 'graceful' });
    // A build is under way (applySource starts it at once) when the new program is requested.
    const building = engine.applySource(counter('built'), 'reload');
    const restarted = engine.restartProgram({ strategy: 'file-watch' });
    await building;
    await writeFile(file, counter('later'));
    await restarted;
    await engine.idle();
    const body = async () => (await get(engine)).body;
    const end = Date.now() + 10_000;
    while (!/^later \d+$/.test(await body()) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(await body()).toMatch(/^later \d+$/);
    expect(engine.getSnapshot().strategy).toBe('file-watch');
    expect(engine.getSnapshot().updates.every((u) => u.strategy === 'file-watch')).toBe(true);
  }, 30_000);
});

describe('going back to the running code', () => {
  it('a save equal to the running version after a rejection clears the rejection, without a new version', async () => {
    const { engine, file } = await engineOn(counter('pong'));
    const refused = nextRecord(engine);
    await writeFile(file, BROKEN);
    expect(await refused).toMatchObject({ outcome: 'rejected', version: 1 });
    expect(engine.getSnapshot().rejection).not.toBeNull();
    // A refusal is a rejected record, not an "engine error" log line.
    expect(engine.getSnapshot().logs.filter((log) => log.source === 'engine')).toEqual([]);

    const reverted = new Promise<{ version: number }>((resolve) => engine.once('reverted', resolve));
    await writeFile(file, counter('pong'));
    expect(await reverted).toMatchObject({ version: 1 });
    expect(engine.getSnapshot()).toMatchObject({ version: 1, rejection: null, reverted: { version: 1 } });
    expect(engine.getSnapshot().updates).toHaveLength(1);

    // The same broken text saved again is tried again (and refused again), not ignored.
    const again = nextRecord(engine);
    await writeFile(file, BROKEN);
    expect(await again).toMatchObject({ outcome: 'rejected' });
    expect(engine.getSnapshot().reverted).toBeNull();
  }, 30_000);
});

describe('rollback', () => {
  it('after a failed cold build brings back the last good version, not the one before it', async () => {
    const { engine, file } = await engineOn(counter('one'), { strategy: 'binary-replace', restart: 'cold' });
    let next = nextRecord(engine);
    await writeFile(file, counter('two'));
    expect(await next).toMatchObject({ outcome: 'applied', version: 2 });
    next = nextRecord(engine);
    await writeFile(file, `${counter('three')}\nnull.boom;\n`);
    expect(await next).toMatchObject({ outcome: 'rejected', version: null });
    expect(engine.getSnapshot().sandbox.state).toBe('down');

    const back = await engine.rollback();
    expect(back).toMatchObject({ outcome: 'applied', version: 3, trigger: 'rollback' });
    expect(back?.notes).toContain("rolled back to v2's code");
    expect((await get(engine)).body).toMatch(/^two \d+$/);

    // Pressed again, rollback keeps walking back: to v1's code, then there is nothing earlier.
    const before = await engine.rollback();
    expect(before).toMatchObject({ outcome: 'applied', version: 4 });
    expect(before?.notes).toContain("rolled back to v1's code");
    expect((await get(engine)).body).toMatch(/^one \d+$/);
    expect(await engine.rollback()).toBeNull();
  }, 30_000);
});

describe('logs', () => {
  it('are kept in time order, whatever order they arrive in', () => {
    const store = new EngineStore({
      file: 'service.js', workspace: '.', strategy: 'file-watch', restart: 'graceful', version: 1,
      sandbox: { state: 'ready', pid: null, heapUsed: null, restarts: 0 }, retainedVersions: 0, httpUrl: null,
      trafficRate: 0, requests: [], scope: null, served: 0, failed: 0, rejection: null, reverted: null, problem: null,
    });
    for (const at of [10, 30, 20, 40, 5]) store.addLog({ at, level: 'log', source: 'service', message: String(at) });
    expect(store.getSnapshot().logs.map((log) => log.at)).toEqual([5, 10, 20, 30, 40]);
  });
});

describe('redraws while updates are timed', () => {
  const store = () =>
    new EngineStore({
      file: 'service.js', workspace: '.', strategy: 'file-watch', restart: 'graceful', version: 1,
      sandbox: { state: 'ready', pid: null, heapUsed: null, restarts: 0 }, retainedVersions: 0, httpUrl: null,
      trafficRate: 0, requests: [], scope: null, served: 0, failed: 0, rejection: null, reverted: null, problem: null,
    });

  it('notify nothing during an update, once a moment after it, and once between back-to-back updates', async () => {
    const s = store();
    let heard = 0;
    s.subscribe(() => heard++);
    s.hold(1000);
    s.set({ version: 2 });
    expect(heard).toBe(0);
    s.release();
    expect(heard).toBe(0);
    // The next update starts before the delayed redraw: the first update's end is drawn now, not after the chain.
    s.hold(1000);
    expect(heard).toBe(1);
    s.set({ version: 3 });
    s.release();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(heard).toBe(2);
    expect(s.getSnapshot().version).toBe(3);
    s.close();
  });
});

describe('what the REPL needs', () => {
  it('the running scope and the traffic are in the snapshot; console output of an evaluation comes back with it, not in the logs', async () => {
    const { engine } = await engineOn(`let hits = 0;\nconst routes = new Map();\nexport function handle(req) { hits++; return 'pong ' + hits; }\n`);
    expect(engine.getSnapshot().scope).toEqual({ variables: ['hits'], constants: ['routes'], functions: ['handle'], exports: ['handle'] });
    expect(engine.getSnapshot().requests.map((r) => r.path)).toEqual(['/ping']);
    // The feed keeps each request's query and the response's headers.
    await engine.request({ method: 'GET', path: '/hello', query: { name: 'gopher' }, headers: {}, body: '' }, 'check');
    const entry = engine.getSnapshot().feed.find((e) => e.path === '/hello');
    expect(entry).toMatchObject({ query: { name: 'gopher' }, headers: { 'content-type': expect.stringContaining('text/plain') } });

    const result = await engine.evaluate("console.log('hits is', hits); console.warn({ a: 1 }); hits * 0 + 42");
    expect(result).toMatchObject({ ok: true, text: '42' });
    expect(result.printed).toEqual([
      { level: 'log', text: expect.stringMatching(/^hits is \d+$/) },
      { level: 'warn', text: '{ a: 1 }' },
    ]);
    // The service's own console is back: its lines are logs again, and the REPL's never were.
    expect(engine.getSnapshot().logs.some((log) => log.message.includes('hits is'))).toBe(false);
    await engine.evaluate("globalThis.console.log('after')");
    expect((await engine.evaluate('typeof console.log')).ok).toBe(true);
    const failing = await engine.evaluate("console.log('before the throw'); missing.name");
    expect(failing).toMatchObject({ ok: false, printed: [{ level: 'log', text: 'before the throw' }] });
    expect(failing.ok ? '' : failing.error).toMatch(/missing is not defined/);
  }, 30_000);
});

describe('a rejection\'s cause', () => {
  it('leaves out the place even when the strategy put it first (reflection-patch)', async () => {
    const { engine, file } = await engineOn(counter('pong'), { strategy: 'reflection-patch' });
    const next = nextRecord(engine);
    await writeFile(file, counter('pong').replace('let hits = 0;', 'let hits = 10;'));
    const record = await next;
    expect(record.outcome).toBe('rejected');
    expect(record.reason!.startsWith(`service.js:${record.location!.line}:${record.location!.column}`)).toBe(true);
    expect(record.cause).not.toMatch(/^service\.js/);
    expect(record.cause).not.toMatch(/keeps serving/);
    expect(record.reason).toContain(record.cause!);
  }, 30_000);
});
