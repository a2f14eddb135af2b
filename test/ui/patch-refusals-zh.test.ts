// Every refusal reflection-patch words (made by the real planner from real edits) reads Chinese in a zh lab: the
// code it quotes stays as written, nothing of the English sentence around it is left.
import { describe, expect, test } from 'vitest';
import { causeOf } from '../../src/engine/describe-outcome.ts';
import { compileModule } from '../../src/engine/source/compile-module.ts';
import { planReflectionPatch } from '../../src/engine/source/plan-reflection-patch.ts';
import { engineNoteZh } from '../../src/ui/shared/engine-notes-zh.ts';

const V1 = `let hits = 0;
class Box {}
console.log('started');
export function handle(req) { hits++; return \`pong \${hits}\`; }
export function helper() { return 1; }
`;

const EDITS: Record<string, string> = {
  'kind changed': V1.replace('export function helper() { return 1; }', 'export async function helper() { return 1; }'),
  'class changed': V1.replace('class Box {}', 'class Box { size = 1 }'),
  'initialiser changed': V1.replace('let hits = 0;', 'let hits = 10;'),
  'binding renamed': V1.replace('let hits = 0;', 'let count = 0;').replaceAll('hits', 'count'),
  'statement changed': V1.replace("console.log('started');", "console.log('up');"),
  'binding added': V1.replace('let hits = 0;', 'let hits = 0;\nlet misses = 0;'),
  'statement added': `${V1}console.log('again');\n`,
  'binding removed': V1.replace('class Box {}\n', ''),
  'statement removed': V1.replace("console.log('started');\n", ''),
  'function removed': V1.replace('export function helper() { return 1; }\n', ''),
  'shape changed': `${V1}export const extra = 1;\n`,
};

describe('reflection-patch refusals in Chinese', () => {
  for (const [name, next] of Object.entries(EDITS)) {
    test(name, () => {
      const plan = planReflectionPatch(compileModule(V1, 'service.js'), compileModule(next, 'service.js'));
      expect(plan.kind, JSON.stringify(plan)).toBe('refused');
      if (plan.kind !== 'refused') return;
      const cause = causeOf({ kind: 'rejected', reason: plan.reason, location: plan.location, timings: {} });
      const zh = engineNoteZh(cause);
      expect(zh, cause).not.toBe(cause);
      expect(zh).not.toMatch(/Reflection-patch|running|changed|removed|added|Use file-watch/);
      expect(zh).toMatch(/反射修补/);
    });
  }
});
