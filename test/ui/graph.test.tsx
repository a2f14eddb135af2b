// A learner who edits several files: the modules line of every update, the program (m), the heap filling up,
// the REPL in another module's scope, and the entry named where the lab used to say service.js.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LessonSession, prepareLessonWorkspace } from '../../src/engine/lessons/lesson-session.ts';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import type { EngineSnapshot, ModuleChange, ModuleStatus, RunningScope } from '../../src/engine/types.ts';
import { FakeEngine, updateRecord } from './fake-engine.ts';
import { LessonFakeEngine } from './lesson-fake-engine.ts';
import { KEYS, nextTurn, renderLab, type LabHarness } from './render-lab.tsx';

let lab: LabHarness | undefined;
afterEach(() => lab?.unmount());

const status = (module: string, version: number, retainedVersions = 0, retainedHeap = 0): ModuleStatus => ({ module, version, retainedVersions, retainedHeap });
const change = (module: string, action: ModuleChange['action'], stateful: boolean, stateKept = false, cause: ModuleChange['cause'] = 'changed'): ModuleChange => ({ module, action, cause, stateKept, stateful });
const scope = (partial: Partial<RunningScope>): RunningScope => ({ variables: [], constants: [], functions: [], exports: [], ...partial });

/** service.js imports routes.js, which imports greet.js; greet.js was swapped twice by plugin-swap (v3). */
function threeModules(partial: Partial<EngineSnapshot> = {}): Partial<EngineSnapshot> {
  const entryScope = scope({ variables: ['hits'], functions: ['handle'], exports: ['handle'] });
  return {
    version: 3,
    modules: [status('greet.js', 3, 2, 16_000), status('routes.js', 1), status('service.js', 1)],
    retainedVersions: 2,
    scope: entryScope,
    scopes: {
      'greet.js': scope({ variables: ['calls'], functions: ['greet'], exports: ['greet'] }),
      'routes.js': scope({ constants: ['table'], functions: ['route'], exports: ['route'] }),
      'service.js': entryScope,
    },
    ...partial,
  };
}

const fileWatchSave = () =>
  updateRecord({
    version: 2,
    previousVersion: 1,
    trigger: 'save',
    stateKept: false,
    changed: ['greet.js'],
    modules: [change('greet.js', 're-ran', true), change('routes.js', 're-ran', false, false, 'importer'), change('service.js', 're-ran', true, false, 'importer')],
  });

