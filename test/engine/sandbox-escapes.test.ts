// The classic ways out of a JavaScript sandbox, tried as the learner's service code and through the REPL
// (engine.evaluate). Each must fail inside the isolate: no `process`, no `require`, no modules, nothing of the
// host reachable through values hotlab hands in (design §2: "Inside: no require, no process, no file system,
// no network"). If one of these tests fails because an attempt *worked*, that is a sandbox escape.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

/** Set in this process before any engine starts: the host environment learner code must never read. */
const CANARY_NAME = 'HOTLAB_ESCAPE_CANARY';
const CANARY = `canary-${randomUUID()}`;

const PROCESS_UNDEFINED = 'ReferenceError: process is not defined';

interface Escape {
  /** A JavaScript expression; in the service it runs in `handle` with `this` bound to the script's top-level `this`. */
  expression: string;
  /** Uses `req`, which exists only in the service. */
  needsRequest?: boolean;
  /** What a contained attempt looks like: the call throws this, its promise rejects, or it yields nothing. */
  expect: { threw: string } | { rejected: RegExp } | { returned: 'undefined' | RegExp };
}

const ESCAPES: Record<string, Escape> = {
  'this.constructor.constructor': { expression: "this.constructor.constructor('return process')()", expect: { threw: PROCESS_UNDEFINED } },
  'Function constructor': { expression: "Function('return process')()", expect: { threw: PROCESS_UNDEFINED } },
  'async function constructor': { expression: "(async () => {}).constructor('return process')()", expect: { rejected: /^ReferenceError: process is not defined$/ } },
  'generator function constructor': { expression: "(function* () {}).constructor('yield process')().next().value", expect: { threw: PROCESS_UNDEFINED } },
  'dynamic import built at runtime': { expression: `eval("imp" + "ort('node:fs')")`, expect: { rejected: /Not supported/ } },
  require: { expression: "require('node:fs')", expect: { threw: 'ReferenceError: require is not defined' } },
  'process.env': { expression: 'process.env', expect: { threw: PROCESS_UNDEFINED } },
  'globalThis.process': { expression: 'globalThis.process', expect: { returned: 'undefined' } },
  'req.constructor.constructor': { expression: "req.constructor.constructor('return process')()", needsRequest: true, expect: { threw: PROCESS_UNDEFINED } },
  'req.__proto__.constructor.constructor': { expression: "req.__proto__.constructor.constructor('return process')()", needsRequest: true, expect: { threw: PROCESS_UNDEFINED } },
  'req.headers.constructor.constructor': { expression: "req.headers.constructor.constructor('return process')()", needsRequest: true, expect: { threw: PROCESS_UNDEFINED } },
  'console.log.constructor': { expression: "console.log.constructor('return process')()", expect: { threw: PROCESS_UNDEFINED } },
  'hot.constructor.constructor': { expression: "hot.constructor.constructor('return process')()", expect: { threw: PROCESS_UNDEFINED } },
  'hot.data.constructor.constructor': { expression: "hot.data.constructor.constructor('return process')()", expect: { threw: PROCESS_UNDEFINED } },
  'stack trace call sites (getThis/getFunction)': {
    // The vm-module classic: V8 hands prepareStackTrace the frames' receivers and functions. Here every
    // frame is inside the isolate, so none of them leads to a `process`.
    expression: `(() => {
      const saved = Error.prepareStackTrace;
      Error.prepareStackTrace = (_, sites) => sites;
      const sites = new Error('probe').stack;
      Error.prepareStackTrace = saved;
      return sites.map((s) => {
        const self = s.getThis();
        const fn = s.getFunction();
        return String(self && typeof self.process) + '/' + String(fn && fn.constructor('return typeof process')());
      }).join(' ');
    })()`,
    expect: { returned: /^(?:(?:undefined|null|false)\/(?:undefined|null|false) ?)+$/ },
  },
};

/** A service whose handle tries every escape and reports, per name, what happened. */
function escapeService(): string {
  const attempts = Object.entries(ESCAPES)
    .map(([name, e]) => `  ${JSON.stringify(name)}: function (req) { return (${e.expression}); },`)
    .join('\n');
  return `const topThis = this;
const settled = {};
function describe(value) {
  if (value === undefined || value === null) return String(value);
  const type = typeof value;
  if (type === 'object' || type === 'function') {
    let keys = [];
    try { keys = Object.getOwnPropertyNames(value).slice(0, 20); } catch (e) {}
    return type + ' {' + keys.join(',') + '}';
  }
  return String(value);
}
const attempts = {
${attempts}
};
export function handle(req) {
  const out = {};
  for (const name of Object.keys(attempts)) {
    try {
      const value = attempts[name].call(topThis, req);
      if (value && typeof value.then === 'function') {
        out[name] = 'promise';
        value.then((v) => { settled[name] = 'resolved ' + describe(v); }, (e) => { settled[name] = 'rejected ' + String(e); });
      } else {
        out[name] = 'returned ' + describe(value);
      }
    } catch (e) {
      out[name] = 'threw ' + String(e);
    }
  }
  return { attempts: out, settled };
}
`;
}

/** Everything reachable from the isolate's globals, as text: the canary must be nowhere in it. */
const REACHABLE_TEXT = `(() => {
  const seen = new Set();
  const texts = [];
  const queue = [globalThis];
  while (queue.length && seen.size < 20000) {
    const value = queue.shift();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue;
    seen.add(value);
    queue.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const d = Object.getOwnPropertyDescriptor(value, key);
      if (!d || !('value' in d)) continue;
      if (typeof d.value === 'string') texts.push(d.value);
      else queue.push(d.value);
    }
  }
  return seen.size + ' objects: ' + texts.join('|');
})()`;

