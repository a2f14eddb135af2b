// `hotlab check` and `hotlab lessons` as a learner runs them without a screen: the built CLI, a real workspace.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/lessons/check-types.ts';
import { findLesson, loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { ensureBuilt, runCli } from './cli-process.ts';

let lesson: Lesson;
let workspace: string;
beforeAll(async () => {
  ensureBuilt();
  lesson = findLesson(await loadLessons(), '01');
}, 120_000);
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'hotlab-e2e-check-'));
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe.sequential('hotlab check (built CLI)', () => {
  it('exits 1 on the starter and 0 on the solution, printing the CheckResult as JSON', async () => {
    await writeFile(join(workspace, 'service.js'), lesson.starter);
    const starter = await runCli(['check', lesson.id, '--workspace', workspace, '--json'], 60_000);
    expect(starter.code, starter.stderr).toBe(1);
    const failed = JSON.parse(starter.stdout) as CheckResult;
    expect(failed).toMatchObject({ lesson: lesson.id, passed: false });
    expect(failed.steps.some((s) => !s.ok)).toBe(true);

    await writeFile(join(workspace, 'service.js'), lesson.solution);
    const solution = await runCli(['check', lesson.id, '--workspace', workspace, '--json'], 60_000);
    expect(solution.code, solution.stderr).toBe(0);
    const passed = JSON.parse(solution.stdout) as CheckResult;
    expect(passed).toMatchObject({ lesson: lesson.id, passed: true });
    expect(passed.steps.every((s) => s.ok)).toBe(true);

    // Passing marked the lesson done and moved the learner on.
    const progress = JSON.parse(await readFile(join(workspace, '.hotlab', 'progress.json'), 'utf8'));
    expect(progress).toMatchObject({ version: 1, current: '02-watching-files', lessons: { [lesson.id]: { done: true } } });
    const list = await runCli(['lessons', '--workspace', workspace]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('1 of');
    expect(list.stdout).toMatch(/✓ 01 {2}What a hot update is/);
    expect(list.stdout).toMatch(/▸ {3}02 {2}Watching files.*← current/);
  }, 120_000);

  it('prints the checklist in Chinese with --lang zh', async () => {
    await writeFile(join(workspace, 'service.js'), lesson.starter);
    const run = await runCli(['check', '1', '--workspace', workspace, '--lang', 'zh'], 60_000);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ /ping 返回了新的文字');
    // Around the checklist too: no English line in a zh run.
    expect(run.stdout).toContain('正在按第 01-what-is-a-hot-update 课检查');
    expect(run.stdout).toMatch(/还没通过：\d+ 步中有 \d+ 步通过。/);
    expect(run.stdout).toContain('目标：');
    expect(run.stdout).not.toMatch(/Checking|Not yet|Goal:/);
  }, 60_000);

  it('copies the starter into a workspace without service.js, and exits 1', async () => {
    const run = await runCli(['check', '--workspace', workspace]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the starter of lesson 01-what-is-a-hot-update was copied there');
    expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe(lesson.starter);
  });

  it('names the lessons when asked for one that does not exist', async () => {
    const run = await runCli(['check', 'nope', '--workspace', workspace]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no lesson "nope": choose one of 01-what-is-a-hot-update');
  });
});
