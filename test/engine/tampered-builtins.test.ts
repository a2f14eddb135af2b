// Learner code shares its built-ins with hotlab's request harness inside the isolate (issue 12, point 7). A
// version that replaces one the harness relies on must never go live and then fail every request: the harness
// holds its own copies, taken before any learner code runs, so such a version serves like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

/** A counter that answers with a status, a mixed-case header and a JSON body, after `tampering` ran at the top level. */
const tamperingService = (tampering: string): string => `let hits = 0;
${tampering}
export function handle(req) {
  hits++;
  return { status: 201, headers: { 'X-Kind': 'tampered' }, body: { hits, path: req.path } };
}
`;

const TAMPERINGS: Record<string, string> = {
  'Array.prototype.push': 'Array.prototype.push = function () { return 0; };',
  'Symbol.for': "Symbol.for = () => Symbol('not hotlab');",
  'Object.keys, toLowerCase, Number.isInteger': "Object.keys = () => []; String.prototype.toLowerCase = function () { return 'x'; }; Number.isInteger = () => false;",
  'JSON': "JSON.stringify = () => 'nope'; JSON.parse = () => ({});",
  'Function.prototype.call/apply/bind, Reflect.apply': 'Function.prototype.call = Function.prototype.apply = Function.prototype.bind = Reflect.apply = () => { throw new Error("tampered"); };',
  'an array index setter on Array.prototype': "Object.defineProperty(Array.prototype, '0', { set() {}, get() { return 'hijacked'; }, configurable: true });",
  'array iteration': 'Array.prototype[Symbol.iterator] = function* () {}; Array.prototype.map = Array.prototype.slice = Array.prototype.join = () => { throw new Error("tampered"); };',
  'Date.now and eval': "Date.now = () => 0; globalThis.eval = () => 'not eval';",
  'Object.defineProperty and Object.freeze': 'Object.defineProperty = Object.freeze = () => { throw new Error("tampered"); };',
};

describe('a version that tampers with built-ins at start-up still serves', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(tamperingService(''), { traffic: { rate: 0 } });
  });
  afterAll(() => lab?.close());

  for (const [name, tampering] of Object.entries(TAMPERINGS)) {
    it(name, async () => {
      const record = await lab.save(tamperingService(tampering));
      expect(record, record.reason).toMatchObject({ outcome: 'applied' });
      for (let i = 0; i < 5; i++) {
        const response = await lab.get(`/n${i}`);
        expect(response, response.error).toMatchObject({ status: 201, failed: false, version: record.version });
        expect(response.headers['x-kind']).toBe('tampered');
        expect(response.headers['content-type']).toBe('application/json');
        expect(JSON.parse(response.body)).toEqual({ hits: expect.any(Number), path: `/n${i}` });
      }
      // The REPL reads the live state through the same harness.
      expect(await lab.engine.evaluate('hits')).toMatchObject({ ok: true, text: expect.stringMatching(/^\d+$/) });
    });
  }
});