describe('the modules line', () => {
  test('every update of a program of several modules says what it did to them, beside the description, whatever caused it', async () => {
    const engine = new FakeEngine(threeModules({ version: 1, modules: [status('greet.js', 1), status('routes.js', 1), status('service.js', 1)] }));
    lab = await renderLab({ engine }, { columns: 120, rows: 36 });

    // A save of the leaf: file-watch re-runs it and its importers up to the entry. routes.js holds no state.
    engine.pushUpdate(fileWatchSave());
    let frame = await lab.waitFor('✓ v1 → v2 applied · file-watch');
    expect(frame).toContain('↳ greet.js → routes.js → service.js re-run · state lost in 2 modules');

    // A key: 2 switches to plugin-swap, which re-applies the program as v3.
    await lab.press('2');
    engine.pushUpdate(updateRecord({ version: 3, previousVersion: 2, strategy: 'plugin-swap', trigger: 'strategy', stateKept: true, modules: [change('greet.js', 'swapped', true, true), change('routes.js', 'swapped', false), change('service.js', 'swapped', true, true)] }));
    frame = await lab.waitFor('✓ v2 → v3 applied · plugin-swap');
    expect(frame).toContain('↳ greet.js, routes.js, service.js swapped in next to the old instances · state kept in 2 modules');

    // A command: :reload prints the update in the console, modules line included.
    engine.nextUpdate = updateRecord({ version: 4, previousVersion: 3, strategy: 'plugin-swap', trigger: 'reload', modules: [change('greet.js', 'swapped', true)] });
    await lab.press(':');
    await lab.waitFor('Enter run');
    await lab.press(...Array.from('reload'), KEYS.enter);
    frame = await lab.waitFor('↳ greet.js swapped in next to the old instance · 2 other modules kept running · state lost in greet.js');
    expect(frame).toContain('v3 → v4 applied · plugin-swap');
  });

  test('a one-module program looks as it always did: no modules line, no modules row, the plain prompt', async () => {
    const engine = new FakeEngine();
    lab = await renderLab({ engine }, { columns: 120, rows: 36 });
    engine.pushUpdate(updateRecord({ version: 2, previousVersion: 1, modules: [change('service.js', 're-ran', true)] }));
    const frame = await lab.waitFor('✓ v1 → v2 applied · file-watch');
    expect(frame).toContain('state lost');
    expect(frame).not.toContain('↳');
    expect(frame).not.toMatch(/\d modules/);
    expect(frame).toMatch(/^› \/ or Tab: JavaScript in v2/m);
  });

  test('a module of functions alone loses no state: the line, the headline and the program page say so', async () => {
    const engine = new FakeEngine(threeModules());
    lab = await renderLab({ engine }, { columns: 120, rows: 36 });
    engine.pushUpdate(updateRecord({ version: 4, previousVersion: 3, strategy: 'plugin-swap', stateKept: true, modules: [change('routes.js', 'swapped', false)] }));
    let frame = await lab.waitFor('✓ v3 → v4 applied · plugin-swap');
    expect(frame).toContain('· state kept ·');
    expect(frame).toContain('↳ routes.js swapped in next to the old instance · 2 other modules kept running · no replaced module held state');
    expect(frame).not.toContain('state lost');
    await lab.press('m');
    frame = await lab.waitFor('loaded by');
    expect(frame).toMatch(/routes\.js\s+v1\s+—\s+—\s+swapped · no state/);
    expect(frame).toMatch(/greet\.js\s+v3\s+2\s+15\.6KB\s+kept running/);
  });

  test("in Chinese, with the module and strategy names as they are", async () => {
    const engine = new FakeEngine(threeModules({ version: 1 }));
    lab = await renderLab({ engine, lang: 'zh' }, { columns: 120, rows: 36 });
    engine.pushUpdate(fileWatchSave());
    let frame = await lab.waitFor('✓ v1 → v2 已应用 · file-watch');
    expect(frame).toContain('↳ greet.js → routes.js → service.js 重新运行 · 2 个模块的状态丢失');
    engine.pushUpdate(updateRecord({ version: 3, previousVersion: 2, strategy: 'plugin-swap', modules: [change('greet.js', 'swapped', true)] }));
    frame = await lab.waitFor('✓ v2 → v3 已应用 · plugin-swap');
    expect(frame).toContain('↳ greet.js 已换入，旧实例仍在旁边 · 其他 2 个模块继续运行 · greet.js 的状态丢失');
    expect(frame).not.toMatch(/re-run|swapped|kept running|state lost/);
  });
});

