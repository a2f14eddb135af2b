// A file saved with a UTF-8 byte order mark (some Windows editors add one) is the same program: every line and
// column the learner is shown must be the one their editor shows (issue 12, point 9: line 1 was off by one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileModule } from '../../src/engine/source/compile-module.ts';
import { SourceError } from '../../src/engine/errors.ts';
import { startLab, type Lab } from './lab-fixture.ts';

const BOM = '\uFEFF';

describe('a UTF-8 byte order mark', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(`${BOM}export function handle(req) { return req.path === '/x' ? missing : 'ok'; }\n`, { traffic: { rate: 0 } });
  });
  afterAll(() => lab?.close());

  it('a syntax error on line 1 is at the column the editor shows', async () => {
    const line = "export function handle(req) { return 'a' +; }";
    const record = await lab.save(`${BOM}${line}\n`);
    expect(record.location).toEqual({ file: 'service.js', line: 1, column: line.indexOf(';') + 1 });
  });

  it('a runtime error on line 1 is at the column the editor shows', async () => {
    const response = await lab.get('/x');
    const line = "export function handle(req) { return req.path === '/x' ? missing : 'ok'; }";
    expect(response.error).toContain(`(service.js:1:${line.indexOf('missing') + 1})`);
  });

  it('top-level items on line 1 are located without the mark', () => {
    const shape = compileModule(`${BOM}let hits = 0; export function handle() { return hits; }\n`, 'service.js');
    expect(shape.topLevel.map((item) => item.location.column)).toEqual([1, 22]);
    // The source is kept as saved, so the same file saved again is not a new version.
    expect(shape.source.startsWith(BOM)).toBe(true);
  });

  it('a parse error is located without the mark', () => {
    try {
      compileModule(`${BOM}const x = ;\n`, 'service.js');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SourceError);
      expect((error as SourceError).location).toEqual({ file: 'service.js', line: 1, column: 11 });
    }
  });
});
