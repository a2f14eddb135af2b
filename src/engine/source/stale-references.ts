// After a reflection patch, old function objects live on wherever the program stored them (a route
// table, a callback list): Go's stale method values. This finds them so the learner can see them.
import type { ModuleShape } from './module-shape.ts';

/** How far and how much the probe walks: it runs under the sandbox's per-call time limit. */
export const STALE_PROBE_LIMITS = {
  /** Levels below a binding's value; the value itself is depth 0. */
  depth: 4,
  /** Own keys (or entries) looked at per object. */
  keysPerObject: 1000,
  /** Objects visited in all. */
  visits: 10_000,
  /** Places reported. */
  findings: 50,
} as const;

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/** The top-level bindings worth scanning: state (`let`/`const`/`var`/`class`), not the functions themselves. */
export function probedBindingNames(shape: ModuleShape): string[] {
  return shape.topLevel.flatMap((item) => (item.kind === 'binding' ? item.names : []));
}

/**
 * JavaScript source of a function expression `(oldFunctions) => string[]`, to evaluate at the global scope
 * of the live context after a patch. Given `{name: oldFunction}` (captured before the patch), it returns
 * places like `routes['/ping'] still holds the old handle`. It reads only data properties (never a getter),
 * walks objects, arrays, Maps and Sets up to STALE_PROBE_LIMITS, survives cycles, frozen objects and
 * throwing proxies, and never throws itself. Names that are not identifiers are ignored.
 */
export function staleReferenceProbe(bindingNames: string[]): string {
  // Each root is read by a closure created outside the probe's own scope, so no local of the probe can
  // shadow a learner binding that happens to share its name.
  const roots = bindingNames
    .filter((name) => IDENTIFIER.test(name))
    .map((name) => `[${JSON.stringify(name)}, () => ${name}]`)
    .join(', ');
  return `((roots, limits) => ${PROBE_BODY})([${roots}], ${JSON.stringify(STALE_PROBE_LIMITS)})`;
}

/** The probe proper, as in-isolate source: plain ES2020, intrinsics captured before any learner object is touched. */
const PROBE_BODY = String.raw`{
  'use strict';
  const describe = Object.getOwnPropertyDescriptor;
  const ownKeys = Reflect.ownKeys;
  const apply = Reflect.apply;
  const isArray = Array.isArray;
  const isView = ArrayBuffer.isView;
  const mapSize = describe(Map.prototype, 'size').get;
  const mapForEach = Map.prototype.forEach;
  const setSize = describe(Set.prototype, 'size').get;
  const setForEach = Set.prototype.forEach;
  const IDENT = /^[A-Za-z_$][\w$]*$/;
  const INDEX = /^(?:0|[1-9]\d*)$/;
  const quote = (s) => "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r') + "'";
  const keyText = (key) => {
    if (typeof key === 'symbol') return String(key.description === undefined ? 'Symbol()' : 'Symbol(' + key.description + ')');
    if (typeof key === 'string') return quote(key);
    if (typeof key === 'bigint') return String(key) + 'n';
    if (key === null || typeof key !== 'object' && typeof key !== 'function') return String(key);
    return '…';
  };
  const step = (key, inArray) => {
    if (typeof key === 'symbol') return '[' + keyText(key) + ']';
    if (inArray && INDEX.test(key)) return '[' + key + ']';
    return IDENT.test(key) ? '.' + key : '[' + quote(key) + ']';
  };
  const isOf = (getter, value) => { try { apply(getter, value, []); return true; } catch (e) { return false; } };

  return (oldFunctions) => {
    const found = [];
    try {
      const olds = [];
      for (const name of ownKeys(oldFunctions)) {
        try {
          const d = describe(oldFunctions, name);
          if (d && typeof d.value === 'function' && typeof name === 'string') olds.push([name, d.value]);
        } catch (e) { /* a hostile entry: skip it */ }
      }
      if (olds.length === 0) return found;
      const seen = new WeakSet();
      let visits = 0;
      const oldName = (value) => {
        for (const [name, fn] of olds) if (fn === value) return name;
        return undefined;
      };
      const report = (path, name) => { if (found.length < limits.findings) found.push(path + ' still holds the old ' + name); };
      const visit = (value, path, depth) => {
        if (found.length >= limits.findings || visits >= limits.visits) return;
        if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
        const name = oldName(value);
        if (name !== undefined) { report(path, name); return; }
        // Functions (new code, classes) are not state containers worth walking; their internals are code.
        if (typeof value === 'function' || depth >= limits.depth || seen.has(value)) return;
        seen.add(value);
        visits++;
        try {
          if (isOf(mapSize, value)) {
            let n = 0;
            apply(mapForEach, value, [(v, k) => {
              if (n++ >= limits.keysPerObject) return;
              const keyName = oldName(k);
              if (keyName !== undefined) report(path + ' (a Map key)', keyName);
              visit(v, path + '.get(' + keyText(k) + ')', depth + 1);
            }]);
            return;
          }
          if (isOf(setSize, value)) {
            let n = 0;
            apply(setForEach, value, [(v) => {
              if (n++ >= limits.keysPerObject) return;
              visit(v, path + ' (a Set entry)', depth + 1);
            }]);
            return;
          }
          if (isView(value)) return;
          if (isArray(value)) {
            const length = describe(value, 'length');
            const count = length && typeof length.value === 'number' ? Math.min(length.value, limits.keysPerObject) : 0;
            for (let i = 0; i < count; i++) visitProperty(value, String(i), path, depth, true);
            return;
          }
          const keys = ownKeys(value);
          for (let i = 0; i < keys.length && i < limits.keysPerObject; i++) visitProperty(value, keys[i], path, depth, false);
        } catch (e) { /* a proxy that throws, a revoked proxy: nothing more to see here */ }
      };
      const visitProperty = (object, key, path, depth, inArray) => {
        try {
          const d = describe(object, key);
          // Accessors are skipped: calling a getter could run learner code or change state.
          if (d && 'value' in d) visit(d.value, path + step(key, inArray), depth + 1);
        } catch (e) { /* hostile property: skip it */ }
      };
      for (const [name, read] of roots) {
        let value;
        try { value = read(); } catch (e) { continue; /* not initialised yet (TDZ), or gone */ }
        visit(value, name, 0);
      }
    } catch (e) { /* the scan is a teaching aid: return what was found so far rather than fail */ }
    return found;
  };
}`;
