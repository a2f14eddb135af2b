// JavaScript that runs *inside* the isolate: the harness the host calls (through a Reference) to serve requests,
// read exports, hand state over and run the REPL. It is created by BOOTSTRAP, before any learner code runs, so
// it closes over the captured intrinsics (in-isolate-intrinsics.ts), never over globals learner code can replace.
// Only the table of the learner's top-level bindings is made after the learner's code (bindingTableSource).

/**
 * Characters of responses one slice of requests may build before it stops starting calls (see 'handle-batch').
 * 2 M characters is at most 4 MB of strings, plus as much again while each is copied out, plus one response
 * (≤ 1 MB): room for a service that itself holds most of the 64 MB heap. A slice costs ~10 µs, so large
 * responses lose nothing by leaving two or three at a time.
 */
export const SLICE_RESPONSE_CHARS = 2 * 1024 * 1024;

/** Follows an evaluation's mark on the line that ends what it printed (an invisible separator; see engine.ts). */
export const END_OF_PRINTING = '\u2063';

/**
 * Defines `makeHarness(table, forwards)`; expects the intrinsics, `respond`, `show`, `handOutState`,
 * `reportDroppedLogs` and `accepted` in scope. `forwards`: names this module exports on behalf of others
 * (`export … from`), read through the program's registry, which the 'link' op hands in.
 */
