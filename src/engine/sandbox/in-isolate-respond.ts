// JavaScript that runs *inside* the isolate (part of BOOTSTRAP): turns what `handle` returned into the response
// the host sends, or says precisely why it is not an answer. A value HTTP cannot carry (a function, a Symbol, a
// status 101 or 999, a header value outside Latin-1) used to become a 200 `undefined`, a passed-through status
// or a host error (issue 12, point 9); each is now a TypeError the request fails with, and the host adds where
// `handle` is.

/** Expects the captured intrinsics and `show` in scope; defines `respond(value)` → "status\nheaders-json\nbody". */
export const RESPOND_SOURCE = String.raw`
/** Bodies above this are refused with a clear 500 rather than choking the pipe to the host. */
const MAX_BODY = 1024 * 1024;
/** RFC 9110 token characters: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+.^_\x60|~0-9A-Za-z-]+$/;
const LINE_BREAK = /[\r\n\0]/;
// Node writes a header's bytes as Latin-1 or as UTF-8 depending on how the response is written (measured: one
// writeHead + end sent "José" as UTF-8), so only ASCII means the same thing to every client.
const NOT_ASCII = /[^\t\x20-\x7e]/;
const ANSWERS = 'return a string, a number, JSON data, or { status, headers, body }';

function statusOf(value) {
  if (value === undefined) return 200;
  if (!isInteger(value)) {
    throw new TypeErrorClass('status ' + (typeof value === 'string' ? json(value) : show(value)) + ' is not an HTTP status: use an integer from 200 to 599');
  }
  if (value >= 100 && value < 200) throw new TypeErrorClass('status ' + value + ' is not a final answer (1xx statuses are informational): use 200 to 599');
  if (value < 200 || value > 599) throw new TypeErrorClass('status ' + value + ' is not an HTTP status: use an integer from 200 to 599');
  return value;
}

function headersOf(given) {
  const headers = { __proto__: null };
  if (!given || typeof given !== 'object') return headers;
  const names = ownKeys(given);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (!apply(regexpTest, HEADER_NAME, [name])) throw new TypeErrorClass(json(name) + ' is not a valid header name (letters, digits and !#$%&\'*+.^_\x60|~- only)');
    const raw = given[name];
    const value = typeof raw === 'string' ? raw : toText(raw);
    if (apply(regexpTest, LINE_BREAK, [value])) throw new TypeErrorClass('header ' + name + ' has a line break in its value: one header, one line');
    if (apply(regexpTest, NOT_ASCII, [value])) {
      throw new TypeErrorClass('header ' + name + ' has a character outside ASCII in ' + json(value) + ': HTTP header values are bytes that clients read differently; encode it (encodeURIComponent) or put it in the body');
    }
    headers[apply(toLower, name, [])] = value;
  }
  return headers;
}

function asJson(value) {
  try {
    return json(value);
  } catch (e) {
    throw new TypeErrorClass('handle() returned data that cannot be turned into JSON: ' + errorText(e));
  }
}

function normalise(r) {
  const type = typeof r;
  if (r !== null && (type === 'object' || type === 'function') && typeof r.then === 'function') {
    throw new TypeErrorClass('handle() returned a Promise. The sandbox has no I/O, so there is nothing to await: make handle synchronous (drop async).');
  }
  if (type === 'string') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: r };
  if (r === undefined || r === null) return { status: 204, headers: {}, body: '' };
  if (type === 'symbol' || type === 'function') {
    throw new TypeErrorClass('handle() returned ' + (type === 'symbol' ? 'a Symbol' : 'a function') + ', which is not an answer: ' + ANSWERS);
  }
  if (type === 'number' || type === 'boolean' || type === 'bigint') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: toText(r) };
  if (type === 'object' && ('status' in r || 'body' in r || 'headers' in r)) {
    const status = statusOf(r.status);
    const headers = headersOf(r.headers);
    let body = r.body;
    if (body === undefined || body === null) body = '';
    else if (typeof body !== 'string') { body = asJson(body); if (!headers['content-type']) headers['content-type'] = 'application/json'; }
    if (!headers['content-type']) headers['content-type'] = 'text/plain; charset=utf-8';
    return { status, headers, body: typeof body === 'string' ? body : '' };
  }
  const body = asJson(r);
  return { status: 200, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : '' };
}

function respond(r) {
  const response = normalise(r);
  if (response.body.length > MAX_BODY) {
    throw new RangeErrorClass('the response body is ' + apply(numberFixed, response.body.length / 1048576, [1]) + ' MB; the sandbox answers at most 1 MB');
  }
  // "status\nheaders-json\nbody": the host parses the small header part (usually the same from one response
  // to the next, so it caches it) and takes the body as it is, instead of JSON-parsing every body.
  return response.status + '\n' + json(response.headers) + '\n' + response.body;
}
`;