describe('the program', () => {
  test('the stats panel has one row of the modules: the version that loaded each, and the old instances', async () => {
    const engine = new FakeEngine(threeModules());
    lab = await renderLab({ engine }, { columns: 160, rows: 36 });
    engine.pushUpdate(updateRecord({ version: 3, previousVersion: 2, strategy: 'plugin-swap', retainedVersions: 2, modules: [change('greet.js', 'swapped', true)] }));
    const frame = await lab.waitFor('Last update v3');
    expect(frame).toContain('3 modules greet.js v3 +2 old · routes.js v1 · service.js v1 (m)');
  });

  test('m opens the program: each module, the version that loaded it, old instances and their heap, what the last update did', async () => {
    const engine = new FakeEngine(threeModules({ sandbox: { state: 'ready', pid: 1, heapUsed: 12_000_000, heapLimit: 64 * 1024 * 1024, restarts: 0 } }));
    lab = await renderLab({ engine }, { columns: 120, rows: 36 });
    engine.pushUpdate(updateRecord({ version: 3, previousVersion: 2, strategy: 'plugin-swap', modules: [change('greet.js', 'swapped', true)] }));
    engine.pushUpdate(updateRecord({ version: 3, previousVersion: 3, strategy: 'plugin-swap', outcome: 'rejected', cause: 'nope' }));
    await lab.press('m');
    let frame = await lab.waitFor('Program · Esc/m close');
    expect(frame).toContain('3 modules · entry service.js · serving v3 · heap 11.4MB of 64.0MB (18%)');
    // The newest attempt was refused: the column describes the last update that applied.
    expect(frame).toContain('last applied update: v2 → v3 · plugin-swap');
    expect(frame).toMatch(/module\s+loaded by\s+old instances\s+their heap\s+last update/);
    expect(frame).toMatch(/greet\.js\s+v3\s+2\s+15\.6KB\s+swapped · state lost/);
    expect(frame).toMatch(/routes\.js\s+v1\s+—\s+—\s+kept running/);
    expect(frame).toMatch(/service\.js\s+v1\s+—\s+—\s+kept running/);
    expect(frame).toContain(':unload drops the old instances');
    await lab.press(KEYS.escape);
    frame = await lab.waitFor((f) => !f.includes('loaded by'));
    expect(frame).toContain('Live service');
    await lab.press('m');
    await lab.waitFor('loaded by');
    await lab.press('m');
    await lab.waitFor((f) => !f.includes('loaded by'));
  });

  test("compare names the versions and the modules of the edit it replays (the whole program's last code change)", async () => {
    const engine = new FakeEngine(threeModules());
    engine.compareEdit = { from: 1, to: 2, changed: ['greet.js'] };
    lab = await renderLab({ engine }, { columns: 120, rows: 36 });
    engine.pushUpdate(fileWatchSave());
    await lab.waitFor('↳ greet.js');
    await lab.press('c');
    await lab.waitFor('Compare v1 → v2 — your last code change (greet.js) under every strategy');
    expect(engine.callsTo('compare')).toHaveLength(1);
  });

  test('? lists m', async () => {
    lab = await renderLab({ engine: new FakeEngine() }, { columns: 120, rows: 40 });
    await lab.press('?');
    expect(await lab.waitFor('hotlab — keys')).toMatch(/m\s+the program: modules, versions, heap/);
  });

  test('the heap filling up: a row in the learner\'s words, the limit in the status line, the engine\'s sentence on the page, :unload', async () => {
    const warning = "the sandbox heap is 41 MB of 64 MB (64%): plugin-swap keeps 8 old versions loaded (31 MB), as Go's plugin package does; about 1 more save like the last fit. Unload the old versions to free their memory.";
    const engine = new FakeEngine(threeModules({ retainedVersions: 8, heapWarning: warning, sandbox: { state: 'ready', pid: 1, heapUsed: 43_000_000, heapLimit: 64 * 1024 * 1024, restarts: 0 } }));
    engine.unloadCount = 8;
    lab = await renderLab({ engine }, { columns: 120, rows: 36 });
    let frame = await lab.waitFor('⚠ heap');
    expect(frame).toContain('⚠ heap 41.0MB of 64.0MB (64%): plugin-swap keeps 8 old instances loaded (15.6KB) · :unload frees them · m: modules');
    expect(frame).toContain('heap 41.0MB/64.0MB');
    await lab.press('m');
    frame = await lab.waitFor('loaded by');
    expect(frame.replace(/\s+/g, ' ')).toContain(warning);
    await lab.press(KEYS.escape);
    await lab.waitFor((f) => !f.includes('loaded by'));
    await lab.press(':');
    await lab.waitFor('Enter run');
    await lab.press(...Array.from('unload'), KEYS.enter);
    frame = await lab.waitFor('unloaded 8 old instances');
    expect(engine.callsTo('unloadRetained')).toHaveLength(1);
    // The engine clears the warning once there is room again.
    engine.publish({ heapWarning: null, sandbox: { state: 'ready', pid: 1, heapUsed: 9_000_000, heapLimit: 64 * 1024 * 1024, restarts: 0 } });
    frame = await lab.waitFor((f) => !f.includes('⚠ heap'));
    expect(frame).toContain('3 modules greet.js v3 · routes.js v1');
  });

  test('in Chinese, the heap row and the page', async () => {
    const engine = new FakeEngine(threeModules({ retainedVersions: 2, heapWarning: 'the sandbox heap is …', sandbox: { state: 'ready', pid: 1, heapUsed: 43_000_000, heapLimit: 64 * 1024 * 1024, restarts: 0 } }));
    lab = await renderLab({ engine, lang: 'zh' }, { columns: 120, rows: 36 });
    expect(await lab.waitFor('⚠ 堆')).toContain('⚠ 堆 41.0MB / 64.0MB（64%）：plugin-swap 保留着 2 个旧实例（15.6KB） · :unload 释放它们 · m：模块');
    await lab.press('m');
    const frame = await lab.waitFor('加载版本');
    expect(frame).toMatch(/greet\.js\s+v3\s+2\s+15\.6KB/);
    expect(frame).toContain('程序 · Esc/m 关闭');
  });
});

