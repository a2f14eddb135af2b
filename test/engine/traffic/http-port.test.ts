// The lab asks for port 8787 and takes any free port when it is taken. Asking "is it free?" first raced with
// a second lab starting at the same moment, and the loser's engine failed to start behind a screen that said
// "starting" for ever; trying the port and falling back cannot race.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpFront } from '../../../src/engine/traffic/http-server.ts';

const answer = async () => ({ status: 200, headers: {}, body: 'ok', version: 1 });

function occupy(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('the HTTP port', () => {
  const open: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    for (const item of open.splice(0)) await item.close();
  });

  it('a taken port is a clear error by default', async () => {
    const blocker = await occupy();
    open.push(blocker);
    const { port } = blocker.address() as AddressInfo;
    await expect(startHttpServer(answer, { port, host: '127.0.0.1' })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('with anyPortIfTaken, a taken port gives another one that answers', async () => {
    const blocker = await occupy();
    open.push(blocker);
    const { port } = blocker.address() as AddressInfo;
    const front: HttpFront = await startHttpServer(answer, { port, host: '127.0.0.1', anyPortIfTaken: true });
    open.push(front);
    expect(front.port).not.toBe(port);
    const res = await fetch(`${front.url}/ping`);
    expect(await res.text()).toBe('ok');
    expect(res.headers.get('x-hotlab-version')).toBe('1');
  });
});
