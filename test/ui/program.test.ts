// Pure pieces of a program of several modules: choosing and completing a REPL scope, the program page's rows, the
// heap row, and the files an editor should open.
import { describe, expect, test } from 'vitest';
import type { ModuleStatus } from '../../src/engine/types.ts';
import { programFiles } from '../../src/ui/lesson/use-lesson-actions.ts';
import { heapNoticeRow, planProgram, programRow, refusedElsewhere } from '../../src/ui/program/program-plan.ts';
import { chooseScope, completeModule, matchModules, promptLabel } from '../../src/ui/repl/repl-scope.ts';
import { MESSAGES } from '../../src/ui/shared/messages.ts';
import type { Row } from '../../src/ui/shared/rows.ts';
import { updateRecord } from './fake-engine.ts';

const m = MESSAGES.en;
const status = (module: string, version = 1, retainedVersions = 0, retainedHeap = 0): ModuleStatus => ({ module, version, retainedVersions, retainedHeap });
const program = (...ids: string[]) => ({ entry: ids[ids.length - 1]!, modules: ids.map((id) => status(id)) });
const text = (rows: readonly Row[]) => rows.map((row) => row.map((piece) => piece.text).join('').trimEnd());

describe('choosing a module for the REPL', () => {
  const ids = ['lib/greet.ts', 'lib/greeting-cards.ts', 'routes.ts', 'service.ts'];

  test('a name matches exactly, without its extension, with the other one (./x.js names x.ts), by file name, or by a unique prefix', () => {
    expect(matchModules('routes.ts', ids)).toEqual(['routes.ts']);
    expect(matchModules('./routes.js', ids)).toEqual(['routes.ts']);
    expect(matchModules('greet', ids)).toEqual(['lib/greet.ts']);
    expect(matchModules('greet.js', ids)).toEqual(['lib/greet.ts']);
    expect(matchModules('ro', ids)).toEqual(['routes.ts']);
    expect(matchModules('greeting', ids)).toEqual(['lib/greeting-cards.ts']);
    expect(matchModules('lib/gr', ids)).toEqual(['lib/greet.ts', 'lib/greeting-cards.ts']);
    expect(matchModules('nope', ids)).toEqual([]);
  });

  test(':module NAME points at a module, names the entry as going back, and refuses what the program does not have', () => {
    const p = program(...ids);
    expect(chooseScope('greet', p, m)).toEqual({ ok: true, module: 'lib/greet.ts', text: m.moduleScope('lib/greet.ts', 'service.ts') });
    expect(chooseScope('service', p, m)).toMatchObject({ ok: true, module: null });
    expect(chooseScope(null, p, m)).toEqual({ ok: true, module: null, text: m.entryScope('service.ts', ids.join(', ')) });
    expect(chooseScope('lib/gr', p, m)).toEqual({ ok: false, text: m.unknownModule('lib/gr', 'lib/greet.ts, lib/greeting-cards.ts') });
    expect(chooseScope('nope', p, m)).toEqual({ ok: false, text: m.unknownModule('nope', ids.join(', ')) });
    expect(chooseScope('greet', { entry: 'service.js', modules: [] }, m)).toEqual({ ok: false, text: m.noProgram });
  });

  test('Tab completes a unique name, extends several as far as they agree, and lists them', () => {
    const p = program(...ids);
    expect(completeModule(':module ro', p)).toEqual({ line: ':module routes.ts', candidates: ['routes.ts'] });
    expect(completeModule(':module gr', p)).toEqual({ line: ':module gr', candidates: ['lib/greet.ts', 'lib/greeting-cards.ts'] });
    expect(completeModule(':module lib/', p)).toEqual({ line: ':module lib/greet', candidates: ['lib/greet.ts', 'lib/greeting-cards.ts'] });
    expect(completeModule(':m', p)?.candidates).toEqual(ids);
    expect(completeModule(':set x 1', p)).toBeNull();
  });

  test('the prompt names the scope only when there is more than one', () => {
    expect(promptLabel(program('service.js'), null)).toBe('› ');
    expect(promptLabel(program('greet.js', 'service.js'), null)).toBe('service.js› ');
    expect(promptLabel(program('greet.js', 'service.js'), 'greet.js')).toBe('greet.js› ');
  });
});

