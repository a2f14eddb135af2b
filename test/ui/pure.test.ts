// The pure parts of the screen, tested as data: reducers, parsing, key resolution, numbers, geometry.
import type { Key } from 'ink';
import type { UpdateRecord } from '../../src/engine/types.ts';
import { describe, expect, test } from 'vitest';
import { compareReducer, initialCompareState } from '../../src/ui/compare/compare-state.ts';
import { rateRatio } from '../../src/ui/compare/rate-ratio.ts';
import { cellWidth, displayPath, formatCount, formatMs, padEnd, truncate } from '../../src/ui/shared/format.ts';
import { MAX_MORE_ROWS, planFeedWindow, planMessages, planRequestRows } from '../../src/ui/feed/feed-rows.ts';
import { changeRows, fullChangeRows, latestChange } from '../../src/ui/feed/change-rows.ts';
import { fitHints } from '../../src/ui/keys/hint-line.tsx';
import { KEY_TABLE, resolveKey } from '../../src/ui/keys/key-table.ts';
import { computeLayout } from '../../src/ui/layout/layout.ts';
import { fitSegments, SEPARATOR, statusSegments } from '../../src/ui/layout/status-segments.ts';
import { MESSAGES } from '../../src/ui/shared/messages.ts';
import { parseReplLine } from '../../src/ui/repl/repl-commands.ts';
import { replExamples } from '../../src/ui/repl/repl-examples.ts';
import { promptWindow } from '../../src/ui/repl/repl-panel.tsx';
import { initialReplState, MAX_OUTPUT_LINES, replReducer, type ReplAction, type ReplState } from '../../src/ui/repl/repl-state.ts';
import { planScreen } from '../../src/ui/layout/screen-plan.ts';
import { planStats } from '../../src/ui/stats/stats-plan.ts';
import { strategyRows } from '../../src/ui/stats/stats.ts';
import { colorFromEnv, createTheme } from '../../src/ui/shared/theme.ts';
import { initialViewState, viewReducer } from '../../src/ui/view-state.ts';
import { planWaterfall } from '../../src/ui/stats/waterfall.ts';
import type { EngineSnapshot } from '../../src/engine/types.ts';
import { baseSnapshot, compareRow, feedEntry, logEntry, updateRecord } from './fake-engine.ts';

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false, eventType: undefined,
};

const run = (actions: ReplAction[], from: ReplState = initialReplState) => actions.reduce(replReducer, from);
const type = (text: string): ReplAction => ({ type: 'insert', text });

describe('key table', () => {
  test('every action is bound once per scope and every key resolves to its action', () => {
    for (const binding of KEY_TABLE) {
      for (const spec of binding.keys) {
        const key = { ...noKey };
        let input = spec;
        if (spec === 'escape') key.escape = true;
        else if (spec === 'return') key.return = true;
        else if (spec === 'tab') key.tab = true;
        else if (spec === 'up') key.upArrow = true;
        else if (spec === 'down') key.downArrow = true;
        else if (spec === 'left') key.leftArrow = true;
        else if (spec === 'right') key.rightArrow = true;
        else if (spec === 'home') key.home = true;
        else if (spec === 'end') key.end = true;
        else if (spec === 'backspace') key.backspace = true;
        else if (spec === 'delete') key.delete = true;
        else if (spec === 'pageup') key.pageUp = true;
        else if (spec === 'pagedown') key.pageDown = true;
        else if (spec.startsWith('ctrl+')) [key.ctrl, input] = [true, spec.slice(5)];
        if (key !== noKey && !/^[\w:/?[\]]$/.test(spec) && !spec.startsWith('ctrl+')) input = '';
        expect(resolveKey([binding.scope], input, key), `${binding.scope} ${spec}`).toBe(binding.action);
      }
    }
  });

  test('Ctrl+C is not a plain c, and a plain c is not Ctrl+C', () => {
    expect(resolveKey(['global', 'always'], 'c', { ...noKey, ctrl: true })).toBe('interrupt');
    expect(resolveKey(['global', 'always'], 'c', noKey)).toBe('compare');
  });

  test('every action has a description in every language', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const binding of KEY_TABLE) expect(MESSAGES[lang].describe[binding.action]).toBeTruthy();
    }
  });
});

