// What a handler returns, and what a learner is told when it is not an answer (issue 12, point 9): every refusal
// is a 500 that says what was returned and where `handle` is (file:line:column), never a 200 `undefined`, a
// status passed through that HTTP cannot carry, or a host error that says no version answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

const SERVICE = `const routes = {
  '/symbol': () => Symbol('x'),
  '/function': () => () => 1,
  '/promise': () => Promise.resolve('later'),
  '/bigint': () => 10n,
  '/bigint-inside': () => ({ total: 10n }),
  '/circular': () => { const a = { name: 'a' }; a.self = a; return a; },
  '/huge': () => 'x'.repeat(1024 * 1024 + 1),
  '/status-101': () => ({ status: 101, body: 'switching?' }),
  '/status-999': () => ({ status: 999, body: 'no such status' }),
  '/status-string': () => ({ status: '404', body: 'a string' }),
  '/not-found': () => ({ status: 404, body: 'nothing here' }),
  '/header-unicode': () => ({ headers: { 'x-check': '✓ done' }, body: 'ok' }),
  '/header-latin1': () => ({ headers: { 'x-name': 'José' }, body: 'ok' }),
  '/header-ascii': () => ({ headers: { 'X-Name': 'Jos%C3%A9' }, body: 'ok' }),
  '/header-newline': () => ({ headers: { 'x-evil': 'a\\r\\nset-cookie: b' }, body: 'ok' }),
  '/header-name': () => ({ headers: { 'bad name': 'x' }, body: 'ok' }),
};
export function handle(req) {
  const route = routes[req.path];
  return route ? route() : 'ok';
}
`;
const HANDLE_AT = { file: 'service.js', line: SERVICE.split('\n').findIndex((l) => l.startsWith('export function handle')) + 1, column: 17 };

describe('answers', () => {
  let lab: Lab;
  let url: string;
  beforeAll(async () => {
    lab = await startLab(SERVICE, { traffic: { rate: 0 }, http: { port: 0, host: '127.0.0.1' } });
    url = lab.engine.getSnapshot().httpUrl!;
  });
  afterAll(() => lab?.close());

  const refused: Array<[string, RegExp]> = [
    ['/symbol', /handle\(\) returned a Symbol, which is not an answer/],
    ['/function', /handle\(\) returned a function, which is not an answer/],
    ['/promise', /handle\(\) returned a Promise/],
    ['/bigint-inside', /cannot be turned into JSON: .*BigInt/],
    ['/circular', /cannot be turned into JSON: .*circular/i],
    ['/huge', /the response body is 1\.0 MB; the sandbox answers at most 1 MB/],
    ['/status-101', /status 101 is not a final answer.*200 to 599/],
    ['/status-999', /status 999 is not an HTTP status.*200 to 599/],
    ['/status-string', /status "404" is not an HTTP status.*an integer/],
    ['/header-unicode', /header x-check has a character outside ASCII in "✓ done"/],
    // Node sends a Latin-1 value as Latin-1 or as UTF-8 depending on how the response is written.
    ['/header-latin1', /header x-name has a character outside ASCII.*encodeURIComponent/],
    ['/header-newline', /header x-evil.*line break/],
    ['/header-name', /"bad name" is not a valid header name/],
  ];
  for (const [path, message] of refused) {
    it(`${path}: a 500 that says why and where handle is`, async () => {
      const response = await lab.get(path);
      expect(response).toMatchObject({ status: 500, failed: true, version: 1 });
      expect(response.error).toMatch(message);
      expect(response.error).toContain(`(${HANDLE_AT.file}:${HANDLE_AT.line}:${HANDLE_AT.column})`);
    });
  }

  it('the same refusal over HTTP says which version answered', async () => {
    const response = await fetch(`${url}/header-unicode`);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-hotlab-version')).toBe('1');
    expect(await response.text()).toMatch(/outside ASCII/);
  });

  it('answers HTTP can carry pass: a BigInt as text, a 404, an encoded header', async () => {
    expect(await lab.get('/bigint')).toMatchObject({ status: 200, body: '10' });
    expect(await lab.get('/not-found')).toMatchObject({ status: 404, body: 'nothing here' });
    const encoded = await fetch(`${url}/header-ascii`);
    expect(encoded.status).toBe(200);
    expect(decodeURIComponent(encoded.headers.get('x-name')!)).toBe('José');
  });
});
