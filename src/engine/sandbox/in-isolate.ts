// JavaScript that runs *inside* the isolate, kept as source text. Nothing here may touch host objects: the only
// things that cross in are plain functions (ivm.Callbacks, which copy their arguments out): the log, and the
// hand-out of state to the next version.
import { HAND_OUT_SOURCE } from './in-isolate-hand-out.ts';

/**
 * Run once per fresh context with evalClosure($0 = log callback, $1 = hot.data copy, $2 = hand-out callback). Installs `console`,
 * `hot`, and a frozen toolkit under a symbol that the harness scripts read.
 */
export const BOOTSTRAP = String.raw`
'use strict';
const log = $0;
const handOut = $2;
// Captured before any learner code runs: a service that replaces JSON.stringify must not break the harness.
const stringify = JSON.stringify.bind(JSON);
const parse = JSON.parse.bind(JSON);
/** Bodies above this are refused with a clear 500 rather than choking the pipe to the host. */
const MAX_BODY = 1024 * 1024;
const MAX = 2000;
function inspect(value, depth, seen) {
  depth = depth || 0; seen = seen || new Set();
  const t = typeof value;
  if (value === null) return 'null';
  if (t === 'string') return depth === 0 ? value : stringify(value);
  if (t === 'number' || t === 'boolean' || t === 'undefined' || t === 'bigint') return String(value) + (t === 'bigint' ? 'n' : '');
  if (t === 'symbol') return value.toString();
  if (t === 'function') return '[Function ' + (value.name || 'anonymous') + ']';
  if (seen.has(value)) return '[Circular]';
  if (depth > 3) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    if (value instanceof Error) return value.name + ': ' + value.message;
    if (value instanceof Date) return value.toISOString();
    if (value instanceof Map) return 'Map(' + value.size + ') {' + [...value].slice(0, 20).map(([k, v]) => inspect(k, depth + 1, seen) + ' => ' + inspect(v, depth + 1, seen)).join(', ') + '}';
    if (value instanceof Set) return 'Set(' + value.size + ') {' + [...value].slice(0, 20).map((v) => inspect(v, depth + 1, seen)).join(', ') + '}';
    if (Array.isArray(value)) {
      const items = value.slice(0, 50).map((v) => inspect(v, depth + 1, seen));
      if (value.length > 50) items.push('… ' + (value.length - 50) + ' more');
      return '[' + items.join(', ') + ']';
    }
    const keys = Object.keys(value).slice(0, 50);
    const body = keys.map((k) => {
      const d = Object.getOwnPropertyDescriptor(value, k);
      const shown = d && 'value' in d ? inspect(d.value, depth + 1, seen) : '[Getter]';
      return (/^[A-Za-z_$][\w$]*$/.test(k) ? k : stringify(k)) + ': ' + shown;
    });
    return '{' + (body.length ? ' ' + body.join(', ') + ' ' : '') + '}';
  } catch (e) {
    return '[uninspectable]';
  } finally {
    seen.delete(value);
  }
}
function show(value) {
  const text = inspect(value);
  return text.length > MAX ? text.slice(0, MAX) + '…' : text;
}
const make = (level) => (...args) => {
  try { log(level, args.map((a) => show(a)).join(' ')); } catch (e) { /* a log must never break the service */ }
};
const con = { log: make('log'), info: make('info'), warn: make('warn'), error: make('error'), debug: make('debug') };
Object.defineProperty(globalThis, 'console', { value: con, writable: true, configurable: true });
Object.defineProperty(globalThis, 'hot', { value: { data: $1 === undefined ? {} : $1 }, writable: true, configurable: true });
// WebAssembly.Memory is allocated outside the V8 heap, where the isolate's memory limit does not reach:
// measured, a handler keeping 64 MB memories grew the sandbox by 64 MB a request, past 800 MB in a 64 MB
// isolate. The global is the only way to it, so removing it keeps the limit honest.
delete globalThis.WebAssembly;

function header(v) { return typeof v === 'string' ? v : String(v); }
function normalise(r) {
  if (r !== null && (typeof r === 'object' || typeof r === 'function') && typeof r.then === 'function') {
    throw new TypeError('handle() returned a Promise. The sandbox has no I/O, so there is nothing to await: make handle synchronous (drop async).');
  }
  if (typeof r === 'string') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: r };
  if (r === undefined || r === null) return { status: 204, headers: {}, body: '' };
  if (typeof r === 'object' && ('status' in r || 'body' in r || 'headers' in r)) {
    const status = Number.isInteger(r.status) && r.status >= 100 && r.status <= 599 ? r.status : 200;
    const headers = {};
    if (r.headers && typeof r.headers === 'object') for (const k of Object.keys(r.headers)) headers[k.toLowerCase()] = header(r.headers[k]);
    let body = r.body;
    if (body === undefined || body === null) body = '';
    else if (typeof body !== 'string') { body = stringify(body); if (!headers['content-type']) headers['content-type'] = 'application/json'; }
    if (!headers['content-type']) headers['content-type'] = 'text/plain; charset=utf-8';
    return { status, headers, body };
  }
  if (typeof r === 'number' || typeof r === 'boolean') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: String(r) };
  return { status: 200, headers: { 'content-type': 'application/json' }, body: stringify(r) };
}
function respond(r) {
  const response = normalise(r);
  if (typeof response.body === 'string' && response.body.length > MAX_BODY) {
    throw new RangeError('the response body is ' + (response.body.length / 1048576).toFixed(1) + ' MB; the sandbox answers at most 1 MB');
  }
  // "status\nheaders-json\nbody": the host parses the small header part (usually the same from one response
  // to the next, so it caches it) and takes the body as it is, instead of JSON-parsing every body.
  return response.status + '\n' + stringify(response.headers) + '\n' + response.body;
}
${HAND_OUT_SOURCE}
Object.defineProperty(globalThis, Symbol.for('hotlab'), { value: Object.freeze({ show, respond, parse, handOutState }) });
`;

