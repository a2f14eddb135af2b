import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lesson } from '../../src/engine/lessons/lesson-types.ts';
import { findLesson, loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import { copyStarter, readLearnerSource, resetLesson, solutionDiff, starterState } from '../../src/engine/lessons/workspace.ts';

let workspace: string;
let lesson: Lesson;
beforeEach(async () => {
  workspace = await mkdtemp(join(tmpdir(), 'hotlab-ws-'));
  lesson = findLesson(await loadLessons(), '01');
});
afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('workspace', () => {
  it('copies the starter into an empty workspace', async () => {
    expect(await copyStarter(lesson, workspace)).toEqual({ copied: ['service.js'], kept: [] });
    expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe(lesson.starter);
    expect(await starterState(lesson, workspace)).toEqual([{ file: 'service.js', state: 'starter' }]);
  });

  it('never overwrites a file the learner has', async () => {
    await writeFile(join(workspace, 'service.js'), '// my edits\n');
    expect(await copyStarter(lesson, workspace)).toEqual({ copied: [], kept: ['service.js'] });
    expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe('// my edits\n');
    expect(await starterState(lesson, workspace)).toEqual([{ file: 'service.js', state: 'edited' }]);
  });

  it('reset backs the learner’s file up, then puts the starter back', async () => {
    await writeFile(join(workspace, 'service.js'), '// my edits\n');
    const at = new Date('2025-05-06T07:08:09.010Z');
    const result = await resetLesson(lesson, workspace, at);
    expect(result.backupDir).toBe(join(workspace, '.hotlab', 'backups', '2025-05-06T07-08-09-010Z'));
    expect(result.backedUp).toEqual(['service.js']);
    expect(await readFile(join(result.backupDir!, 'service.js'), 'utf8')).toBe('// my edits\n');
    expect(await readFile(join(workspace, 'service.js'), 'utf8')).toBe(lesson.starter);
  });

  it('reset of a workspace without the file backs nothing up', async () => {
    const result = await resetLesson(lesson, workspace);
    expect(result).toMatchObject({ backupDir: null, backedUp: [], written: ['service.js'] });
    expect(await readdir(workspace)).toEqual(['service.js']);
  });

  it('reads the learner’s file, or says where it was expected', async () => {
    await expect(readLearnerSource(workspace)).rejects.toThrow(`${join(workspace, 'service.js')} does not exist`);
    await writeFile(join(workspace, 'service.js'), 'x');
    await expect(readLearnerSource(workspace)).resolves.toBe('x');
  });

  it('shows the solution as a unified diff against the learner’s file', () => {
    const diff = solutionDiff(lesson, lesson.starter);
    expect(diff).toContain('--- your service.js');
    expect(diff).toContain(`+++ ${lesson.id}/solution/service.js`);
    expect(diff).toContain('-  return `pong ${hits}`;');
    expect(diff).toContain('+  return `hello ${hits}`;');
    expect(solutionDiff(lesson, lesson.solution)).toBe('');
  });
});