describe('REPL reducer', () => {
  test('typing, moving the cursor and deleting edit the line', () => {
    const state = run([type('hits'), { type: 'cursorLeft' }, { type: 'cursorLeft' }, type('X'), { type: 'deleteBack' }, { type: 'deleteForward' }]);
    expect(state.line).toBe('his');
    expect(state.cursor).toBe(2);
  });

  test('pasted control characters do not corrupt the line', () => {
    expect(run([type('a\r\nb\u0007')]).line).toBe('ab');
  });

  test('history: ↑ recalls older lines, ↓ returns to the unfinished draft', () => {
    let state = run([type('one'), { type: 'submit' }, type('two'), { type: 'submit' }, type('dra')]);
    expect(state.history).toEqual(['one', 'two']);
    state = run([{ type: 'historyPrev' }], state);
    expect(state.line).toBe('two');
    state = run([{ type: 'historyPrev' }, { type: 'historyPrev' }], state);
    expect(state.line).toBe('one');
    state = run([{ type: 'historyNext' }, { type: 'historyNext' }], state);
    expect(state.line).toBe('dra');
    expect(state.historyIndex).toBeNull();
  });

  test('the same line twice in a row is kept once in history', () => {
    expect(run([type('x'), { type: 'submit' }, type('x'), { type: 'submit' }]).history).toEqual(['x']);
  });

  test('output scrollback is bounded', () => {
    const state = run(Array.from({ length: MAX_OUTPUT_LINES + 50 }, (_, i): ReplAction => ({ type: 'print', kind: 'result', text: `line ${i}` })));
    expect(state.output).toHaveLength(MAX_OUTPUT_LINES);
    expect(state.output.at(-1)?.text).toBe(`line ${MAX_OUTPUT_LINES + 49}`);
  });

  test('the prompt window keeps the cursor visible on a long line', () => {
    const line = 'a'.repeat(100) + 'END';
    const window = promptWindow(line, line.length, 20);
    expect((window.before + window.at + window.after).length).toBeLessThanOrEqual(20);
    expect(window.before.endsWith('END')).toBe(true);
  });
});

describe('REPL commands', () => {
  test.each([
    ['hits', { kind: 'eval', expression: 'hits' }],
    ['  ', { kind: 'empty' }],
    [':strategy 2', { kind: 'strategy', strategy: 'plugin-swap' }],
    [':strategy reflection', { kind: 'strategy', strategy: 'reflection-patch' }],
    [':strategy binary-replace cold', { kind: 'strategy', strategy: 'binary-replace', restart: 'cold' }],
    [':strategy nope', { kind: 'unknownStrategy', name: 'nope' }],
    [':strategy', { kind: 'usage', command: 'strategy' }],
    [':reload', { kind: 'reload' }],
    [':rollback', { kind: 'rollback' }],
    [':stats', { kind: 'stats' }],
    [':help', { kind: 'help' }],
    [':set hits 5', { kind: 'set', name: 'hits', value: '5' }],
    [':set greeting "hello world"', { kind: 'set', name: 'greeting', value: '"hello world"' }],
    [':set 5', { kind: 'usage', command: 'set' }],
    [':module greet.js', { kind: 'module', name: 'greet.js' }],
    [':m lib/greet', { kind: 'module', name: 'lib/greet' }],
    [':module', { kind: 'module', name: null }],
    [':module a b', { kind: 'usage', command: 'module' }],
    [':unload', { kind: 'unload' }],
    [':frobnicate', { kind: 'unknownCommand', name: 'frobnicate' }],
  ])('%s', (line, command) => {
    expect(parseReplLine(line)).toEqual(command);
  });
});

describe('view and compare reducers', () => {
  test('focus and overlays', () => {
    let state = viewReducer(initialViewState, { type: 'focusRepl' });
    expect(state.focus).toBe('repl');
    state = viewReducer(state, { type: 'leaveRepl' });
    state = viewReducer(state, { type: 'toggleHelp' });
    expect(state.overlay).toBe('help');
    state = viewReducer(state, { type: 'toggleHelp' });
    expect(state.overlay).toBe('none');
  });

  test('rows of an older compare run are ignored', () => {
    const edit = { from: 1, to: 2, changed: ['service.js'] };
    let state = compareReducer(initialCompareState, { type: 'start', run: 1, edit });
    state = compareReducer(state, { type: 'start', run: 2, edit });
    state = compareReducer(state, { type: 'row', run: 1, row: compareRow({ strategy: 'plugin-swap' }) });
    expect(state.rows).toEqual([]);
    state = compareReducer(state, { type: 'row', run: 2, row: compareRow({ strategy: 'file-watch' }) });
    state = compareReducer(state, { type: 'done', run: 2, rows: [] });
    expect(state).toMatchObject({ status: 'done', rows: [{ strategy: 'file-watch' }] });
  });

  test('the compare subtitle says which side fails more requests for the same downtime', () => {
    expect(rateRatio(500, 20)).toEqual({ kind: 'higher', times: 25 });
    expect(rateRatio(500, 2000)).toEqual({ kind: 'lower', times: 4 });
    expect(rateRatio(500, 450)).toEqual({ kind: 'same' });
    expect(rateRatio(500, 0)).toEqual({ kind: 'noLiveTraffic' });
    expect(MESSAGES.en.compareRate(500, 20)).toBe(
      "replayed on scratch services at 500 req/s, ~25× this lab's 20 req/s: the same downtime fails ~25× as many requests in this table as in the lab",
    );
    expect(MESSAGES.en.compareRate(500, 2000)).toContain('the same downtime fails ~1/4 as many requests in this table as in the lab');
    expect(MESSAGES.zh.compareRate(500, 20)).toBe('在临时服务上以 500 请求/秒重放，约为本实验室 20 请求/秒的 25 倍：同样的停机时间，本表中失败的请求约为实验室里的 25 倍');
  });
});