describe('learner code cannot reach the host', () => {
  let lab: Lab;
  beforeAll(async () => {
    process.env[CANARY_NAME] = CANARY;
    lab = await startLab(escapeService(), { traffic: { rate: 0 } });
  });
  afterAll(async () => {
    await lab?.close();
    delete process.env[CANARY_NAME];
  });

  it('every escape fails inside handle', async () => {
    await lab.get(); // starts the async attempts; their promises settle after the call returns
    const response = await lab.get();
    expect(response.status).toBe(200);
    expect(response.body).not.toContain(CANARY);
    const { attempts, settled } = JSON.parse(response.body) as { attempts: Record<string, string>; settled: Record<string, string> };
    for (const [name, escape] of Object.entries(ESCAPES)) {
      const got = attempts[name];
      if ('threw' in escape.expect) expect(got, name).toBe(`threw ${escape.expect.threw}`);
      else if ('rejected' in escape.expect) {
        expect(got, name).toBe('promise');
        expect(settled[name], name).toMatch(/^rejected /);
        expect(settled[name]!.slice('rejected '.length), name).toMatch(escape.expect.rejected);
      } else if (escape.expect.returned === 'undefined') expect(got, name).toBe('returned undefined');
      else expect(got!.slice('returned '.length), name).toMatch(escape.expect.returned);
    }
  });

  it('every escape fails through the REPL (engine.evaluate)', async () => {
    for (const [name, escape] of Object.entries(ESCAPES)) {
      if (escape.needsRequest) continue;
      const result = await lab.engine.evaluate(escape.expression);
      const seen = result.ok ? result.text : result.error;
      expect(seen, name).not.toContain(CANARY);
      if ('threw' in escape.expect) {
        expect(result, name).toMatchObject({ ok: false, error: escape.expect.threw });
      } else if ('rejected' in escape.expect) {
        // The REPL does not await: the promise is either shown unresolved or its rejection reported.
        if (result.ok) expect(result.text, name).not.toMatch(/process|env/);
        else expect(result.error, name).toMatch(escape.expect.rejected);
      } else if (escape.expect.returned === 'undefined') {
        expect(result, name).toEqual({ ok: true, text: 'undefined' });
      } else {
        expect(result.ok, name).toBe(true);
        expect(seen, name).toMatch(escape.expect.returned);
      }
    }
  });

  it('the host globals do not exist in the isolate', async () => {
    for (const name of ['process', 'require', 'module', 'exports', 'Buffer', '__dirname', 'setTimeout', 'fetch', 'WebAssembly']) {
      expect(await lab.engine.evaluate(`typeof ${name}`), name).toEqual({ ok: true, text: 'undefined' });
    }
  });

  it("the host's environment is readable by none of them, nor anywhere in the isolate", async () => {
    const reachable = await lab.engine.evaluate(REACHABLE_TEXT);
    expect(reachable.ok).toBe(true);
    if (reachable.ok) {
      expect(reachable.text).toMatch(/^\d{3,} objects: /); // the walk really covered the globals
      expect(reachable.text).not.toContain(CANARY);
      expect(reachable.text).not.toContain(CANARY_NAME);
    }
    for (const expression of ["Function('return process.env." + CANARY_NAME + "')()", `this.constructor.constructor('return process')().env.${CANARY_NAME}`]) {
      const result = await lab.engine.evaluate(expression);
      expect(result).toMatchObject({ ok: false, error: PROCESS_UNDEFINED });
    }
  });

  it('the sandbox process does not even receive the host environment (defence in depth)', async ({ skip }) => {
    const pid = lab.engine.getSnapshot().sandbox.pid;
    let environ: string;
    try {
      environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    } catch {
      return skip('no /proc on this system');
    }
    expect(environ).toContain('HOTLAB_LIMITS=');
    expect(environ).not.toContain(CANARY);
  });
});

describe('anything but the workspace\'s own modules is refused in the file, with the place', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab('export function handle(req) { return "ok"; }\n', { traffic: { rate: 0 } });
  });
  afterAll(() => lab?.close());

  it('dynamic import() is refused by the parser', async () => {
    const record = await lab.save("export function handle(req) {\n  return import('node:fs');\n}\n");
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toContain('dynamic `import()` is not available in the sandbox');
    expect(record.location).toEqual({ file: 'service.js', line: 2, column: 10 });
    expect(await lab.get()).toMatchObject({ version: 1, body: 'ok' });
  });

  it('a static import of a Node built-in is refused where its name is written', async () => {
    const record = await lab.save("import { readFileSync } from 'node:fs';\nexport function handle(req) { return readFileSync('/etc/passwd', 'utf8'); }\n");
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toContain('`node:fs` is a Node built-in module: the sandbox has no Node APIs');
    expect(record.location).toEqual({ file: 'service.js', line: 1, column: 30 });
    expect(await lab.get()).toMatchObject({ version: 1, body: 'ok' });
  });

  it('import.meta is refused by the parser', async () => {
    const record = await lab.save('export function handle(req) {\n  return import.meta.url;\n}\n');
    expect(record.outcome).toBe('rejected');
    expect(record.location).toEqual({ file: 'service.js', line: 2, column: 10 });
  });

  it('require() in a handler fails the test-run with its place', async () => {
    const record = await lab.save("export function handle(req) {\n  const fs = require('node:fs');\n  return fs.readFileSync('/etc/passwd', 'utf8');\n}\n");
    expect(record.outcome).toBe('rejected');
    expect(record.reason).toContain('ReferenceError: require is not defined');
    expect(record.location).toEqual({ file: 'service.js', line: 2, column: 14 });
    expect(await lab.get()).toMatchObject({ version: 1, body: 'ok' });
  });
});