export const HARNESS_SOURCE = String.raw`
const END_OF_PRINTING = ${JSON.stringify(END_OF_PRINTING)};
function makeHarness(table, forwards) {
  reportDroppedLogs(); // what initialisation logged past the rate
  let registry = null;
  for (let i = 0; i < forwards.length; i++) {
    const f = forwards[i];
    table[f.exported] = f.imported === '*' ? () => registry[f.from].namespace() : () => registry[f.from].read(f.imported);
  }
  // Batched requests (see IsolateRuntime.handleSlice): results so far survive a time-limit interruption.
  let batchDone = [];
  const read = (name) => {
    const get = apply(hasOwn, table, [name]) ? table[name] : undefined;
    return typeof get === 'function' ? get() : undefined;
  };
  let namespace = null;
  // What importers of this module read through the registry: one value, or the namespace of "import * as".
  const reader = freeze({
    read,
    namespace() {
      if (namespace) return namespace;
      const props = { __proto__: null };
      // Descriptors without a prototype: a service that put 'get' or 'value' on Object.prototype cannot bend them.
      defineProperty(props, toStringTag, { value: { __proto__: null, value: 'Module' }, enumerable: true });
      const names = ownKeys(table);
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        defineProperty(props, name, { value: { __proto__: null, get: () => read(name), enumerable: true }, enumerable: true });
      }
      return (namespace = freeze(createObject(null, props)));
    },
  });
  const handleOne = (payload) => {
    const fn = read('handle');
    if (typeof fn !== 'function') throw new TypeErrorClass('handle is not a function (it is ' + typeof fn + ')');
    return respond(fn(parse(payload)));
  };
  // arg: an export name, a binding name, or (handle-batch) the ms after which no new call starts.
  return function hotlabHarness(op, arg, payload) {
    switch (op) {
      case 'type': return typeof read(arg);
      case 'link': registry = payload; return undefined;
      case 'reader': return reader;
      case 'accepted': return accepted;
      case 'handle-batch': {
        // Start no new call once half the per-call limit is used, so the batch timeout (1.5 × limit) can
        // only fire inside a call that itself ran past the limit. Start none either once the slice holds
        // ${SLICE_RESPONSE_CHARS} characters of responses: they stay in this 64 MB heap until copied out (and
        // copying flattens each one again), so a burst of large valid responses (100 × 1 MB) must leave in
        // many slices, not in one that kills the isolate.
        const started = now();
        let chars = 0;
        batchDone = [];
        for (let cursor = 0; cursor < payload.length; cursor++) {
          if (cursor > 0 && (now() - started > arg || chars > ${SLICE_RESPONSE_CHARS})) break;
          try {
            const response = handleOne(payload[cursor]);
            chars += response.length;
            append(batchDone, response);
          } catch (e) {
            append(batchDone, { error: errorText(e), stack: errorStack(e) });
          }
        }
        reportDroppedLogs();
        return batchDone;
      }
      case 'batch-recover': return batchDone;
      case 'call': return read(arg)(payload);
      case 'hand-out': {
        // arg: 'hot-data' or 'snapshot'; payload: true once this version's state was refused (see hand-out.ts).
        const value = arg === 'snapshot' ? read('snapshot')() : globalThis.hot && globalThis.hot.data;
        return handOutState(value, arg === 'snapshot' ? 'snapshot()' : 'hot.data', payload === true);
      }
      case 'eval': {
        // arg: a mark for what the expression prints (the REPL shows those lines under its answer): while it
        // runs, console tags each line with it, and a last line of the mark alone and an end sign closes them.
        if (typeof arg !== 'string') return show(globalEval(payload));
        const saved = describeOwn(globalThis, 'console');
        const tagged = (level) => (...args) => {
          let line = '';
          for (let i = 0; i < args.length; i++) line += (i ? ' ' : '') + show(args[i]);
          log(level, arg + ' ' + line);
        };
        defineProperty(globalThis, 'console', { value: { log: tagged('log'), info: tagged('info'), warn: tagged('warn'), error: tagged('error'), debug: tagged('debug') }, writable: true, configurable: true });
        try {
          return show(globalEval(payload));
        } finally {
          if (saved) defineProperty(globalThis, 'console', saved);
          try { log('log', arg + END_OF_PRINTING); } catch (e) { /* the host hears the reply anyway */ }
        }
      }
      case 'set': globalEval(arg + ' = (' + payload + ');'); return show(globalEval(arg));
      // payload: binding names. Their leaves, \`path=value\` as the REPL shows each value (plain objects and arrays
      // are walked, functions skipped; at most 200 leaves, depth 3): what a learner can observe of this instance's
      // state, compared across an update to say whether that state was kept (IsolateRuntime, sameObservedState).
      case 'state': {
        const out = [];
        const walk = (value, path, depth) => {
          if (out.length >= 200 || typeof value === 'function') return;
          const plain = value !== null && typeof value === 'object' && depth < 3 && !hasBrand(mapSize, value) && !hasBrand(setSize, value) && !hasBrand(dateText, value);
          if (!plain) return void append(out, path + '=' + show(value));
          if (isArray(value)) {
            // By index: Object.keys of a million-element array would build a million strings in this heap.
            append(out, path + '.length=' + value.length);
            for (let i = 0; i < value.length && i < 50; i++) {
              const d = describeOwn(value, i);
              if (d && apply(hasOwn, d, ['value'])) walk(d.value, path + '.' + i, depth + 1);
            }
            return;
          }
          const keys = ownKeys(value);
          for (let i = 0; i < keys.length && i < 50; i++) {
            const d = describeOwn(value, keys[i]);
            if (d && apply(hasOwn, d, ['value'])) walk(d.value, path + '.' + keys[i], depth + 1);
          }
        };
        for (let i = 0; i < payload.length; i++) {
          let value;
          try { value = globalEval(payload[i]); } catch (e) { append(out, payload[i] + '=<unset>'); continue; }
          walk(value, payload[i], 0);
        }
        return out;
      }
      case 'capture': {
        const captured = { __proto__: null };
        for (let i = 0; i < payload.length; i++) defineProperty(captured, payload[i], { value: globalEval(payload[i]), enumerable: true });
        return captured;
      }
      // arg: the probe's source; payload: the functions captured before the patch (in this module or another).
      case 'stale': return globalEval(arg)(payload);
      default: throw new ErrorClass('unknown harness op ' + op);
    }
  };
}
`;

/**
 * A global-scope script evaluated after the learner's code, so its closures see the learner's top-level
 * bindings by name, live: when reflection-patch reassigns `handle`, `table.handle()` returns the new one.
 * An object literal of arrow functions, with no prototype: it calls no built-in a service could have replaced.
 */
export function bindingTableSource(exports: Record<string, string>): string {
  const entries = Object.entries(exports).map(([name, local]) => `${JSON.stringify(name)}: () => ${local}`);
  return `({ __proto__: null, ${entries.join(', ')} })`;
}
