// The HTTP front door at its limits (issue 12, point 9): a request body over 1 MB gets a 413 that says so, not a
// reset connection, whether its size was announced (Content-Length) or not (chunked); the service goes on.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../lab-fixture.ts';

const echoLength = `export function handle(req) {\n  return 'got ' + req.body.length;\n}\n`;

/** A POST of `size` bytes, announced with Content-Length or sent chunked. */
function post(url: string, size: number, chunked: boolean): Promise<{ status: number; body: string; version: string | undefined }> {
  return new Promise((resolve, reject) => {
    const target = new URL('/upload', url);
    const req = request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': size } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, version: res.headers['x-hotlab-version'] as string | undefined }));
      },
    );
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        const piece = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    // The server may answer (and close) before everything is sent: that is the point of a 413.
    req.on('response', () => {
      sent = size;
    });
    pump();
  });
}

describe('HTTP request bodies', () => {
  let lab: Lab;
  let url: string;
  beforeAll(async () => {
    lab = await startLab(echoLength, { traffic: { rate: 0 }, http: { port: 0, host: '127.0.0.1' } });
    url = lab.engine.getSnapshot().httpUrl!;
  });
  afterAll(() => lab?.close());

  it('a body up to 1 MB reaches the service', async () => {
    expect(await post(url, 1024 * 1024, false)).toMatchObject({ status: 200, body: `got ${1024 * 1024}`, version: '1' });
  });

  it('an announced body over 1 MB gets 413 with a reason', async () => {
    const response = await post(url, 3 * 1024 * 1024, false);
    expect(response.status).toBe(413);
    expect(response.body).toMatch(/request body is larger than 1 MB/);
  });

  it('a chunked body that grows past 1 MB gets 413 with a reason', async () => {
    const response = await post(url, 3 * 1024 * 1024, true);
    expect(response.status).toBe(413);
    expect(response.body).toMatch(/request body is larger than 1 MB/);
  });

  it('the service goes on', async () => {
    expect(await post(url, 10, false)).toMatchObject({ status: 200, body: 'got 10' });
  });
});