describe('the program page', () => {
  const modules = [status('greet.js', 3, 2, 16_000), status('routes.js', 1), status('service.js', 1)];
  const base = { entry: 'service.js', modules, version: 3, sandbox: { state: 'ready' as const, pid: 1, heapUsed: null, restarts: 0 }, heapWarning: null, retainedVersions: 2 };

  test('a module no longer imported is listed as such, with no version', () => {
    const record = updateRecord({ version: 3, previousVersion: 2, modules: [{ module: 'old.js', action: 'removed', cause: 'changed', stateKept: false, stateful: false }, { module: 'service.js', action: 're-ran', cause: 'changed', stateKept: false, stateful: true }] });
    const rows = text(planProgram({ snapshot: { ...base, updates: [record] }, messages: m, width: 100, replScope: 'greet.js' }));
    expect(rows.find((r) => r.startsWith('old.js'))).toMatch(/^old\.js\s+—\s+—\s+—\s+no longer imported$/);
    expect(rows.find((r) => r.startsWith('service.js'))).toMatch(/re-ran · state lost$/);
    expect(rows.find((r) => r.startsWith('greet.js'))).toMatch(/kept running$/);
    expect(rows).toContain(":module NAME points the REPL at a module's scope (now: greet.js)");
  });

  test('a module loaded for the first time has no state of before to keep or lose', () => {
    const record = updateRecord({ modules: [{ module: 'greet.js', action: 'loaded', cause: 'changed', stateKept: false, stateful: true }] });
    const rows = text(planProgram({ snapshot: { ...base, updates: [record] }, messages: m, width: 100, replScope: null }));
    expect(rows.find((r) => r.startsWith('greet.js'))).toMatch(/loaded$/);
  });

  test('the stats row is only for a program of several modules', () => {
    expect(programRow([status('service.js')], 1, m)).toBeNull();
    expect(text([programRow(modules, 3, m)!])).toEqual(['3 modules greet.js v3 +2 old · routes.js v1 · service.js v1']);
  });

  test('the heap row: nothing while there is room; what fills the heap when the service itself does', () => {
    expect(heapNoticeRow({ ...base, updates: [] }, m, { unload: ':unload', modules: 'm' })).toBeNull();
    const full = { ...base, updates: [], retainedVersions: 0, heapWarning: 'the sandbox heap is 50 MB of 64 MB (78%): …', sandbox: { ...base.sandbox, heapUsed: 50 * 1024 * 1024, heapLimit: 64 * 1024 * 1024 } };
    expect(text([heapNoticeRow(full, m, { unload: ':unload', modules: 'm' })!])).toEqual([
      '⚠ heap 50.0MB of 64.0MB (78%): the service holds most of it; a save that needs more is refused · m: modules',
    ]);
  });
});

describe('where to look', () => {
  const snapshot = {
    file: '/ws/service.js',
    workspace: '/ws',
    entry: 'service.js',
    modules: [status('lib/greet.js'), status('routes.js'), status('service.js')],
    rejection: null,
  };

  test('an editor opens the entry, then the modules nearest it; a refused module first', () => {
    expect(programFiles(snapshot)).toEqual(['/ws/service.js', '/ws/routes.js', '/ws/lib/greet.js']);
    const rejection = updateRecord({ outcome: 'rejected', location: { file: 'lib/greet.js', line: 4, column: 27 } });
    expect(programFiles({ ...snapshot, rejection })).toEqual(['/ws/lib/greet.js', '/ws/service.js', '/ws/routes.js']);
    expect(programFiles({ ...snapshot, modules: [] })).toEqual(['/ws/service.js']);
  });

  test('a refusal elsewhere than the entry is named with its line; one in the entry, or without a place, is not', () => {
    const at = (file: string) => updateRecord({ outcome: 'rejected', location: { file, line: 4, column: 27 } });
    expect(refusedElsewhere({ ...snapshot, rejection: at('lib/greet.js') })).toBe('/ws/lib/greet.js:4:27');
    expect(refusedElsewhere({ ...snapshot, rejection: at('/ws/lib/greet.js') })).toBe('/ws/lib/greet.js:4:27');
    expect(refusedElsewhere({ ...snapshot, rejection: at('service.js') })).toBeNull();
    expect(refusedElsewhere({ ...snapshot, rejection: at('<repl>') })).toBeNull();
    expect(refusedElsewhere({ ...snapshot, rejection: updateRecord({ outcome: 'rejected' }) })).toBeNull();
  });
});
