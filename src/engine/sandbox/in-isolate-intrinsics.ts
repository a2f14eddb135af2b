// JavaScript that runs *inside* the isolate, first in every fresh context: the built-ins hotlab's own in-isolate
// code uses, captured before any learner code can replace them. Learner code shares the realm with the harness;
// a service that sets `Array.prototype.push = …` or `Symbol.for = …` at its top level went live and then failed
// every request (issue 12, point 7). Everything after this preamble calls only these names, never a method
// looked up at call time on an object learner code can reach (arrays are appended with defineProperty, since
// `list[i] = v` would run a setter someone put on Array.prototype).
export const INTRINSICS_SOURCE = String.raw`
const apply = Reflect.apply;
const defineProperty = Object.defineProperty;
const describeOwn = Object.getOwnPropertyDescriptor;
const ownKeys = Object.keys;
const hasOwn = Object.prototype.hasOwnProperty;
const freeze = Object.freeze;
const createObject = Object.create;
const toStringTag = Symbol.toStringTag;
const isArray = Array.isArray;
const isInteger = Number.isInteger;
const toText = String;
const toLower = String.prototype.toLowerCase;
const sliceText = String.prototype.slice;
const regexpTest = RegExp.prototype.test;
const symbolText = Symbol.prototype.toString;
const dateText = Date.prototype.toISOString;
const numberFixed = Number.prototype.toFixed;
const objectToString = Object.prototype.toString;
const now = Date.now;
const stringify = JSON.stringify;
const parseJson = JSON.parse;
const mapSize = describeOwn(Map.prototype, 'size').get;
const setSize = describeOwn(Set.prototype, 'size').get;
const mapForEach = Map.prototype.forEach;
const setForEach = Set.prototype.forEach;
const SeenSet = Set;
const seenAdd = Set.prototype.add;
const seenHas = Set.prototype.has;
const seenDelete = Set.prototype.delete;
const ErrorClass = Error;
const TypeErrorClass = TypeError;
const RangeErrorClass = RangeError;
// Indirect eval: runs at the global scope of this context, whatever learner code later does to \`eval\`.
const globalEval = eval;

const json = (value) => apply(stringify, undefined, [value]);
const parse = (text) => apply(parseJson, undefined, [text]);
/** Append without touching Array.prototype (no push, no setter a service may have put on an index). */
const append = (list, value) => {
  defineProperty(list, list.length, { value, writable: true, enumerable: true, configurable: true });
  return list;
};
const hasBrand = (getter, value) => { try { apply(getter, value, []); return true; } catch (e) { return false; } };
const isError = (value) => { try { return value instanceof ErrorClass; } catch (e) { return false; } };
/** "Name: message" of anything thrown, without trusting it (its getters may throw too). */
const errorText = (e) => {
  try { return e && typeof e === 'object' && e.name ? toText(e.name) + ': ' + toText(e.message) : toText(e); } catch (x) { return 'an error that cannot be shown'; }
};
const errorStack = (e) => { try { return e && typeof e.stack === 'string' ? e.stack : ''; } catch (x) { return ''; } };
`;
