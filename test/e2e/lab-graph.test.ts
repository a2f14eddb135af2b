// The lab on a program of three modules, end to end: the built CLI in a real terminal (tmux), a save of the leaf
// written from outside, the modules line and the modules row read off the screen, and the REPL pointed at the
// leaf's scope with `:module`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, NODE, ensureBuilt } from './cli-process.ts';
import { TmuxSession } from './tmux.ts';

// service.js imports routes.js, which imports greet.js. greet.js and service.js hold state; routes.js is functions.
const SERVICE = "import { route } from './routes.js';\nlet hits = 0;\nexport function handle(req) {\n  hits++;\n  return route(req);\n}\n";
const ROUTES = "import { greet } from './greet.js';\nexport function route(req) {\n  return greet(req.query.name ?? 'world');\n}\n";
const GREET = (word: string) => `let calls = 0;\nconst greeting = '${word}';\nexport function greet(name) {\n  calls++;\n  return \`\${greeting} \${name} #\${calls}\`;\n}\n`;

describe('the lab on a program of several modules', () => {
  let dir: string;
  let tmux: TmuxSession;

  beforeAll(async () => {
    expect(TmuxSession.available(), 'tmux is required for the end-to-end lab test').toBe(true);
    ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'hotlab-lab-graph-'));
    tmux = new TmuxSession(`hotlab-graph-${process.pid}`);
  }, 120_000);

  afterAll(async () => {
    tmux?.kill();
    await rm(dir, { recursive: true, force: true, maxRetries: 10 }); // the killed lab may still be writing in it for a moment
  });

  it('shows what a save of the leaf re-ran, and evaluates in the leaf with :module', async () => {
    // The lesson's starter is copied only where service.js is missing: with the learner's own service.js in place,
    // the lab runs their program (lesson 1 opens beside it and its check says what it thinks).
    const workspace = join(dir, 'sandbox');
    await mkdir(workspace, { recursive: true });
    await writeFile(join(workspace, 'service.js'), SERVICE);
    await writeFile(join(workspace, 'routes.js'), ROUTES);
    await writeFile(join(workspace, 'greet.js'), GREET('hello'));
    tmux.start(`${NODE} ${CLI} --workspace ${workspace} --lang en --rate 5`, 120, 40);

    // The program runs: the stats panel lists its modules, each loaded by v1.
    let screen = await tmux.waitFor(/3 modules greet\.js v1 · routes\.js v1 · service\.js v1/);
    await tmux.waitFor(/v1\s+hello world #\d+/);
    expect(screen).toContain('+2 modules');

    // A learner's save of the leaf, from another window: file-watch re-runs it and its importers.
    await writeFile(join(workspace, 'greet.js'), GREET('hi'));
    screen = await tmux.waitFor(/↳ greet\.js → routes\.js → service\.js re-run · state lost in 2 modules/);
    expect(screen).toMatch(/✓ v1 → v2 applied · file-watch/);
    await tmux.waitFor(/v2\s+hi world #\d+/);
    await tmux.waitFor(/3 modules greet\.js v2 · routes\.js v2 · service\.js v2/);

    // The REPL starts in the entry's scope, where greet.js's own binding is not visible…
    tmux.keys(':');
    await tmux.waitFor(/service\.js› :/);
    tmux.keys('BSpace');
    tmux.type('typeof greeting');
    tmux.keys('Enter');
    await tmux.waitFor(/service\.js› typeof greeting\nundefined\n/);

    // …and :module points it at greet.js, where it is.
    tmux.type(':module greet.js');
    tmux.keys('Enter');
    await tmux.waitFor(/now in greet\.js's scope/);
    tmux.type('greeting.toUpperCase() + calls * 0');
    tmux.keys('Enter');
    screen = await tmux.waitFor(/greet\.js› greeting\.toUpperCase\(\) \+ calls \* 0\nHI0\n/);
    expect(screen).not.toMatch(/ReferenceError/);

    // Back to the lab keys, then quit cleanly.
    tmux.keys('Escape');
    await tmux.waitFor(/1-4 strategy/);
    tmux.keys('q');
    screen = await tmux.waitFor(/EXIT CODE \d+/);
    expect(screen).toMatch(/EXIT CODE 0/);
  }, 120_000);
});

