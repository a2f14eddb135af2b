// Real HTTP on 127.0.0.1 in front of the sandbox. Every response says which version answered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServiceRequest, ServiceResponse } from '../types.ts';

export interface HttpFront {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HttpOptions {
  port: number;
  host: string;
  /**
   * When `port` is taken, listen on any free port instead of failing. Asking first whether the port is free
   * races with whoever takes it next (two labs started together); trying it and falling back does not.
   */
  anyPortIfTaken?: boolean;
}

/** Bodies above this are refused with 413: the sandbox is for learning, not uploads. */
const MAX_BODY_BYTES = 1024 * 1024;

export async function startHttpServer(
  handle: (req: ServiceRequest) => Promise<ServiceResponse>,
  options: HttpOptions,
): Promise<HttpFront> {
  // node:http (and the modules it pulls in, ~15 ms of CPU) loads here, when the server starts, not when this module
  // is imported: the lab imports the engine before its first frame and starts HTTP after it.
  const { createServer } = process.getBuiltinModule('node:http');
  const server = createServer((req, res) => {
    void serve(handle, req, res);
  });
  server.keepAliveTimeout = 5000;
  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(options.port);
  } catch (error) {
    const taken = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (!taken || !options.anyPortIfTaken || options.port === 0) throw error;
    server.close(); // as Node's documentation retries a listen that found the port taken
    await listen(0);
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const TOO_LARGE = 'the request body is larger than 1 MB, the most the sandbox takes\n';

async function serve(handle: (req: ServiceRequest) => Promise<ServiceResponse>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const body = await readBody(req);
    if (body === null) return refuseTooLarge(req, res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const response = await handle({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body });
    reply(res, response.status, response.headers, response.body, response.version === null ? 'none' : String(response.version));
  } catch (error) {
    reply(res, 500, { 'content-type': 'text/plain' }, `hotlab: ${error instanceof Error ? error.message : String(error)}\n`, 'none');
  }
}

function reply(res: ServerResponse, status: number, headers: Record<string, string>, body: string, version: string): void {
  if (res.headersSent) return;
  const safe: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k) && !/[\r\n]/.test(v)) safe[k] = v;
  res.writeHead(status, { ...safe, 'x-hotlab-version': version, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The body, or null once it is known to be over the limit (announced, or grown past it). */
function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * 413, and the connection closed once it is sent. Destroying the request at once (as before) reset the
 * connection before the answer left, so the client saw ECONNRESET instead of why (issue 12, point 9). The rest of
 * the upload is read and dropped meanwhile, so the client can finish sending and read the answer.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  req.on('data', () => {});
  res.setHeader('connection', 'close');
  reply(res, 413, { 'content-type': 'text/plain; charset=utf-8' }, TOO_LARGE, 'none');
  res.on('finish', () => {
    // A client that keeps sending after the answer is not worth reading for long.
    setTimeout(() => req.destroy(), 1000).unref();
  });
}
