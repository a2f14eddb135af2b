// runCheck around lessons written for the test: what a check sees, and what happens when a check or a
// lesson is broken. (checks.test.ts runs the real lessons.)
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { runCheck } from '../../src/engine/lessons/run-check.ts';
import { copyLessonRoot } from './lesson-fixture.ts';

let root: string;
let lessonDir: string;
beforeAll(async () => {
  ({ root, lessonDir } = await copyLessonRoot());
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Lesson 01 with this check.js (and optionally this starter). */
async function lessonWith(check: string, starter?: string): Promise<Lesson> {
  await writeFile(join(lessonDir, 'check.js'), check);
  if (starter !== undefined) await writeFile(join(lessonDir, 'starter', 'service.js'), starter);
  const [lesson] = (await loadLessons(root)).lessons;
  return lesson!;
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

  it('reports a starter that does not run as a bug in the lesson', async () => {
    const lesson = await lessonWith('export function check(lab) { lab.expect(true, { en: "x", zh: "x" }); }', 'export function handle( {\n');
    const result = await runCheck(lesson, ROUTES);
    expect(result.passed).toBe(false);
    expect(result.error).toMatch(/the starter of lesson 01-what-is-a-hot-update does not run/);
  });
});
