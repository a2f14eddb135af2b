// JavaScript that runs *inside* the isolate (part of BOOTSTRAP, so it captures the built-ins it uses before any
// learner code runs): hands `hot.data` or a `snapshot()` result to the host, and when that cannot be done says
// what cannot be copied and where (`hot.data.cache.render is a function`), instead of V8's bare
// "could not be cloned" or isolated-vm's "illegal access".
//
// The value is copied by calling `handOut`, an ivm.Callback whose arguments isolated-vm copies *inside* the
// isolate: a getter then runs as JavaScript in its own context (copying its value, as structuredClone does, and
// when it throws, its stack says where), which copying a call's result from the host cannot do.

/**
 * Expects `handOut` (the callback), `show` (the inspector) and the captured intrinsics in scope. Defines `handOutState(value, name,
 * lenient)`, which returns `{ ok: true, leftOut: string[] }` once the host has the copy, or `{ ok: false,
 * message, stack }` (strict mode only) saying what cannot be copied.
 */
export const HAND_OUT_SOURCE = String.raw`
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const NOT_CLONEABLE = /could not be cloned/;

const canCopy = (value) => { try { handOut('probe', value); return true; } catch (e) { return false; } };
const member = (path, key) => apply(regexpTest, IDENTIFIER, [key]) ? path + '.' + key : path + '[' + json(key) + ']';

/** What a value that cannot be copied is, in a few words. A Proxy looks like what it wraps, so it is the rest. */
function whatIs(value) {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a Symbol';
  let tag = '';
  try { tag = apply(objectToString, value, []); } catch (e) { /* a revoked Proxy */ }
  switch (tag) {
    case '[object WeakMap]': return 'a WeakMap';
    case '[object WeakSet]': return 'a WeakSet';
    case '[object WeakRef]': return 'a WeakRef';
    case '[object Promise]': return 'a Promise';
    case '[object Generator]': return 'a generator';
    default: return 'a Proxy or another special object';
  }
}

/**
 * The first part of \`value\` (known not to copy) that cannot be copied: \`{ path, what }\`, or
 * \`{ path, what, error, stack }\` for a getter that threw. Descends only into parts that do not copy.
 */
function findUncopyable(value, path) {
  const seen = new SeenSet();
  const visit = (node, at) => {
    const type = typeof node;
    if (type === 'function' || type === 'symbol') return { path: at, what: whatIs(node) };
    if (node === null || type !== 'object' || apply(seenHas, seen, [node])) return null;
    apply(seenAdd, seen, [node]);
    let found = null;
    const check = (childAt, child) => {
      if (found) return;
      const childType = typeof child;
      if (childType === 'function' || childType === 'symbol') found = { path: childAt, what: whatIs(child) };
      else if (child !== null && childType === 'object' && !canCopy(child)) found = visit(child, childAt) || { path: childAt, what: whatIs(child) };
    };
    if (hasBrand(mapSize, node)) {
      apply(mapForEach, node, [(v, k) => { check(at + ' (a key)', k); check(at + '.get(' + (typeof k === 'string' ? json(k) : show(k)) + ')', v); }]);
    } else if (hasBrand(setSize, node)) {
      apply(setForEach, node, [(v) => check(at + ' (a member ' + show(v) + ')', v)]);
    } else if (isArray(node)) {
      for (let i = 0; i < node.length && !found; i++) check(at + '[' + i + ']', node[i]);
    } else {
      const keys = ownKeys(node);
      for (let i = 0; i < keys.length && !found; i++) {
        const key = keys[i];
        const childAt = member(at, key);
        const d = describeOwn(node, key);
        if (d && !('value' in d) && typeof d.get === 'function') {
          try { check(childAt, node[key]); } catch (e) { found = { path: childAt, what: 'a getter', error: errorText(e), stack: errorStack(e) }; }
        } else if (d) {
          check(childAt, d.value);
        }
      }
    }
    return found;
  };
  return visit(value, path);
}

function uncopyableMessage(found, name, e) {
  if (!found) return name + ' cannot be copied to the new version: ' + errorText(e);
  if (found.error !== undefined) return 'reading ' + found.path + ' (a getter) threw ' + found.error;
  return found.path + ' is ' + found.what + ', which cannot be copied to the new version';
}

/** Why \`at\` was left out, as a note: what in it cannot be copied. */
function leftOutNote(at, found) {
  if (found.error !== undefined) return at + ' was left out: reading ' + found.path + ' (a getter) threw ' + found.error;
  const subject = found.path === at ? 'it' : found.path;
  return at + ' was left out: ' + subject + ' is ' + found.what + ', which cannot be copied to the new version';
}

/** Everything but the parts that do not copy: each own property on its own; anything else whole or not at all. */
function handOutLenient(value, name) {
  if (value === null || typeof value !== 'object' || isArray(value) || hasBrand(mapSize, value) || hasBrand(setSize, value)) {
    try { handOut('hand-out', value); return []; } catch (e) {
      let found = null;
      try { found = findUncopyable(value, name); } catch (x) { /* a hostile value: say only what */ }
      return [leftOutNote(name, found || { path: name, what: whatIs(value) })];
    }
  }
  handOut('hand-out', {});
  const leftOut = [];
  const keys = ownKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const at = member(name, key);
    let child;
    try { child = value[key]; } catch (e) {
      append(leftOut, leftOutNote(at, { path: at, what: 'a getter', error: errorText(e) }));
      continue;
    }
    try { handOut('hand-out-key', child, key); } catch (e) {
      let found = null;
      try { found = findUncopyable(child, at); } catch (x) { /* a hostile value: say only where */ }
      append(leftOut, leftOutNote(at, found || { path: at, what: whatIs(child) }));
    }
  }
  return leftOut;
}

function handOutState(value, name, lenient) {
  if (lenient) return { ok: true, leftOut: handOutLenient(value, name) };
  try {
    handOut('hand-out', value);
    return { ok: true, leftOut: [] };
  } catch (e) {
    // Not a cloning failure: a getter (or a Proxy trap) threw while being copied. Find which, for its place.
    let found = null;
    try { found = findUncopyable(value, name); } catch (x) { /* a hostile value: fall back to the raw error */ }
    const stack = found && found.stack ? found.stack : (apply(regexpTest, NOT_CLONEABLE, [errorText(e)]) ? '' : errorStack(e));
    return { ok: false, message: uncopyableMessage(found, name, e), stack };
  }
}
`;