describe('the entry, not service.js', () => {
  test('the status line, the stats and the REPL name the entry, and say it imports other modules', async () => {
    const engine = new FakeEngine(
      threeModules({
        file: '/work/lab/sandbox/service.ts',
        entry: 'service.ts',
        modules: [status('greet.ts', 1), status('routes.ts', 1), status('service.ts', 1)],
        version: null,
        scope: null,
        scopes: null,
        sandbox: { state: 'waiting', pid: null, heapUsed: null, restarts: 0 },
      }),
    );
    lab = await renderLab({ engine }, { columns: 160, rows: 36 });
    const frame = await lab.waitFor('No updates yet');
    expect(frame).toContain('No updates yet — save sandbox/service.ts or a module it imports');
    expect(frame).toContain('sandbox/service.ts +2 modules');
    expect(frame).toContain('nothing runs yet: save a service.ts that starts');
    expect(frame).not.toContain('service.js');
  });
});

describe("the REPL in a module's scope", () => {
  async function focused(engine: FakeEngine, lang: 'en' | 'zh' = 'en'): Promise<LabHarness> {
    // Without colour the cursor is a visible bar: `greet.js› ▏`.
    const harness = await renderLab({ engine, lang, color: false }, { columns: 120, rows: 36 });
    await harness.press(':');
    await harness.waitFor(lang === 'en' ? 'Enter run' : 'Enter 执行');
    await harness.press(KEYS.backspace);
    return harness;
  }
  const run = async (line: string) => lab!.press(...Array.from(line), KEYS.enter);

  test(':module greet.js evaluates and :sets there, with examples from its own names; :module alone goes back', async () => {
    const engine = new FakeEngine(threeModules());
    engine.evaluator = (expression, module) => ({ ok: true, text: `${expression} in ${module ?? 'the entry'}` });
    lab = await focused(engine);
    // The prompt names the scope: the entry's, to start with.
    await lab.waitFor('service.js› ▏ e.g. hits');

    await run(':module greet.js');
    let frame = await lab.waitFor("now in greet.js's scope");
    expect(frame).toContain('service.js› :module greet.js');
    // Its examples are greet.js's names (no handle: greet.js does not export it).
    frame = await lab.waitFor('greet.js› ▏ e.g. calls · :help');
    await run('calls');
    await lab.waitFor('calls in greet.js');
    expect(lab.lastFrame()).toContain('greet.js› calls');
    await run(':set calls 5');
    await lab.waitFor(() => engine.callsTo('setValue').length === 1);
    expect(engine.callsTo('evaluate')).toEqual([['calls', 'greet.js']]);
    expect(engine.callsTo('setValue')).toEqual([['calls', '5', 'greet.js']]);

    await run(':module');
    frame = await lab.waitFor("in service.js's scope, the entry · modules: greet.js, routes.js, service.js");
    await lab.waitFor('service.js› ▏ e.g. hits');
    await run('hits');
    await lab.waitFor('hits in the entry');
    expect(engine.callsTo('evaluate')).toEqual([['calls', 'greet.js'], ['hits']]);
  });

  test('a name is checked against the running program, may be short, and Tab completes it', async () => {
    const engine = new FakeEngine(threeModules());
    lab = await focused(engine);
    await run(':module nope');
    await lab.waitFor('no module nope in the running program — it has greet.js, routes.js, service.js');
    await run(':module rou');
    await lab.waitFor('routes.js› ▏');
    await lab.press(...Array.from(':module gr'), KEYS.tab);
    // Tab completed the name and the REPL kept the keyboard.
    await lab.waitFor('routes.js› :module greet.js');
    expect(lab.lastFrame()).toContain('Enter run');
    await lab.press(KEYS.enter);
    await lab.waitFor('greet.js› ▏');
  });

  test('when the module leaves the program the REPL goes back to the entry and says so', async () => {
    const engine = new FakeEngine(threeModules());
    lab = await focused(engine);
    await run(':module greet.js');
    await lab.waitFor('greet.js› ▏');
    engine.publish({ modules: [status('routes.js', 4), status('service.js', 1)] });
    await lab.waitFor("greet.js is no longer part of the program: back in service.js's scope");
    await lab.waitFor('service.js› ▏');
  });

  test('a one-module program has one scope, and says how to get more', async () => {
    const engine = new FakeEngine();
    lab = await focused(engine);
    await run(':module greet.js');
    await lab.waitFor('no module greet.js in the running program — it has service.js');
    await run(':module');
    await lab.waitFor('this program is one module, service.js: import another file of the workspace from it to have more');
    await nextTurn();
    expect(lab.lastFrame()).toMatch(/^› ▏/m);
  });

  test('in Chinese', async () => {
    const engine = new FakeEngine(threeModules());
    lab = await focused(engine, 'zh');
    await run(':module greet');
    await lab.waitFor('现在位于 greet.js 的作用域');
    await lab.waitFor('greet.js› ▏ 例如 calls');
  });
});

