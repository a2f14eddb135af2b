// A minimal HTTP load generator, run as its own process by the benchmark: N keep-alive connections, each
// sending the next request as soon as the last one answered, for a fixed time. Loopback only.
import { Agent, request } from 'node:http';

const [url = '', durationArg = '2000', connectionsArg = '32'] = process.argv.slice(2);
const target = new URL(url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) throw new Error('the load client only targets loopback');
const duration = Number(durationArg);
const agent = new Agent({ keepAlive: true, maxSockets: Number(connectionsArg) });
let ok = 0;
let failed = 0;
const start = performance.now();
const end = start + duration;

function one(): Promise<void> {
  return new Promise((resolve) => {
    const req = request(target, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200 && res.headers['x-hotlab-version']) ok++;
        else failed++;
        resolve();
      });
    });
    req.on('error', () => {
      failed++;
      resolve();
    });
    req.end();
  });
}

async function connection(): Promise<void> {
  while (performance.now() < end) await one();
}

await Promise.all(Array.from({ length: Number(connectionsArg) }, connection));
process.send?.({ ok, failed, ms: performance.now() - start });
agent.destroy();
