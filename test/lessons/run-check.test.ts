// runCheck around lessons written for the test: what a check sees, and what happens when a check or a
// lesson is broken. (checks.test.ts runs the real lessons.)
import { readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import { pickText } from '../../src/engine/lessons/language.ts';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { CheckRunner, runCheck } from '../../src/engine/lessons/run-check.ts';
import type { RestartMode, StrategyName } from '../../src/engine/types.ts';
import { copyLessonRoot, editJson } from './lesson-fixture.ts';

let root: string;
let lessonDir: string;
beforeAll(async () => {
  ({ root, lessonDir } = await copyLessonRoot());
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Lesson 01 with this check.js (and optionally this starter, under this strategy). */
async function lessonWith(check: string, starter?: string, strategy: StrategyName = 'file-watch', restart?: RestartMode): Promise<Lesson> {
  await writeFile(join(lessonDir, 'check.js'), check);
  if (starter !== undefined) await writeFile(join(lessonDir, 'starter', 'service.js'), starter);
  await editJson(join(lessonDir, 'lesson.json'), (json) => {
    json.strategy = strategy;
    if (restart) json.restart = restart;
    else delete json.restart;
  });
  const [lesson] = (await loadLessons(root)).lessons;
  return lesson!;
}

/** This process's children (Linux): a scratch service's sandbox processes, once it boots. */
function childProcesses(): string[] {
  return readdirSync('/proc/self/task').flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean));
}

const ROUTES = `let hits = 0;
export function handle(req) {
  hits++;
  if (req.path === '/echo') return \`\${req.method} \${req.query.name ?? '-'} \${req.headers['x-who'] ?? '-'} \${req.body}\`;
  return \`pong \${hits}\`;
}
`;

describe.sequential('runCheck', () => {
  it('gives the check the update, the reply before it, live requests, REPL evaluation, saves and rollback', async () => {
    const lesson = await lessonWith(
      `export async function check(lab) {
        const t = (en) => ({ en, zh: en });
        lab.expect(lab.update.outcome === 'applied' && lab.update.trigger === 'save', t('update came from a save'), lab.update.trigger);
        lab.expect(!lab.unchanged && lab.source !== lab.starter, t('source differs from starter'));
        lab.expect(/^pong \\d+$/.test(lab.before.body) && lab.before.version === 1, t('before is the starter answering'), lab.before.body);
        const echo = await lab.request('/echo?name=go', { method: 'post', headers: { 'X-Who': 'me' }, body: 'hi' });
        lab.expect(echo.body === 'POST go me hi' && echo.version === 2, t('request carries method, query, headers, body'), echo.body);
        const hits = await lab.evaluate('hits > 0');
        lab.expect(hits.ok && hits.text === 'true', t('evaluate runs in the live version'), JSON.stringify(hits));
        const same = await lab.save(lab.source, { how: 'rename' });
        lab.expect(same === null, t('an unchanged save makes no version'));
        const next = await lab.save(lab.source + '// more\\n', { how: 'rename' });
        lab.expect(next?.outcome === 'applied' && next.trigger === 'save' && next.version === 3, t('a rename save is a version'), JSON.stringify(next?.version));
        const back = await lab.rollback();
        lab.expect(back?.outcome === 'applied' && back.version === 4, t('rollback applies the previous code'));
        const bad = await lab.applySource('export function handle( {');
        lab.expect(bad?.outcome === 'rejected' && lab.snapshot().version === 4, t('a bad version is rejected, v4 keeps serving'));
      }`,
      ROUTES,
    );
    const result = await runCheck(lesson, ROUTES.replace('pong', 'PONG'));
    expect(result.error).toBeUndefined();
    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(result.steps).toHaveLength(9);
    expect(result.passed).toBe(true);
    expect(result.update?.version).toBe(2);
  });

  it('applies an unchanged file as a reload and says so', async () => {
    const lesson = await lessonWith(
      `export async function check(lab) {
        lab.expect(lab.unchanged && lab.update.trigger === 'reload' && lab.update.outcome === 'applied', { en: 'unchanged', zh: '未修改' });
      }`,
      ROUTES,
    );
    expect((await runCheck(lesson, ROUTES)).passed).toBe(true);
  });

  it('turns a throwing check into a failed step with its message', async () => {
    const lesson = await lessonWith(`export async function check(lab) {
      lab.expect(true, { en: 'first step', zh: '第一步' });
      throw new Error('boom in the check');
    }`);
    const result = await runCheck(lesson, lesson.solution);
    expect(result.passed).toBe(false);
    expect(result.steps).toEqual([
      { title: { en: 'first step', zh: '第一步' }, ok: true },
      { title: { en: 'the check ran to the end', zh: '检查完整运行' }, ok: false, detail: 'boom in the check' },
    ]);
  });

  it('a check that records no step does not pass', async () => {
    const lesson = await lessonWith('export function check() {}');
    expect((await runCheck(lesson, lesson.solution)).passed).toBe(false);
  });

  it('stops a check that never finishes', async () => {
    const lesson = await lessonWith('export function check() { return new Promise(() => {}); }');
    const result = await runCheck(lesson, lesson.solution, { timeoutMs: 300 });
    expect(result.passed).toBe(false);
    expect(result.steps.at(-1)?.detail).toMatch(/did not finish/);
  });

  it('reports a check.js that exports no check', async () => {
    const lesson = await lessonWith('export const nothing = 1;\n');
    const result = await runCheck(lesson, lesson.solution);
    expect(result).toMatchObject({ passed: false, steps: [] });
    expect(result.error).toMatch(/check\.js of lesson 01-what-is-a-hot-update cannot be loaded: it does not export a function check\(lab\)/);
  });

  it('judges answers fairly: trimmed text, JSON or not, and the counter as the number that moves', async () => {
    const lesson = await lessonWith(
      `export async function check(lab) {
        const t = (en) => ({ en, zh: en });
        lab.expect(lab.text(' pong 3\\n') === 'pong 3' && lab.text(lab.before) === lab.before.body.trim(), t('text is trimmed'));
        lab.expect(lab.json('{"a": 1}\\n').a === 1 && lab.json('pong') === undefined && lab.json('') === undefined, t('json or undefined'));
        lab.expect(lab.numbers('hi from v2: 17').join() === '2,17', t('every number'));
        const c = await lab.counter('/ping');
        lab.expect(c.found && c.index === 1 && c.values[1] === c.values[0] + 1 && c.values[2] === c.values[1] + 1, t('the counter is the second number, one up per request'), c.seen);
        const reset = await lab.countAcross(() => lab.applySource(lab.source + '// again\\n'));
        lab.expect(reset.result.outcome === 'applied' && !reset.carriedOn && !reset.exact && reset.answered === 2, t('a reset is seen: two answered (the swap probe, the first after)'), reset.seen);
        const held = await lab.quietly(async () => { const a = lab.served(); await lab.wait(60); return lab.served() - a; });
        lab.expect(held === 0, t('quietly holds the traffic'), String(held));
        const a = lab.served();
        await lab.wait(60);
        lab.expect(lab.served() > a, t('and lets it flow again after'));
      }`,
      ROUTES,
    );
    const result = await runCheck(lesson, ROUTES.replace('`pong ${hits}`', '`hi from v2: ${hits}`'));
    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('counts a carried-on count as exact only when no request went uncounted', async () => {
    const keeps = `let hits = hot.data.hits ?? 0;
export function handle(req) {
  hits++;
  hot.data.hits = hits;
  return \`pong \${hits}\`;
}
`;
    const lesson = await lessonWith(
      `export async function check(lab) {
        const across = await lab.countAcross(() => lab.applySource(lab.source + '// again\\n'));
        lab.expect(across.carriedOn && across.exact, { en: 'exact', zh: 'exact' }, across.seen);
      }`,
      keeps,
    );
    expect((await runCheck(lesson, keeps.replace('hot.data.hits = hits;', '')))).toMatchObject({ passed: false });
    expect((await runCheck(lesson, keeps)).passed).toBe(true);
    const losesOne = keeps.replace('  hits++;\n  hot.data.hits = hits;', '  hot.data.hits = hits;\n  hits++;');
    const lost = await runCheck(lesson, losesOne);
    expect(lost.passed).toBe(false);
    expect(lost.steps[0]?.detail).toMatch(/1 count\(s\) lost: counting every request gives \d+/);
  });

  it('hands a snapshot to the learner\'s migrate through a stand-in old version', async () => {
    const learner = `let got = 'nothing';
export function handle(req) { return got; }
export function migrate(prev) {
  if (prev.refuse) throw new Error('refused ' + JSON.stringify(prev));
  got = JSON.stringify(prev);
}
`;
    const lesson = await lessonWith(
      `export async function check(lab) {
        const t = (en) => ({ en, zh: en });
        const taken = await lab.handOver({ hits: 0, seen: ['/ping'] });
        const now = await lab.request('/ping');
        lab.expect(taken.standIn.outcome === 'applied' && taken.update.outcome === 'applied' && taken.update.stateKept, t('taken over'), JSON.stringify(taken.update));
        lab.expect(lab.json(now).hits === 0 && lab.json(now).seen[0] === '/ping', t('migrate got the snapshot'), now.body);
        const refused = await lab.handOver({ refuse: true });
        const after = await lab.request('/ping');
        lab.expect(refused.update.outcome === 'rejected' && /refused/.test(refused.update.reason), t('a throw refuses it'), refused.update.reason);
        lab.expect(lab.text(after) === 'stand-in /ping', t('and the stand-in serves on'), after.body);
      }`,
      'export function handle(req) { return "starter"; }\n',
      'plugin-swap',
    );
    const result = await runCheck(lesson, learner);
    expect(result.steps.filter((s) => !s.ok)).toEqual([]);
    expect(result.passed).toBe(true);
  });

  it('judges a version whose every answer fails at once, without running the check', async () => {
    const lesson = await lessonWith(
      'export function check(lab) { lab.expect(true, { en: "never reached", zh: "never reached" }); }\n',
      ROUTES,
      'binary-replace',
      'graceful',
    );
    const result = await runCheck(lesson, 'export function handle(req) {\n  throw new Error("boom");\n}\n');
    expect(result.passed).toBe(false);
    expect(result.steps).toHaveLength(1);
    expect(result.steps[0]).toMatchObject({ ok: false, title: { en: 'your version answers requests', zh: '你的版本能回答请求' } });
    expect(result.steps[0]?.detail).toMatchObject({ zh: expect.stringMatching(/^v2 在服务，但它给出的 \d+ 个回答全部失败/) });
    expect(pickText(result.steps[0]!.detail!, 'en')).toMatch(/^v2 is serving, and all \d+ answers it gave failed, e\.g\. GET \/ping → Error: boom \(service\.js:2:9\)/);
  });

  it('a kept-open runner gives every check a fresh service of its own, warm', async () => {
    const lesson = await lessonWith(
      `export async function check(lab) {
        const c = await lab.counter('/ping');
        lab.expect(c.found && c.values[0] < 10_000, { en: 'a fresh count', zh: 'a fresh count' }, c.seen);
        await lab.setValue('hits', '1000000');
      }`,
      ROUTES,
    );
    const runner = new CheckRunner();
    try {
      for (let i = 0; i < 3; i++) expect((await runner.run(lesson, ROUTES.replace('pong', 'PONG'))).passed).toBe(true);
    } finally {
      await runner.close();
    }
    // Closed, it still checks (cold) and keeps nothing running.
    expect((await runner.run(lesson, ROUTES.replace('pong', 'PONG'))).passed).toBe(true);
    await runner.close();
  });

  it("holds a check's requests and saves while the learner's own update is being timed, and finishes it after", async () => {
    const lesson = await lessonWith(
      `export async function check(lab) {
        const reply = await lab.request('/ping');
        lab.expect(reply.version === 2, { en: 'the learner version answers', zh: 'x' }, reply.body);
      }`,
    );
    // The learner's service, as the lab's engine looks to the runner: updating until told otherwise.
    let finish: () => void = () => {};
    const learner = { updating: false, idle: () => new Promise<void>((resolve) => (finish = resolve)) };
    // Held as long as the test wants (the lab lets a check wait at most a second at a time).
    const runner = new CheckRunner({ yieldTo: learner, yieldMaxMs: 60_000, keepWarm: false });
    try {
      const before = childProcesses();
      learner.updating = true;
      let settled = false;
      const checking = runner.run(lesson, ROUTES.replace('pong', 'PONG')).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Nothing was booted (no sandbox process) and nothing judged while the learner's update ran.
      expect(childProcesses().filter((pid) => !before.includes(pid))).toEqual([]);
      expect(settled).toBe(false);
      learner.updating = false;
      finish();
      const result = await checking;
      expect(result.passed).toBe(true);
    } finally {
      await runner.close();
    }
  });

  it("waits for the learner's update at most yieldMaxMs at a time: saves chained without end do not starve a check", async () => {
    const lesson = await lessonWith(
      `export async function check(lab) {
        const reply = await lab.request('/ping');
        lab.expect(reply.version === 2, { en: 'the learner version answers', zh: 'x' }, reply.body);
      }`,
    );
    const learner = { updating: true, idle: () => new Promise<void>(() => {}) };
    const runner = new CheckRunner({ yieldTo: learner, yieldMaxMs: 50, keepWarm: false });
    try {
      expect((await runner.run(lesson, ROUTES.replace('pong', 'PONG'))).passed).toBe(true);
    } finally {
      await runner.close();
    }
  });

  it('reports a starter that does not run as a bug in the lesson', async () => {
    const lesson = await lessonWith('export function check(lab) { lab.expect(true, { en: "x", zh: "x" }); }', 'export function handle( {\n');
    const result = await runCheck(lesson, ROUTES);
    expect(result.passed).toBe(false);
    expect(result.error).toMatch(/the starter of lesson 01-what-is-a-hot-update does not run/);
  });
});