describe('numbers and geometry', () => {
  test('counters are grouped as en-US groups them, without Intl for whole numbers', () => {
    const values = [0, 7, 999, 1000, 12345, 999999, 1234567, -1, -1234, Number.MAX_SAFE_INTEGER, -0, 1234.5678, NaN, Infinity];
    for (const value of values) expect(formatCount(value)).toBe(value.toLocaleString('en-US'));
    expect(formatCount(1234567)).toBe('1,234,567');
  });
  test('strategy rows: used strategies only, in key order, with applied totals for the sparkline', () => {
    const rows = strategyRows([
      updateRecord({ strategy: 'plugin-swap', total: 5 }),
      updateRecord({ strategy: 'file-watch', total: 2 }),
      updateRecord({ strategy: 'file-watch', total: 6 }),
      updateRecord({ strategy: 'file-watch', outcome: 'rejected', total: 1 }),
    ]);
    expect(rows.map((r) => r.strategy)).toEqual(['file-watch', 'plugin-swap']);
    expect(rows[0]).toMatchObject({ totals: [2, 6], summary: { rejected: 1, total: { count: 2, p50: 2, max: 6 } } });
    expect(formatMs(rows[0]?.summary.total.p95)).toBe('6.0ms');
  });

  test('waterfall bars start where the previous stage ended and stay inside the width', () => {
    const rows = planWaterfall({ detect: 1, compile: 2, swap: 0, firstResponse: 1 }, 20);
    expect(rows.map((r) => r.stage)).toEqual(['detect', 'compile', 'swap', 'firstResponse']);
    expect(rows[0]).toMatchObject({ offset: 0, length: 5 });
    expect(rows[1]).toMatchObject({ offset: 5, length: 10 });
    expect(rows[2]).toMatchObject({ length: 0 });
    expect(rows[3]).toMatchObject({ offset: 15, length: 5 });
    for (const row of planWaterfall({ detect: 0.001, read: 1000, swap: 0.001 }, 10)) {
      expect(row.offset + row.length).toBeLessThanOrEqual(10);
      expect(row.length).toBeGreaterThanOrEqual(1);
    }
    // A stage of 0 ms is drawn as a 1-cell tick: last, it still ends inside the track.
    const last = planWaterfall({ detect: 1, compile: 2, firstResponse: 0 }, 20).at(-1)!;
    expect(last).toMatchObject({ stage: 'firstResponse', length: 0 });
    expect(last.offset + 1).toBeLessThanOrEqual(20);
  });

  test('the message strip: the latest change first, then the newest logs, within half the rows', () => {
    const rejected = updateRecord({ outcome: 'rejected', version: 1, reason: 'service.js:3:5: bad — v1 keeps serving', cause: 'bad', location: { file: 'service.js', line: 3, column: 5 } });
    const logs = Array.from({ length: 10 }, (_, i) => logEntry({ message: `m${i}` }));
    const context = { messages: MESSAGES.en, base: '/work/lab', width: 80, waiting: false };
    const plan = planMessages(logs, { kind: 'record', record: rejected }, context, 18);
    expect(plan.change.rows[0]!.map((p) => p.text).join('')).toBe('✗ rejected · file-watch · service.js:3:5 · v1 keeps serving');
    expect(plan.change.rows[1]!.map((p) => p.text).join('')).toBe('  bad');
    // Logs take at most a third of the main rows (6 of 18), the whole strip at most half (9).
    expect(plan.logs.map((l) => l.message)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8', 'm9']);
    expect(plan.rows).toBe(8);
    // An applied update takes its headline and its notes; nothing at all before the first update.
    const applied = updateRecord({ notes: ['replaced ping()', "stale reference: routes['/ping'] still holds the old ping (captured before the patch)"] });
    const appliedRows = planMessages([], { kind: 'record', record: applied }, context, 18).change.rows.map((r) => r.map((p) => p.text).join(''));
    expect(appliedRows).toEqual([
      '✓ v1 → v2 applied · file-watch · 3.8ms · state lost · 0 failed',
      '  · replaced ping()',
      "  ⚠ stale reference: routes['/ping'] still holds the old ping (captured before",
      '    the patch)',
    ]);
    expect(planMessages([], { kind: 'none' }, context, 18).rows).toBe(0);
  });

  test('a short strip (80×24, a program of modules) keeps the ⚠ stale-reference note lesson 15 sends the learner to', () => {
    const record = updateRecord({
      strategy: 'reflection-patch',
      stateKept: true,
      notes: ['replaced handlers.js: ping()', "routes.js: stale reference: routes['/ping'] still holds the old ping from handlers.js (captured before the patch)"],
      modules: [{ module: 'handlers.js', action: 'patched', cause: 'changed', stateKept: true, stateful: true }],
    });
    const context = { messages: MESSAGES.en, base: '/work/lab', width: 80, waiting: false, programSize: 3, more: '(v: read all)' };
    const planned = changeRows({ kind: 'record', record }, context, 5);
    const text = planned.rows.map((r) => r.map((p) => p.text).join(''));
    expect(text.length).toBeLessThanOrEqual(5);
    expect(text.join('\n')).toContain("⚠ routes.js: stale reference: routes['/ping'] still holds the old ping");
    expect(text[0]).toMatch(/^✓ v1 → v2 applied/);
    expect(planned.cut).toBe(true);
  });

  test('the headline says "no state" where there was none to keep: a first start, a program whose modules hold none', () => {
    const context = { messages: MESSAGES.en, base: '/work/lab', width: 100, waiting: false, programSize: 1 };
    const headline = (record: UpdateRecord, size = 1): string => changeRows({ kind: 'record', record }, { ...context, programSize: size }, 3).rows[0]!.map((p) => p.text).join('');
    const routesOnly = { module: 'service.js', action: 're-ran' as const, cause: 'changed' as const, stateKept: false, stateful: false };
    const counter = { ...routesOnly, stateful: true };
    // Lesson 3's routes under file-watch: everything re-ran, nothing held state. "state kept" read as a promise.
    expect(headline(updateRecord({ stateKept: true, modules: [routesOnly] }))).toContain('· no state ·');
    expect(headline(updateRecord({ version: 1, previousVersion: null, stateKept: false, modules: [counter] }))).toContain('· no state ·');
    expect(headline(updateRecord({ stateKept: false, modules: [counter] }))).toContain('· state lost ·');
    // One stateless module of three swapped: the two others kept running with what they hold.
    expect(headline(updateRecord({ stateKept: true, modules: [routesOnly] }), 3)).toContain('· state kept ·');
  });

  test('a headline too long for the row wraps instead of losing the failed requests and the downtime', () => {
    const record = updateRecord({ strategy: 'binary-replace', restart: 'cold', total: 921, failedRequests: 16, downtimeMs: 921 });
    const context = { messages: MESSAGES.en, base: '/work/lab', width: 60, waiting: false };
    const rows = changeRows({ kind: 'record', record }, context, 5).rows.map((r) => r.map((p) => p.text).join(''));
    expect(rows.join(' ')).toContain('16 failed · down 921ms');
    for (const row of rows) expect(cellWidth(row)).toBeLessThanOrEqual(60);
  });

  test('the latest change is the revert when a save went back to the running code after the refusal', () => {
    const rejected = updateRecord({ outcome: 'rejected', startedAt: 100 });
    expect(latestChange({ updates: [rejected], rejection: rejected, reverted: null })).toEqual({ kind: 'record', record: rejected });
    expect(latestChange({ updates: [rejected], rejection: null, reverted: { version: 7, at: 200 } })).toEqual({ kind: 'reverted', version: 7 });
    // A later update is newer than the revert.
    const later = updateRecord({ startedAt: 300 });
    expect(latestChange({ updates: [rejected, later], rejection: null, reverted: { version: 7, at: 200 } })).toEqual({ kind: 'record', record: later });
  });

  test('a refusal in few rows keeps the headline, the cause and the frame, and says it was cut', () => {
    const record = updateRecord({
      outcome: 'rejected',
      version: 1,
      cause: 'a changed initialiser cannot be patched in place: let hits = 0 became let hits = 10; reflect cannot re-run it. Use file-watch or plugin-swap to change state',
      location: { file: 'service.js', line: 4, column: 1 },
      frame: { file: 'service.js', line: 4, column: 1, text: 'let hits = 10;' },
    });
    const context = { messages: MESSAGES.en, base: '/work/lab', width: 60, waiting: false };
    const four = changeRows({ kind: 'record', record }, context, 4);
    expect(four.rows.map((r) => r.map((p) => p.text).join(''))).toEqual([
      '✗ rejected · file-watch · service.js:4:1 · v1 keeps serving',
      '  a changed initialiser cannot be patched in place: let hits',
      '  4 │ let hits = 10;',
      '    │ ^',
    ]);
    expect(four.cut).toBe(true);
    const all = fullChangeRows({ kind: 'record', record }, context).map((r) => r.map((p) => p.text).join('')).join(' ');
    expect(all.replace(/\s+/g, ' ')).toContain('Use file-watch or plugin-swap to change state');
  });

  const rowText = (c: ReturnType<typeof planRequestRows>[number]) =>
    `${c.request}${c.arrow ? ' -> ' : ' '}${c.status} ${c.tag} ${c.body}${c.latency ? ` ${c.latency}` : ''}`;

  test('a narrow feed (80 columns, split) shows the whole query and the whole body a lesson asks to watch', () => {
    const [hello] = planRequestRows([feedEntry({ path: '/hello', query: { name: 'gopher' }, body: 'hello, gopher', version: 2 })], 39);
    expect(rowText(hello!)).toBe('/hello?name=gopher 200 v2 hello, gopher');
    const ping = planRequestRows([feedEntry({ body: 'pong 74 (load 3)', version: 3 })], 39);
    expect(ping.map(rowText)).toEqual(['GET /ping -> 200 v3  pong 74 (load 3)']);
    const later = planRequestRows([feedEntry({ body: 'pong 1074 (load 13)', version: 13 })], 39);
    expect(later.map(rowText)).toEqual(['/ping 200 v13 pong 1074 (load 13)']);
    const stats = planRequestRows([feedEntry({ path: '/stats', body: '{"/ping":120,"/hello":14}', version: 4 })], 39);
    expect(stats.map(rowText)).toEqual(['/stats 200 v4 {"/ping":120,"/hello":14}']);
  });

  test('feed rows keep GET and the arrow while every row fits, and turn compact together when one does not', () => {
    const short = feedEntry({ body: 'pong 7' });
    expect(planRequestRows([short], 39).map(rowText)).toEqual(['GET /ping -> 200 v1  pong 7']);
    const rows = planRequestRows([short, feedEntry({ body: 'pong 1074 (load 13)' })], 39);
    expect(rows.map(rowText)).toEqual(['/ping 200 v1 pong 7', '/ping 200 v1 pong 1074 (load 13)']);
    // A method other than GET stays; what does not fit is shared, each part cut with ASCII dots: the body after
    // the rows it may continue on.
    const [post] = planRequestRows([feedEntry({ method: 'POST', path: '/a-very-long-path/that/goes/on', body: 'x'.repeat(200) })], 39);
    const text = rowText(post!);
    expect(text.startsWith('POST /a-very')).toBe(true);
    expect(text.length).toBe(39);
    expect(text).toMatch(/\.\.\. 200 v1 x+$/);
    expect(post!.more).toHaveLength(MAX_MORE_ROWS);
    expect(post!.more.every((row) => row.length === 39)).toBe(true);
    expect(post!.more.at(-1)).toMatch(/^ {2}x+\.\.\.$/);
  });

  test('at 80×24 a /stats answer too long for its row goes on under it, whole and never split inside a count', () => {
    const body = '{"hits":1234,"byPath":{"/stats":617,"/ping":617,"/hello":2048}}';
    const [stats] = planRequestRows([feedEntry({ path: '/stats', body, version: 3 })], 39);
    expect(rowText(stats!).length).toBeLessThanOrEqual(39);
    const rows = [rowText(stats!), ...stats!.more];
    expect(rows.every((row) => row.length <= 39)).toBe(true);
    expect(rows.map((row) => row.replace(/^\/stats 200 v3 /, '').trim()).join('')).toBe(body);
    for (const count of ['1234', '617', '2048']) expect(rows.some((row) => row.includes(count))).toBe(true);
    // The window holds fewer requests, each whole.
    const feed = Array.from({ length: 20 }, (_, i) => feedEntry({ path: i % 2 ? '/stats' : '/ping', body: i % 2 ? body : `pong ${i}`, version: 3 }));
    const window = planFeedWindow(feed, 39, 12);
    expect(window.cells.reduce((sum, c) => sum + 1 + c.more.length, 0)).toBeLessThanOrEqual(11);
    expect(window.entries.at(-1)).toBe(feed.at(-1));
  });

  test('feed rows stay printable ASCII, so Ink measures them on string-width fast path', () => {
    for (const entry of [feedEntry(), feedEntry({ body: 'x'.repeat(500) }), feedEntry({ failed: true, status: 503, body: 'a\nb', version: null })]) {
      for (const cells of planRequestRows([entry], 60)) expect(rowText(cells)).toMatch(/^[\x20-\x7E]*$/);
    }
  });

  test('layout budgets add up to the terminal height', () => {
    for (const [columns, rows] of [[80, 24], [120, 40], [60, 12]] as const) {
      for (const replFocused of [false, true]) {
        const l = computeLayout({ columns, rows, replFocused, hasProblem: true });
        expect(l.barRows + l.lessonRows + l.problemRows + l.mainRows + l.replRows + l.statusRows + l.hintRows).toBe(rows);
        expect(l.feedWidth + l.gap + (l.mode === 'split' ? l.statsWidth : 0)).toBe(columns);
      }
    }
  });

  test('the screen plan fills the terminal exactly, with or without a problem line', () => {
    const rejected = updateRecord({ outcome: 'rejected', reason: 'service.js:3:5: Unexpected token — v1 keeps serving', cause: 'Unexpected token' });
    for (const problem of [null, 'service.js was deleted; v1 keeps serving']) {
      const snapshot = { problem, updates: [rejected], logs: [logEntry()], rejection: rejected, reverted: null, sandbox: { state: 'ready' as const, pid: 1, heapUsed: null, restarts: 0 }, modules: [], heapWarning: null };
      for (const [columns, rows] of [[80, 24], [160, 50], [60, 14]] as const) {
        for (const overlayOpen of [false, true]) {
          const plan = planScreen({ columns, rows, replFocused: false, overlayOpen, snapshot, messages: MESSAGES.en, base: '/work/lab' });
          const l = plan.layout;
          const main = plan.feedRows + (l.mode === 'split' ? 0 : plan.statsRows) + plan.messages.rows;
          expect(l.barRows + l.lessonRows + l.problemRows + main + l.replRows + l.statusRows + l.hintRows).toBe(rows);
          expect(l.problemRows).toBe(problem ? 1 : 0);
          expect(plan.messages.change.rows.length).toBeGreaterThan(0);
        }
      }
    }
  });

  test('the stats panel never plans more rows than it has', () => {
    for (let height = 0; height < 30; height++) {
      const plan = planStats(height, 8, 20, 4);
      expect(1 + plan.waterfallRows + plan.tableRows + plan.summaryRows).toBeLessThanOrEqual(Math.max(1, height));
    }
  });

  test('hints drop the least important first and keep help', () => {
    const items: Array<[string, string, 'help' | 'quit' | 'toggleRestart']> = [
      ['g', 'cold/graceful', 'toggleRestart'],
      ['?', 'help', 'help'],
      ['q', 'quit', 'quit'],
    ];
    expect(fitHints(items, 14).map((i) => i[2])).toEqual(['help', 'quit']);
  });

  test('text cells: wide characters count double, truncation adds an ellipsis', () => {
    expect(cellWidth('实时服务')).toBe(8);
    expect(truncate('hello world', 5)).toBe('hell…');
    expect(cellWidth(truncate('实时服务实时服务', 7))).toBeLessThanOrEqual(7);
    expect(padEnd('ab', 4)).toBe('ab  ');
    expect(displayPath('/work/lab/sandbox/service.js', '/work/lab')).toBe('sandbox/service.js');
    expect(displayPath('/elsewhere/service.js', '/work/lab')).toBe('/elsewhere/service.js');
  });

  test('NO_COLOR: set and non-empty turns colour off; the theme then has no styles at all', () => {
    expect(colorFromEnv({})).toBe(true);
    expect(colorFromEnv({ NO_COLOR: '' })).toBe(true);
    expect(colorFromEnv({ NO_COLOR: '1' })).toBe(false);
    const theme = createTheme(false);
    expect(theme.tone('bad')).toEqual({});
    expect(theme.tone('active')).toEqual({});
    expect(theme.version(3)).toEqual({});
  });
});

describe('REPL examples', () => {
  test('come from the running scope and the traffic, as literals that evaluate', () => {
    const request = { method: 'GET', path: '/hello', query: { name: "o'hara" }, headers: {}, body: '' };
    const examples = replExamples({ variables: ['hits'], constants: ['routes'], functions: ['handle'], exports: ['handle'] }, [request]);
    expect(examples).toEqual(['hits', "handle({method: 'GET', path: '/hello', query: {name: 'o\\'hara'}})"]);
    // The literal is JavaScript that builds the request the traffic sends.
    const literal = examples[1]!.slice('handle('.length, -1);
    expect(new Function(`return ${literal}`)()).toEqual({ method: 'GET', path: '/hello', query: { name: "o'hara" } });
    expect(replExamples({ variables: [], constants: [], functions: ['ping', 'handle'], exports: ['handle'] }, [])).toEqual(['ping']);
    expect(replExamples(null, [request])).toEqual([]);
  });
});

describe('the status line', () => {
  const line = (snapshot: EngineSnapshot, width: number, messages = MESSAGES.en) =>
    fitSegments(statusSegments(snapshot, false, messages, '/work'), width)
      .map((s) => s.pieces.map((p) => p.text).join(''))
      .join(SEPARATOR);

  test('at 80 columns with grown counters, retained, the heap and the pid stay; the rest is shortened first', () => {
    const snapshot: EngineSnapshot = {
      ...baseSnapshot(),
      httpUrl: 'http://127.0.0.1:8787',
      retainedVersions: 7,
      served: 12_345,
      failed: 12,
      sandbox: { state: 'ready', pid: 15980, heapUsed: 12_300_000, restarts: 0 },
    };
    const text = line(snapshot, 80);
    expect(cellWidth(text)).toBeLessThanOrEqual(80);
    expect(text).toMatch(/retained 7/);
    expect(text).toMatch(/heap \d/);
    expect(text).toMatch(/pid 15980/);
    expect(text).toMatch(/12,345 served 12 failed$/);
    expect(text).toContain(':8787');
    // Wide, every part is whole, the file included.
    expect(line(snapshot, 160)).toMatch(/^lab\/sandbox\/service\.js · http:\/\/127\.0\.0\.1:8787 · sandbox ready pid 15980 · heap .* · retained 7 · /);
    // zh is wider per character: retained still outlives the heap and the URL.
    const zh = line(snapshot, 80, MESSAGES.zh);
    expect(cellWidth(zh)).toBeLessThanOrEqual(80);
    expect(zh).toContain(`${MESSAGES.zh.retained} 7`);
    // Very narrow: the sandbox's state and the counters are the last things standing.
    expect(line(snapshot, 44)).toBe('ready pid 15980 · 12,345 served 12 failed');
    expect(line(snapshot, 30)).toBe('12,345 served 12 failed');
  });
});

describe('the update line', () => {
  const text = (rows: { text: string }[][]) => rows.map((row) => row.map((p) => p.text).join(''));
  const context = { messages: MESSAGES.en, base: '/work/lab', width: 80, waiting: false, more: '(v: read all)' };

  test('the read-all hint ends the headline, never splitting it, when the compact rows leave something out', () => {
    const record = updateRecord({
      version: 3,
      previousVersion: 2,
      strategy: 'binary-replace',
      restart: 'cold',
      total: 112,
      downtimeMs: 112,
      failedRequests: 1,
      stateKept: false,
      notes: ['cold restart: the old process was stopped before the new build booted (in a process started ahead)', 'a second note', 'a third note', 'a fourth note'],
    });
    const { rows, cut } = changeRows({ kind: 'record', record }, context, 3);
    expect(cut).toBe(true);
    const lines = text(rows);
    const at = lines.findIndex((line) => line.includes('(v: read all)'));
    expect(lines[at]).toMatch(/^ {2}down 112ms \(v: read all\)$/);
    expect(lines[at - 1]).toMatch(/1 failed$/);
    for (const line of lines.slice(0, at)) expect(line).not.toContain('(v: read all)');
    // Nothing cut: no hint.
    const whole = changeRows({ kind: 'record', record: { ...record, notes: [] } }, context, 3);
    expect(text(whole.rows).join('\n')).not.toContain('read all');
  });

  test('the broken-start headline keeps its sentence whole, the hint after it', () => {
    const record = updateRecord({ version: null, previousVersion: null, outcome: 'rejected', cause: 'Unexpected token', reason: 'x', location: { file: '/work/lab/service.js', line: 3, column: 5 }, frame: { file: '/work/lab/service.js', line: 3, column: 5, text: 'let = ;' } });
    const lines = text(changeRows({ kind: 'record', record }, { ...context, waiting: true }, 2).rows);
    expect(lines).toEqual(['✗ rejected · file-watch · service.js:3:5', '  nothing runs yet (503): save a fix to start v1 (v: read all)']);
  });

  test('the first version to run after a broken start says it started, not v- → v1', () => {
    const record = updateRecord({ version: 1, previousVersion: null });
    expect(text(changeRows({ kind: 'record', record }, context, 3).rows)[0]).toMatch(/^✓ v1 started · file-watch/);
    expect(text(changeRows({ kind: 'record', record }, { ...context, messages: MESSAGES.zh }, 3).rows)[0]).toMatch(/^✓ v1 已启动/);
  });
});

describe('zh lines stay Chinese', () => {
  const text = (rows: { text: string }[][]) => rows.map((row) => row.map((p) => p.text).join('')).join('\n');

  test('the fixed engine notes shown on the update line read Chinese; other notes stay as the engine wrote them', () => {
    const zh = MESSAGES.zh.engineNote;
    expect(zh('cold restart: the old process was stopped before the new build booted (in a process started ahead)')).toBe('冷重启：先停掉旧进程，新构建才启动（在预先启动的进程里）');
    expect(zh('graceful restart without snapshot()/migrate(prev): the new process starts with fresh state')).toMatch(/^平滑重启/);
    expect(zh("rolled back to v1's code")).toBe('已回滚到 v1 的代码');
    expect(zh('greet.js: migrate(prev) was not called: the old version exports no snapshot()')).toBe('greet.js: 没有调用 migrate(prev)：旧版本没有导出 snapshot()');
    expect(zh('service.js was deleted: v4 keeps serving')).toBe('service.js 已被删除：v4 继续服务');
    expect(zh('service.js saved with the same content as v2: not a new version')).toBe('service.js 保存的内容与 v2 相同：不是新版本');
    expect(zh('service.js was deleted; v4 keeps serving. Restore the file to continue.')).toBe('service.js 已被删除；v4 继续服务。恢复该文件即可继续。');
    expect(zh('replaced ping()')).toBe('替换了 ping()');
    expect(zh('replaced ping(), added pick()')).toBe('替换了 ping()，新增了 pick()');
    expect(zh("stale reference: routes['/ping'] still holds the old ping (captured before the patch)")).toBe("过时引用：routes['/ping'] 仍持有旧 ping（在修补之前取得）");
    expect(zh("routes.js: stale reference: table.ping still holds the old ping from handlers.js (captured before the patch)")).toBe('routes.js: 过时引用：table.ping 仍持有 handlers.js 的旧 ping（在修补之前取得）');
    // The place a checklist puts before a refusal, and a lesson's own zh label before it, are kept.
    expect(zh('service.js:27:1: a new top-level binding `x` was added: `let x = 0`. Reflection-patch replaces functions only and cannot add state to the running program. Use file-watch or binary-replace to add it.')).toMatch(/^service\.js:27:1: 新增了顶层绑定 `x`/);
    expect(zh('被拒绝：service.js:27:1 — a new top-level binding `x` was added: `let x = 0`. Reflection-patch replaces functions only and cannot add state to the running program. Use file-watch or binary-replace to add it.')).toMatch(/^被拒绝：service\.js:27:1 — 新增了顶层绑定 `x`/);
    expect(zh('TypeError: boom')).toBe('TypeError: boom');
    expect(MESSAGES.en.engineNote("rolled back to v1's code")).toBe("rolled back to v1's code");
    const record = updateRecord({ version: 3, previousVersion: 2, strategy: 'binary-replace', restart: 'cold', notes: ['cold restart: the old process was stopped before the new build booted (in a process started ahead)', "rolled back to v1's code"] });
    const rows = text(changeRows({ kind: 'record', record }, { messages: MESSAGES.zh, base: '/work', width: 80, waiting: false }, 5).rows);
    expect(rows).toContain('冷重启：先停掉旧进程，新构建才启动（在预先启动的进程里）');
    expect(rows).toContain('已回滚到 v1 的代码');
    expect(rows).not.toMatch(/cold restart|rolled back/);
    // Counts read as the status line's do: 失败 0, not 0 失败.
    expect(rows).toContain('失败 0');
  });

  test('the counters read 已服务 55 · 失败 0; the updates table has no English header', () => {
    const segments = fitSegments(statusSegments({ ...baseSnapshot(), served: 55, failed: 0 }, false, MESSAGES.zh, '/work'), 120);
    expect(segments.at(-1)!.pieces.map((p) => p.text).join('')).toBe('已服务 55 · 失败 0');
    expect(Object.values(MESSAGES.zh.statsHeaders).filter((h) => /[a-z]{2}/.test(h))).toEqual([]);
  });
});

describe('the REPL prompt while nothing runs', () => {
  test('says the sandbox is starting while v1 boots, and asks for a save only when nothing can start', async () => {
    const { idleText } = await import('../../src/ui/repl/repl-panel.tsx');
    expect(idleText(MESSAGES.en, [], null, 80, false, 'service.js', true)).toBe('the sandbox is starting v1 …');
    expect(idleText(MESSAGES.en, [], null, 80, false, 'service.js', false)).toContain('save a service.js that starts');
    expect(idleText(MESSAGES.zh, [], null, 80, true, 'service.js', true)).toBe('沙箱正在启动 v1 …');
  });
});