describe('the lesson pane, for a program of several modules', () => {
  let workspace: string;
  let session: LessonSession | undefined;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'hotlab-ui-graph-'));
  });
  afterEach(async () => {
    session?.dispose();
    session = undefined;
    await rm(workspace, { recursive: true, force: true });
  });

  test('the footer names the entry and its other modules, then the module a refusal is in, at its line', async () => {
    const { lessons } = await loadLessons();
    const engine = new LessonFakeEngine({ file: join(workspace, 'service.js'), workspace, ...threeModules() });
    const prepared = await prepareLessonWorkspace(lessons, workspace);
    session = new LessonSession({ lessons, workspace, engine, progress: prepared.progress, debounceMs: 10, runCheck: async (lesson) => ({ lesson: lesson.id, passed: false, steps: [] }) });
    lab = await renderLab({ engine, lessons: session }, { columns: 200, rows: 40 });
    let frame = await lab.waitFor('Lesson 1/');
    expect(frame).toContain(`edit ${join(workspace, 'service.js')} +2 modules`);

    const refused = updateRecord({ outcome: 'rejected', version: 3, cause: 'Unexpected token', location: { file: 'greet.js', line: 4, column: 27 } });
    engine.pushUpdate(refused);
    engine.publish({ rejection: refused });
    frame = await lab.waitFor('refused in');
    expect(frame).toContain(`refused in ${join(workspace, 'greet.js')}:4:27`);
    expect(frame).toContain('✗ rejected · file-watch · greet.js:4:27 · v3 keeps serving');

    // A refusal in the entry: the footer names the entry, as for one file.
    const inEntry = updateRecord({ outcome: 'rejected', version: 3, cause: 'Unexpected token', location: { file: 'service.js', line: 2, column: 1 } });
    engine.pushUpdate(inEntry);
    engine.publish({ rejection: inEntry });
    frame = await lab.waitFor('service.js:2:1');
    expect(frame).toContain(`edit ${join(workspace, 'service.js')} +2 modules`);
  });
});
