// The promise every lesson makes (design §7): its check fails on the starter and passes on the solution.
// One test per lesson in the manifest, so lessons added later are covered without touching this file. The
// checks run one after another: each boots sandbox processes. (check-variants.ts tries other answers.)
import { afterAll, describe, expect, it } from 'vitest';
import { pick, pickText } from '../../src/engine/lessons/language.ts';
import { loadLessons } from '../../src/engine/lessons/load-lessons.ts';
import { CheckRunner } from '../../src/engine/lessons/run-check.ts';
import type { CheckResult } from '../../src/engine/lessons/check-types.ts';

const set = await loadLessons();
// Warm scratch services, as in the lab (each check still gets a fresh one booted from the starter).
const runner = new CheckRunner({ warmWhileChecking: true });
afterAll(() => runner.close());

function describeResult(result: CheckResult): string {
  const steps = result.steps.map((s) => `${s.ok ? '✓' : '✗'} ${pick(s.title, 'en')}${s.detail ? ` — ${pickText(s.detail, 'en')}` : ''}`);
  return [...steps, ...(result.error ? [`error: ${result.error}`] : [])].join('\n');
}

describe.sequential('lesson checks', () => {
  for (const lesson of set.lessons) {
    it(`${lesson.id}: fails on the starter, passes on the solution`, { timeout: 90_000 }, async () => {
      // Every file of the program: a lesson of several modules is judged on all of them.
      const onStarter = await runner.run(lesson, lesson.starterSources);
      expect(onStarter.error, describeResult(onStarter)).toBeUndefined();
      expect(onStarter.passed, `the check passed on the starter:\n${describeResult(onStarter)}`).toBe(false);
      expect(onStarter.steps.some((s) => !s.ok)).toBe(true);

      const onSolution = await runner.run(lesson, lesson.solutionSources);
      expect(onSolution.passed, `the check failed on the solution:\n${describeResult(onSolution)}`).toBe(true);
      expect(onSolution.steps.every((s) => s.title.en && s.title.zh)).toBe(true);
    });
  }
});

// A learner reading Chinese reads why a step failed in Chinese too. The lessons whose check.js gives its details
// in both languages so far; the others still say them in English (their titles are bilingual).
const BILINGUAL_DETAILS = ['01-what-is-a-hot-update', '02-watching-files', '03-swapping-a-route-handler', '04-keeping-state'];

describe.sequential('check details in Chinese', () => {
  for (const id of BILINGUAL_DETAILS) {
    it(`${id}: every failing step on the starter says what was seen in Chinese`, { timeout: 90_000 }, async () => {
      const lesson = set.lessons.find((l) => l.id === id)!;
      const result = await runner.run(lesson, lesson.starterSources);
      const failing = result.steps.filter((s) => !s.ok);
      expect(failing.length).toBeGreaterThan(0);
      for (const step of failing) {
        expect(pickText(step.detail ?? '', 'zh'), describeResult(result)).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  }
});