/**
 * Characters of responses one slice of requests may build before it stops starting calls (see 'handle-batch').
 * 2 M characters is at most 4 MB of strings, plus as much again while each is copied out, plus one response
 * (≤ 1 MB): room for a service that itself holds most of the 64 MB heap. A slice costs ~10 µs, so large
 * responses lose nothing by leaving two or three at a time.
 */
export const SLICE_RESPONSE_CHARS = 2 * 1024 * 1024;

/**
 * A global-scope script evaluated after the learner's code, so its closures see the learner's top-level
 * bindings by name, live: when reflection-patch reassigns `handle`, `table.handle()` returns the new one.
 * It evaluates to the harness function the host calls through a Reference.
 */
export function harnessSource(exports: Record<string, string>): string {
  const entries = Object.entries(exports)
    .map(([name, local]) => `${JSON.stringify(name)}: () => ${local}`)
    .join(', ');
  return String.raw`(() => {
'use strict';
const kit = globalThis[Symbol.for('hotlab')];
const table = { ${entries} };
const globalEval = eval;
let captured = {};
// Batched requests (see IsolateRuntime.handleBatch): results so far survive a time-limit interruption.
let batchDone = [];
let batchCursor = 0;
const handleOne = (payload) => {
  const fn = read('handle');
  if (typeof fn !== 'function') throw new TypeError('handle is not a function (it is ' + typeof fn + ')');
  return kit.respond(fn(kit.parse(payload)));
};
const read = (name) => table[name] ? table[name]() : undefined;
// arg: an export name, a binding name, or (handle-batch) the ms after which no new call starts.
return function hotlabHarness(op, arg, payload) {
  switch (op) {
    case 'type': return typeof read(arg);
    case 'handle': return handleOne(payload);
    case 'handle-batch': {
      // Start no new call once half the per-call limit is used, so the batch timeout (1.5 × limit) can
      // only fire inside a call that itself ran past the limit.
      // Start none either once the slice holds ${SLICE_RESPONSE_CHARS} characters of responses: they stay in this
      // 64 MB heap until copied out (and copying flattens each one again), so a burst of large valid responses
      // (100 × 1 MB) must leave in many slices, not in one that kills the isolate.
      const started = Date.now();
      let chars = 0;
      batchDone = [];
      for (batchCursor = 0; batchCursor < payload.length; batchCursor++) {
        if (batchCursor > 0 && (Date.now() - started > arg || chars > ${SLICE_RESPONSE_CHARS})) break;
        try {
          const response = handleOne(payload[batchCursor]);
          chars += response.length;
          batchDone.push(response);
        } catch (e) {
          batchDone.push({ error: e && e.name ? e.name + ': ' + e.message : String(e), stack: e && typeof e.stack === 'string' ? e.stack : '' });
        }
      }
      return batchDone;
    }
    case 'batch-recover': return batchDone;
    case 'call': return read(arg)(payload);
    case 'hand-out': {
      // arg: 'hot-data' or 'snapshot'; payload: true once this version's state was refused (see hand-out.ts).
      const value = arg === 'snapshot' ? read('snapshot')() : globalThis.hot && globalThis.hot.data;
      return kit.handOutState(value, arg === 'snapshot' ? 'snapshot()' : 'hot.data', payload === true);
    }
    case 'eval': return kit.show(globalEval(payload));
    case 'set': globalEval(arg + ' = (' + payload + ');'); return kit.show(globalEval(arg));
    case 'capture': captured = {}; for (const n of payload) captured[n] = globalEval(n); return undefined;
    case 'stale': return globalEval(payload)(captured);
    default: throw new Error('unknown harness op ' + op);
  }
};
})()`;
}
