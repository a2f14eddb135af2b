// JavaScript that runs *inside* the isolate, kept as source text. Nothing here may touch host objects: the only
// things that cross in are plain functions (ivm.Callbacks, which copy their arguments out): the log, and the
// hand-out of state to the next version.
import { HAND_OUT_SOURCE } from './in-isolate-hand-out.ts';
import { HARNESS_SOURCE } from './in-isolate-harness.ts';
import { INTRINSICS_SOURCE } from './in-isolate-intrinsics.ts';
import { RESPOND_SOURCE } from './in-isolate-respond.ts';
import { LOG_LINES_PER_SECOND } from './log-limiter.ts';

export { bindingTableSource, SLICE_RESPONSE_CHARS } from './in-isolate-harness.ts';

/**
 * Runs in a module's fresh context before its code (so on pristine built-ins), with evalClosure($0 = the
 * program's registry, $1 = the module's imports). Each imported name becomes a global accessor that reads the
 * exporting module's current instance through the registry: a live binding, as ES imports are. A module swapped
 * in the registry (plugin-swap, a file-watch re-run) is what importers read from their next access on; what they
 * copied out before keeps the old code. The registry lives in its own context, and holds one reader per module.
 */
export const LINK_IMPORTS = String.raw`
'use strict';
const registry = $0;
const defineProperty = Object.defineProperty;
for (const { local, from, imported } of $1) {
  const get = imported === '*' ? () => registry[from].namespace() : () => registry[from].read(imported);
  defineProperty(globalThis, local, {
    get,
    set() { throw new TypeError('Assignment to constant variable: ' + local + ' is imported from ' + from); },
    enumerable: false,
    configurable: false,
  });
}
`;

/**
 * Run once per fresh context, before any learner code, with evalClosure($0 = log callback, $1 = hot.data copy,
 * $2 = hand-out callback). Installs `console` and `hot`, and returns `makeHarness(table)`: the host keeps it
 * (as a Reference) and calls it once the learner's code has run, with the table of its bindings.
 */
export const BOOTSTRAP = String.raw`
'use strict';
const log = $0;
const handOut = $2;
${INTRINSICS_SOURCE}
const MAX = 2000;
const IDENT = /^[A-Za-z_$][\w$]*$/;
function inspect(value, depth, seen) {
  const t = typeof value;
  if (value === null) return 'null';
  if (t === 'string') return depth === 0 ? value : json(value);
  if (t === 'number' || t === 'boolean' || t === 'undefined') return toText(value);
  if (t === 'bigint') return toText(value) + 'n';
  if (t === 'symbol') return apply(symbolText, value, []);
  if (t === 'function') return '[Function ' + (typeof value.name === 'string' && value.name ? value.name : 'anonymous') + ']';
  if (apply(seenHas, seen, [value])) return '[Circular]';
  if (depth > 3) return isArray(value) ? '[Array]' : '[Object]';
  apply(seenAdd, seen, [value]);
  try {
    if (isError(value)) return errorText(value);
    if (hasBrand(dateText, value)) return apply(dateText, value, []);
    const inner = (v) => inspect(v, depth + 1, seen);
    if (hasBrand(mapSize, value)) {
      let items = '';
      let n = 0;
      apply(mapForEach, value, [(v, k) => { if (n++ < 20) items += (items ? ', ' : '') + inner(k) + ' => ' + inner(v); }]);
      return 'Map(' + apply(mapSize, value, []) + ') {' + items + '}';
    }
    if (hasBrand(setSize, value)) {
      let items = '';
      let n = 0;
      apply(setForEach, value, [(v) => { if (n++ < 20) items += (items ? ', ' : '') + inner(v); }]);
      return 'Set(' + apply(setSize, value, []) + ') {' + items + '}';
    }
    if (isArray(value)) {
      let items = '';
      for (let i = 0; i < value.length && i < 50; i++) items += (i ? ', ' : '') + inner(value[i]);
      if (value.length > 50) items += ', … ' + (value.length - 50) + ' more';
      return '[' + items + ']';
    }
    const keys = ownKeys(value);
    let body = '';
    for (let i = 0; i < keys.length && i < 50; i++) {
      const k = keys[i];
      const d = describeOwn(value, k);
      const shown = d && 'value' in d ? inner(d.value) : '[Getter]';
      body += (i ? ', ' : '') + (apply(regexpTest, IDENT, [k]) ? k : json(k)) + ': ' + shown;
    }
    return '{' + (body ? ' ' + body + ' ' : '') + '}';
  } catch (e) {
    return '[uninspectable]';
  } finally {
    apply(seenDelete, seen, [value]);
  }
}
function show(value) {
  const text = inspect(value, 0, new SeenSet());
  return text.length > MAX ? apply(sliceText, text, [0, MAX]) + '…' : text;
}
// Lines cross to the host at most at the host's own rate (log-limiter.ts), counted here: the log callback queues
// every call until the isolate returns, so a top-level loop of console.log held hundreds of MB in the sandbox
// process before the host could drop any (issue 12, point 9: 260 MB in the verifier). A dropped line is not even
// formatted.
const LOG_RATE = ${LOG_LINES_PER_SECOND};
let logTokens = LOG_RATE;
let loggedAt = now();
let logsDropped = 0;
/** Says how many lines were dropped, once some were; the harness also calls it after each call into the service. */
function reportDroppedLogs() {
  if (logsDropped === 0) return;
  const count = logsDropped;
  logsDropped = 0;
  try { log('warn', '… ' + count + ' log line' + (count === 1 ? '' : 's') + ' dropped (the service logged more than ' + LOG_RATE + ' a second)'); } catch (e) { /* as a log */ }
}
const make = (level) => (...args) => {
  try {
    const at = now();
    logTokens = logTokens + ((at - loggedAt) * LOG_RATE) / 1000;
    if (logTokens > LOG_RATE) logTokens = LOG_RATE;
    loggedAt = at;
    if (logTokens < 1) { logsDropped++; return; }
    logTokens--;
    reportDroppedLogs();
    let line = '';
    for (let i = 0; i < args.length; i++) line += (i ? ' ' : '') + show(args[i]);
    log(level, line);
  } catch (e) { /* a log must never break the service */ }
};
const con = { log: make('log'), info: make('info'), warn: make('warn'), error: make('error'), debug: make('debug') };
defineProperty(globalThis, 'console', { value: con, writable: true, configurable: true });
// hot.accept(): this module takes its own updates (Vite's self-accepting module): file-watch re-runs it and stops
// there, its importers keep running. The harness reads the flag from this closure, not from the learner's 'hot'.
let accepted = false;
const accept = function accept() { accepted = true; };
defineProperty(globalThis, 'hot', { value: { data: $1 === undefined ? {} : $1, accept }, writable: true, configurable: true });
// WebAssembly.Memory is allocated outside the V8 heap, where the isolate's memory limit does not reach:
// measured, a handler keeping 64 MB memories grew the sandbox by 64 MB a request, past 800 MB in a 64 MB
// isolate. The global is the only way to it, so removing it keeps the limit honest.
delete globalThis.WebAssembly;
// The sandbox child runs with --expose-gc for hotlab's own heap measurements (heap-budget.ts), not for services.
// V8 makes the global non-configurable, so it is emptied rather than deleted.
defineProperty(globalThis, 'gc', { value: undefined, writable: false });

${RESPOND_SOURCE}
${HAND_OUT_SOURCE}
${HARNESS_SOURCE}
return makeHarness;
`;

