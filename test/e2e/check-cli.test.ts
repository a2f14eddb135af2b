// `hotlab check` and `hotlab lessons` as a learner runs them without a screen: the built CLI, a real workspace.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/engine/lessons/check-types.ts';
import { findLesson, loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { ensureBuilt, runCli } from './cli-process.ts';

let lesson: Lesson;
let second: Lesson;
let workspace: string;
beforeAll(async () => {
  ensureBuilt();
  const set = await loadLessons();
  lesson = findLesson(set, '01');
  second = findLesson(set, '02');
}, 120_000);
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'hotlab-e2e-check-'));
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe.sequential('hotlab check (built CLI)', () => {
  it('says the untouched starter is the starter and judges nothing, exits 1 on an unfinished edit and 0 on the solution', async () => {
    await writeFile(join(workspace, 'service.js'), lesson.starter);
    const untouched = await runCli(['check', lesson.id, '--workspace', workspace], 60_000);
    expect(untouched.code, untouched.stderr).toBe(1);
    expect(untouched.stdout).toContain("service.js is still the lesson's starter: nothing to judge yet.");
    // No step ran: the starter "applied" over itself used to pass "your new version was applied v1 → v2".
    expect(untouched.stdout).not.toMatch(/[✓✗]/);

    await writeFile(join(workspace, 'service.js'), `${lesson.starter}// not done yet\n`);
    const edited = await runCli(['check', lesson.id, '--workspace', workspace, '--json'], 60_000);
    expect(edited.code, edited.stderr).toBe(1);
    const failed = JSON.parse(edited.stdout) as CheckResult;
    expect(failed).toMatchObject({ lesson: lesson.id, passed: false });
    expect(failed.steps.some((s) => !s.ok)).toBe(true);

    await writeFile(join(workspace, 'service.js'), lesson.solution);
    const solution = await runCli(['check', lesson.id, '--workspace', workspace, '--json'], 60_000);
    expect(solution.code, solution.stderr).toBe(0);
    const passed = JSON.parse(solution.stdout) as CheckResult;
    expect(passed).toMatchObject({ lesson: lesson.id, passed: true });
    expect(passed.steps.every((s) => s.ok)).toBe(true);
  }, 180_000);

  it('after a pass keeps the lesson current and says how to go on; naming the next lesson moves on', async () => {
    await writeFile(join(workspace, 'service.js'), lesson.solution);
    const pass = await runCli(['check', '--workspace', workspace], 60_000);
    expect(pass.code, pass.stderr).toBe(0);
    // Run from elsewhere (the repository), so every command it tells names the workspace.
    expect(pass.stdout).toContain(`cp ${second.dir}/starter/service.js ${workspace}/service.js`);
    expect(pass.stdout).toContain(`npx hotlab check 02 --workspace ${workspace}`);
    expect(pass.stdout).toContain(`or open the lab (npx hotlab --workspace ${workspace}) and press n`);
    const progress = JSON.parse(await readFile(join(workspace, '.hotlab', 'progress.json'), 'utf8'));
    expect(progress).toMatchObject({ version: 1, current: lesson.id, lessons: { [lesson.id]: { done: true } } });
    const list = await runCli(['lessons', '--workspace', workspace]);
    expect(list.stdout).toContain('1 of');
    expect(list.stdout).toMatch(/▸ ✓ 01 {2}What a hot update is.*← current/);

    // The same file, checked again without a lesson: the lesson just passed, not the next one.
    const again = await runCli(['check', '--workspace', workspace], 60_000);
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain(`against lesson ${lesson.id}`);

    // The learner moves on by naming the next lesson; from then on it is the current one.
    await writeFile(join(workspace, 'service.js'), second.starter);
    const next = await runCli(['check', '02', '--workspace', workspace], 60_000);
    expect(next.code).toBe(1);
    expect(next.stdout).toContain(`Lesson ${second.id} — Watching files is now your current lesson`);
    expect(next.stdout).toContain(`against lesson ${second.id}`);
    const bare = await runCli(['check', '--workspace', workspace], 60_000);
    expect(bare.stdout).toContain(`against lesson ${second.id}`);
    expect(bare.stdout).not.toContain('is now your current lesson');
    const after = await runCli(['lessons', '--workspace', workspace]);
    expect(after.stdout).toMatch(/▸ {3}02 {2}Watching files.*← current/);
  }, 180_000);

  it('in a workspace folder, lessons and check use it without --workspace, and make no sandbox inside it', async () => {
    await mkdir(join(workspace, '.hotlab'));
    const done = { done: true, doneAt: '2025-01-01T00:00:00.000Z', hintsShown: 0 };
    await writeFile(join(workspace, '.hotlab', 'progress.json'), JSON.stringify({ version: 1, current: second.id, lessons: { [lesson.id]: done } }));
    await writeFile(join(workspace, 'service.js'), second.starter);
    const list = await runCli(['lessons'], 15_000, workspace);
    expect(list.stdout).toContain(`1 of 16 done — workspace ${workspace}`);
    expect(list.stdout).toContain('Check the current lesson: hotlab check   (or name one: hotlab check 02)');
    const zh = await runCli(['lessons', '--lang', 'zh'], 15_000, workspace);
    expect(zh.stdout).toContain(`hotlab 课程 — 已完成 1/16 — 工作区 ${workspace}`);
    expect(zh.stdout).toMatch(/← 当前\n/);
    expect(zh.stdout).not.toMatch(/done|current|Check the/);

    const check = await runCli(['check', '--lang', 'zh'], 60_000, workspace);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(`正在按第 ${Number.parseInt(second.id, 10)} 课检查 ${join(workspace, 'service.js')}`);
    // Standing in the workspace, the command to run again needs no --workspace.
    expect(check.stdout).toContain('service.js 还是本课的初始代码：还没有可检查的改动。修改、保存，然后再运行 npx hotlab check。');
    expect(await readdir(workspace)).not.toContain('sandbox');
  }, 60_000);

  it('prints the checklist in Chinese with --lang zh', async () => {
    await writeFile(join(workspace, 'service.js'), `${lesson.starter}// not done yet\n`);
    const run = await runCli(['check', '1', '--workspace', workspace, '--lang', 'zh'], 60_000);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ /ping 返回了新的文字');
    // Around the checklist too: no English line in a zh run.
    expect(run.stdout).toContain('正在按第 1 课检查');
    expect(run.stdout).toMatch(/还没通过：\d+ 步中有 \d+ 步通过。/);
    expect(run.stdout).toContain('目标：');
    expect(run.stdout).not.toMatch(/Checking|Not yet|Goal:/);
  }, 60_000);

  it('copies the starter into a workspace without service.js, exits 1, and names the workspace to check again', async () => {
    const run = await runCli(['check', '--workspace', workspace]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the starter of lesson 01-what-is-a-hot-update was copied there');
    expect(run.stderr).toContain(`run npx hotlab check --workspace ${workspace} again`);
    expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe(lesson.starter);
  });

  it('names the lessons when asked for one that does not exist', async () => {
    const run = await runCli(['check', 'nope', '--workspace', workspace]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no lesson "nope": choose one of 01-what-is-a-hot-update');
  });
});
