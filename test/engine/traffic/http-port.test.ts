// The lab asks for 8787 and takes any free port when it is taken (orAnyPort), found as HTTP starts; serve's
// --port stays strict: a taken port is an error the user sees.
import { createServer, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startHttpServer, type HttpFront } from '../../../src/engine/traffic/http-server.ts';
import type { ServiceResponse } from '../../../src/engine/types.ts';

const answer = async (): Promise<ServiceResponse> => ({ status: 200, headers: {}, body: 'ok', version: 1 });

let blocker: Server | null = null;
let front: HttpFront | null = null;
afterEach(async () => {
  await front?.close();
  front = null;
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = null;
});

async function takenPort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', () => resolve()));
  return (blocker.address() as { port: number }).port;
}

it('orAnyPort: a taken port gives way to a free one, which serves', async () => {
  const taken = await takenPort();
  front = await startHttpServer(answer, { port: taken, host: '127.0.0.1', orAnyPort: true });
  expect(front.port).not.toBe(taken);
  const response = await fetch(`${front.url}/ping`);
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('ok');
});

it('without it, a taken port is an error', async () => {
  const taken = await takenPort();
  await expect(startHttpServer(answer, { port: taken, host: '127.0.0.1' })).rejects.toMatchObject({ code: 'EADDRINUSE' });
});
