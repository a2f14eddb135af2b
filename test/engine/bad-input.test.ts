// Bad updates and bad requests, as a learner makes them: each one is refused or contained, the last good
// version keeps serving with its state, the learner is told where the problem is, and the host (this test
// process) never goes down with it (design §3 "bad update", §6 process model).
import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { counter, eventually, startLab, type Lab } from './lab-fixture.ts';

/** `pong 3` → 3 */
const hitsOf = (body: string): number => Number(body.split(' ').at(-1));

/** 1-based column of `needle` on 1-based `line` of `source`, as an editor shows it. */
function columnOf(source: string, line: number, needle: string): number {
  const text = source.split('\n')[line - 1] ?? '';
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not on line ${line}: ${text}`);
  return index + 1;
}

/** A counter service (v1) that has answered `n` requests, with no background traffic so counts are exact. */
async function labAfter(n: number, options: Parameters<typeof startLab>[1] = {}): Promise<Lab> {
  const lab = await startLab(counter('pong'), { traffic: { rate: 0 }, ...options });
  for (let i = 0; i < n; i++) await lab.get();
  return lab;
}

describe("a lesson check's scratch service (background)", () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('says what it refused and where, not what its own copy keeps serving (read beside the live service)', async () => {
    lab = await startLab(counter('v1'), { background: true });
    const record = await lab.save('export function handle() {\n  return "v2"\n');
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/^service\.js:\d+:\d+: /);
    expect(record.reason).not.toMatch(/keeps serving|503/);
  });
});

describe('bad updates under file-watch: the last good version keeps serving with its state', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('a syntax error is refused with its exact line and column', async () => {
    lab = await labAfter(3);
    const broken = `let hits = 0;
export function handle(req) {
  hits++;
  return 'pong ' + ;
}
`;
    const record = await lab.save(broken);
    expect(record).toMatchObject({ outcome: 'rejected', version: 1, previousVersion: 1, stateKept: true });
    // The \`;\` on line 4 is the first token that cannot continue the expression.
    expect(record.location).toEqual({ file: 'service.js', line: 4, column: 20 });
    expect(record.location!.column).toBe(columnOf(broken, 4, ';'));
    expect(record.reason).toContain('service.js:4:20');
    expect(record.reason).toMatch(/Unexpected token/);
    expect(record.reason).toContain('v1 keeps serving');
    // The refusal stands in the snapshot (with the refused line), not as a generic problem.
    expect(lab.engine.getSnapshot().rejection).toBe(record);
    expect(record.frame).toMatchObject({ line: 4, column: 20, text: "  return 'pong ' + ;" });
    const after = await lab.get();
    expect(after).toMatchObject({ status: 200, version: 1, body: 'pong 4' });
  });

  it('an exception during initialisation is refused with where it was thrown', async () => {
    lab = await labAfter(2);
    const throwing = `let hits = 0;
function readConfig() {
  throw new Error('no config file in the sandbox');
}
const config = readConfig();
export function handle(req) {
  hits++;
  return 'pong ' + hits;
}
`;
    const record = await lab.save(throwing);
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toContain('no config file in the sandbox');
    expect(record.location).toEqual({ file: 'service.js', line: 3, column: columnOf(throwing, 3, 'new Error') });
    expect(record.reason).toContain(`service.js:3:${columnOf(throwing, 3, 'new Error')}`);
    expect(record.reason).toContain('v1 keeps serving');
    expect((await lab.get()).body).toBe('pong 3');
  });

  it('an empty file (an editor between its truncate and its write) is refused as empty, under every strategy', async () => {
    for (const strategy of ['file-watch', 'reflection-patch'] as const) {
      lab = await labAfter(2, { strategy });
      const record = await lab.save('\n');
      expect(record).toMatchObject({ outcome: 'rejected', version: 1, stateKept: true });
      expect(record.reason).toContain('service.js is empty');
      expect((await lab.get()).body).toBe('pong 3');
      await lab.close();
      lab = undefined;
    }
  });

  it('a version without a handle export is refused and says what to add', async () => {
    lab = await labAfter(2);
    const record = await lab.save('let hits = 0;\nexport function serve(req) {\n  return "x";\n}\n');
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/does not export handle/);
    expect(record.reason).toContain('export function handle(req)');
    expect(record.reason).toContain('v1 keeps serving');
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 3' });
  });

  it('a handle that is not a function is refused and says what it is', async () => {
    lab = await labAfter(2);
    const record = await lab.save('export const handle = 42;\n');
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/handle is exported but it is a number, not a function/);
    expect(record.reason).toContain('v1 keeps serving');
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 3' });
  });

  it('a handler that loops forever is refused by the test-run within about a second', async () => {
    lab = await labAfter(2);
    const looping = `let hits = 0;
export function handle(req) {
  while (true) hits++;
}
`;
    const savedAt = Date.now();
    const record = await lab.save(looping);
    const decidedIn = Date.now() - savedAt;
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/did not finish within the time limit/);
    expect(record.location).toEqual({ file: 'service.js', line: 3, column: 3 });
    expect(record.reason).toContain('v1 keeps serving');
    // The test-run's limit is 100 ms per call; the rest is detecting the save and the verifier's round trip.
    // Idle this takes ~0.3 s; the bound leaves room for a loaded two-core machine.
    expect(decidedIn).toBeLessThan(1500);
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 3' });
  });

  it('top-level code that loops forever is refused at the initialisation limit', async () => {
    lab = await labAfter(2);
    const savedAt = Date.now();
    const record = await lab.save(counter('PONG', 'while (true) {}\n'));
    const decidedIn = Date.now() - savedAt;
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/top-level code did not finish within the initialisation time limit/);
    expect(record.location).toEqual({ file: 'service.js', line: 6, column: 1 });
    expect(record.reason).toContain('v1 keeps serving');
    expect(decidedIn).toBeLessThan(2500); // the 1 s initialisation limit plus detection and a round trip
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 3' });
  });

  it('a memory bomb that aborts V8 during initialisation takes down only the test-run', async () => {
    // A generous initialisation limit, so the abort (≈0.35 s idle, design §6) wins the race against the time
    // limit even on a loaded machine: this test is about the crash, the loop test above about the limit.
    lab = await labAfter(3, { limits: { initTimeoutMs: 10_000 } });
    const restartsBefore = lab.engine.getSnapshot().sandbox.restarts;
    // Measured (design §6): this aborts the whole Node process holding a 64 MB isolate (SIGABRT), not just the isolate.
    const bomb = counter('PONG', 'let v=new Array(5e7); let i=v.length; while(i--) v[i]=i&255\n');
    const record = await lab.save(bomb);
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/crashed its test run/);
    expect(record.reason).toMatch(/out of memory|heap limit/);
    expect(record.reason).toContain('v1 keeps serving');
    // A crash leaves no stack: the statement it happened in is found by running them one at a time.
    expect(record.location).toEqual({ file: 'service.js', line: 6, column: bomb.split('\n')[5]!.indexOf('while') + 1 });
    // The serving process was never touched: same version, the counter continues, no restart happened.
    expect(await lab.get()).toMatchObject({ status: 200, version: 1, body: 'pong 4' });
    expect(lab.engine.getSnapshot().sandbox.restarts).toBe(restartsBefore);

    // The verifier is replaced for the next test-run: a good save after the bomb still applies.
    const next = await lab.save(counter('PONG'));
    expect(next).toMatchObject({ outcome: 'applied', version: 2 });
    expect((await lab.get()).body).toMatch(/^PONG \d+$/);
  });

  it('a top-level built-in call too long for the time limit is refused with the statement it is in', async () => {
    // One fill of 1.2 GB cannot be interrupted by the initialisation limit: the watchdog kills the test-run.
    lab = await labAfter(1);
    const source = counter('PONG', 'const ready = true;\nconst table = new Array(1.5e8).fill(0);\n');
    // The record waits for the watchdog to kill the test-run and for the statement to be located (more test-runs):
    // seconds on a machine running the whole suite, so this wait is the test's own limit, not the usual 10 s.
    const record = await lab.save(source, 25_000);
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/crashed its test run/);
    const line = source.split('\n').findIndex((l) => l.startsWith('const table')) + 1;
    expect(record.location).toEqual({ file: 'service.js', line, column: 1 });
    expect(record.reason).toContain(`service.js:${line}:1`);
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 2' });
  }, 30_000);

  it('a memory bomb that fills the isolate heap during initialisation is refused', async () => {
    lab = await labAfter(1, { limits: { initTimeoutMs: 10_000 } }); // out of memory before out of time
    const record = await lab.save(counter('PONG', 'const hog = [];\nwhile (true) hog.push(new Array(1e6).fill(1));\n'), 25_000);
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toMatch(/out of memory|heap limit/);
    expect(record.reason).toContain('v1 keeps serving');
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 2' });
  });

  it('a memory bomb outside the isolate heap (WebAssembly.Memory) cannot be built', async () => {
    // WebAssembly memory is not counted against the isolate's heap limit: the sandbox offers no WebAssembly.
    lab = await labAfter(1);
    const wasm = `const keep = [];
export function handle(req) {
  keep.push(new WebAssembly.Memory({ initial: 1024 }));
  return 'kept ' + keep.length;
}
`;
    const record = await lab.save(wasm);
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toContain('ReferenceError: WebAssembly is not defined');
    expect(record.location).toEqual({ file: 'service.js', line: 3, column: columnOf(wasm, 3, 'WebAssembly') });
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 2' });
  });

  it('a deleted file leaves the running version serving; restoring it applies the restored code', async () => {
    lab = await labAfter(2);
    await unlink(lab.file);
    const problem = await eventually(() => lab!.engine.getSnapshot().problem, (p) => p !== null);
    expect(problem).toContain('service.js was deleted');
    expect(problem).toContain('v1 keeps serving');
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 3' });

    const record = await lab.save(counter('RESTORED'));
    expect(record).toMatchObject({ outcome: 'applied', version: 2 });
    expect((await lab.get()).body).toMatch(/^RESTORED \d+$/);
    expect(lab.engine.getSnapshot().problem).toBeNull();
  });

  it('a service file replaced by a folder says so; v1 keeps serving; the file back clears it', async () => {
    lab = await labAfter(2);
    await unlink(lab.file);
    await mkdir(lab.file);
    const problem = await eventually(() => lab!.engine.getSnapshot().problem, (p) => p !== null);
    expect(problem).toBe('service.js is a folder now, not a file; v1 keeps serving. Put the service file back to continue.');
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 3' });
    await rm(lab.file, { recursive: true });
    await writeFile(lab.file, counter('pong'));
    await eventually(() => lab!.engine.getSnapshot().problem, (p) => p === null);
    expect(lab.engine.updates).toHaveLength(0);
  });

  it('restoring a deleted file unchanged clears the problem without a new version', async () => {
    lab = await labAfter(1);
    await unlink(lab.file);
    await eventually(() => lab!.engine.getSnapshot().problem, (p) => p?.includes('was deleted') ?? false);
    await writeFile(lab.file, counter('pong'));
    await eventually(() => lab!.engine.getSnapshot().problem, (p) => p === null);
    expect(lab.engine.updates).toHaveLength(0);
    expect(await lab.get()).toMatchObject({ version: 1, body: 'pong 2' });
  });

  it('saving the same content again is not a new version', async () => {
    lab = await labAfter(0);
    const v2 = counter('two');
    expect(await lab.save(v2)).toMatchObject({ outcome: 'applied', version: 2 });
    await writeFile(lab.file, v2);
    await writeFile(lab.file, v2);
    // Proving that nothing happens needs a window to happen in: a save is seen in a few ms (design §6), so
    // 500 ms is ample. The marker save then shows no version was spent in between.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lab.engine.updates, JSON.stringify(lab.engine.updates.map((r) => [r.outcome, r.reason, r.trigger]))).toHaveLength(1);
    const marker = await lab.save(counter('three'));
    expect(marker).toMatchObject({ outcome: 'applied', version: 3, previousVersion: 2 });
    expect(lab.engine.updates.map((r) => r.version)).toEqual([2, 3]);
  });

  it('a save (or touch) that leaves the code as it was says so, once; the extra events of a real save do not', async () => {
    lab = await labAfter(0);
    const v2 = counter('two');
    await lab.save(v2);
    const notes = (): string[] => lab!.engine.getSnapshot().logs.map((l) => l.message).filter((m) => m.includes('same content'));
    // Right after the save that applied: an editor's second event, not the learner's.
    await writeFile(lab.file, v2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notes()).toEqual([]);
    // Later, the learner saves without a change (lesson 2's experiment): the lab says why nothing happened.
    await new Promise((resolve) => setTimeout(resolve, 900));
    await writeFile(lab.file, v2);
    await writeFile(lab.file, v2);
    await eventually(notes, (found) => found.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notes()).toEqual(['service.js saved with the same content as v2: not a new version']);
    expect(lab.engine.updates).toHaveLength(1);
    // An in-place save read half way (the file empty for a moment, as on a busy machine) is still that save: the
    // text that follows, equal to the running code, says so too.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await writeFile(lab.file, '');
    await new Promise((resolve) => setTimeout(resolve, 60));
    await writeFile(lab.file, v2);
    await eventually(notes, (found) => found.length === 2);
    expect(lab.engine.updates.filter((record) => record.outcome === 'applied')).toHaveLength(1);
  });

  it('a burst of 10 quick saves ends with the last content served, versions only increasing', async () => {
    lab = await labAfter(0);
    // A learner's view of the burst: the versions answering requests while it lands.
    const answered: Array<number | null> = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) answered.push((await lab!.get()).version);
    })();
    for (let i = 0; i < 10; i++) await writeFile(lab.file, counter(`save${i}`));
    const served = await eventually(() => lab!.get(), (r) => r.body.startsWith('save9 '));
    const last = await eventually(() => lab!.engine.updates.at(-1), (r) => r?.version === served.version);
    watching = false;
    await watcher;
    await lab.engine.idle();

    expect(last).toMatchObject({ outcome: 'applied', trigger: 'save' });
    expect(lab.engine.updates.at(-1)).toBe(last);
    const versions = lab.engine.updates.map((r) => r.version ?? 0);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    const applied = lab.engine.updates.filter((r) => r.outcome === 'applied').map((r) => r.version);
    expect(new Set(applied).size).toBe(applied.length);
    // Latest save wins: saves that arrive while an update runs replace each other instead of queueing.
    expect(lab.engine.updates.length).toBeLessThanOrEqual(10);
    expect(answered.every((v) => v !== null)).toBe(true);
    expect(answered).toEqual([...answered].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect((await lab.get()).body).toMatch(/^save9 \d+$/);
  });
});

describe('bad requests: the failing request fails, the service carries on', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  it('a handler that throws on one request answers 500 with the message and location; the next is fine', async () => {
    const source = `let hits = 0;
export function handle(req) {
  hits++;
  if (req.path === '/throw') throw new Error('cannot handle ' + req.path);
  return 'pong ' + hits;
}
`;
    lab = await startLab(source, { traffic: { rate: 0 } });
    expect((await lab.get()).body).toBe('pong 1');
    const failed = await lab.get('/throw');
    const where = `service.js:4:${columnOf(source, 4, 'new Error')}`;
    expect(failed).toMatchObject({ status: 500, version: 1, failed: true });
    expect(failed.body).toContain('Error: cannot handle /throw');
    expect(failed.body).toContain(where);
    expect(failed.error).toContain(where);
    // State survived the throw: the throwing request counted too.
    expect(await lab.get()).toMatchObject({ status: 200, version: 1, body: 'pong 3', failed: false });
  });

  it('a memory bomb inside a running handler crashes the sandbox; the engine restarts it on the last good version', async () => {
    const source = `let hits = 0;
export function handle(req) {
  if (req.path === '/boom') {
    const hog = [];
    while (true) hog.push(new Array(1e6).fill(1));
  }
  hits++;
  return 'pong ' + hits;
}
`;
    // A generous call limit, so the heap runs out before the time does even on a loaded machine (near the
    // limit V8 spends its time in garbage collections).
    lab = await startLab(counter('pong'), { traffic: { rate: 0 }, limits: { callTimeoutMs: 2000 } });
    // The test-run probes /ping, so the bomb on /boom gets through verification, as a real bug would.
    expect(await lab.save(source)).toMatchObject({ outcome: 'applied', version: 2 });
    for (let i = 0; i < 3; i++) await lab.get();
    const before = await lab.get();
    expect(before.body).toMatch(/^pong \d+$/);

    const boom = await lab.get('/boom');
    expect(boom.failed).toBe(true);
    expect(boom.status).toBe(503);
    expect(boom.error).toMatch(/out of memory|heap limit/);

    const back = await eventually(() => lab!.get(), (r) => !r.failed);
    expect(back).toMatchObject({ status: 200, version: 2 });
    // State is lost with the process: the restarted version counts from the start again.
    expect(hitsOf(back.body)).toBe(1);
    const snapshot = lab.engine.getSnapshot();
    expect(snapshot.problem).toContain('the sandbox process died');
    expect(snapshot.problem).toContain('Restarting on v2; its state is lost');
    expect(snapshot.sandbox.restarts).toBe(1);
    expect(snapshot.logs.some((entry) => entry.level === 'error' && entry.message.includes('the sandbox process died'))).toBe(true);
  });

  it('a handler stuck in one long built-in call is killed by the watchdog and restarted', async () => {
    // One `fill` of 800 MB is a single built-in call: the per-call time limit cannot interrupt it (design §6).
    const source = counter('pong', '').replace('hits++;', "if (req.path === '/fill') new Array(1e8).fill(0);\n  hits++;");
    lab = await startLab(source, { traffic: { rate: 0 } });
    await lab.get();
    const stuck = await lab.get('/fill');
    expect(stuck).toMatchObject({ failed: true, status: 503 });
    expect(stuck.error).toMatch(/stopped answering|out of memory/);
    const back = await eventually(() => lab!.get(), (r) => !r.failed);
    expect(back).toMatchObject({ status: 200, version: 1, body: 'pong 1' });
    expect(lab.engine.getSnapshot().problem).toContain('its state is lost');
  });

  it('a slow handler (inside its time limit) under more traffic than it can serve is slow, not killed', async () => {
    // 30 ms a request can serve ~33 req/s; the driver asks for 100. The backlog must show up as latency, not as
    // the engine mistaking a busy sandbox for a stuck one and killing it again and again.
    const slow = `export function handle(req) {
  const end = Date.now() + 30;
  while (Date.now() < end) {}
  return 'slow but fine';
}
`;
    lab = await startLab(slow, { traffic: { rate: 100 } });
    await eventually(() => lab!.engine.getSnapshot().served, (n) => n >= 60);
    const snapshot = lab.engine.getSnapshot();
    expect(snapshot.sandbox.restarts, snapshot.problem ?? '').toBe(0);
    expect(snapshot.failed, JSON.stringify(snapshot.feed.filter((entry) => entry.failed).map((entry) => entry.body))).toBe(0);
    expect(snapshot.problem).toBeNull();
  });

  it('a service that replaces the JSON built-ins does not break the harness, and the host keeps running', async () => {
    // Learner code shares its globals with hotlab's request harness inside the isolate. The harness took its
    // own copies of JSON.stringify/parse before the service ran, so replacing them changes only the service.
    const source = `export function handle(req) {
  if (req.path === '/break') JSON.stringify = () => 'this is not JSON';
  return 'ok';
}
`;
    lab = await startLab(source, { traffic: { rate: 50 } });
    expect((await lab.get()).body).toBe('ok');
    await lab.get('/break');
    const after = await lab.get();
    expect(after).toMatchObject({ status: 200, failed: false, version: 1, body: 'ok' });
    // The driver keeps sending requests into the broken service for a while: the host must stay up.
    const served = lab.engine.getSnapshot().served;
    await eventually(() => lab!.engine.getSnapshot().served, (n) => n > served + 20);
    // A good save repairs it.
    expect(await lab.save(source.replace("'ok'", "'fixed'"))).toMatchObject({ outcome: 'applied', version: 2 });
    expect((await lab.get()).body).toBe('fixed');
  });

  it('a service that breaks Array.prototype.push while serving does not break the harness', async () => {
    // The harness took its own copies of the built-ins it uses before the service ran (see also
    // tampered-builtins.test.ts for the same at start-up): the service breaks only itself.
    const source = `const seen = [];
export function handle(req) {
  if (req.path === '/break') Array.prototype.push = function () { return 0; };
  seen.push(req.path);
  return 'ok ' + seen.length;
}
`;
    lab = await startLab(source, { traffic: { rate: 0 } });
    expect((await lab.get()).body).toBe('ok 1');
    await lab.get('/break');
    const after = await lab.get();
    // Its own push is broken now (the count stops), hotlab's is not (the answer arrives).
    expect(after).toMatchObject({ status: 200, failed: false, version: 1, body: 'ok 1' });
    expect(lab.engine.getSnapshot().sandbox.restarts).toBe(0);
    expect(await lab.save(source.replace("'ok '", "'fixed '"))).toMatchObject({ outcome: 'applied', version: 2 });
    expect((await lab.get()).body).toMatch(/^fixed \d+$/);
  });
});
