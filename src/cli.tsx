// Argument parsing only: picks the lab (TUI) or a headless command and hands it what it needs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from './package-root.ts';
import { HotlabError } from './engine/errors.ts';
import { isStrategyName } from './engine/strategies/registry.ts';
import { STRATEGY_NAMES, type RestartMode, type StrategyName } from './engine/types.ts';

const HELP = `hotlab — learn how hot code updates really work

Usage
  hotlab [--workspace DIR] [--lang en|zh] [--rate N] [--port N] [--polling]
                                              open the lab (needs a terminal)
  hotlab serve DIR|FILE [options]             serve a workspace (DIR's service.ts or service.js, or the entry
                                              FILE) over HTTP, hot-updating it on every save of its modules
  hotlab bench [--json]                       the same edits under every strategy, one table
  hotlab lessons [--workspace DIR] [--lang en|zh]
                                              the lessons, your progress and the current one
  hotlab check [LESSON] [--workspace DIR] [--json] [--lang en|zh]
                                              check your files against the current lesson (or LESSON:
                                              an id or a number, which becomes the current one); exit 0
                                              when it passes
  hotlab doctor [--workspace DIR] [--json]    can hotlab see your saves there? recommends --polling if not
  hotlab --help | --version

The workspace (the lab, lessons, check, doctor)
  --workspace DIR       the folder with your service.js and your progress (DIR/.hotlab/). Without it: the
                        current folder if it is a workspace (it holds .hotlab/), else ./sandbox

serve options
  --strategy S          ${STRATEGY_NAMES.join(' | ')} (default file-watch)
  --restart MODE        cold | graceful, for binary-replace (default graceful)
  --port N              HTTP port, 0 picks a free one (default 8787)
  --host ADDR           address to listen on (default 127.0.0.1)
  --json                one JSON event per line on stdout (ready, update, rejected, log)
  --rate N              in-process traffic, requests per second (default 100, 0 for none)
  --call-timeout MS     time limit of one call into the service (default 100)
  --memory MB           isolate heap limit (default 64)
  --polling             poll the file instead of waiting for file system events

Strategies
  file-watch        fsnotify + reload: the whole file again; state resets except hot.data
  plugin-swap       plugin.Open + Lookup: loaded next to the old one; old versions stay loaded
  reflection-patch  reflect.Value.Set: changed functions patched in place; state kept, shape fixed
  binary-replace    go build + os.Rename + restart: a new process (cold, or graceful hand-over)
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function number(value: string | undefined, flag: string, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new HotlabError(`${flag} takes a number, not "${value}"`);
  return n;
}

function strategyOf(value: string | undefined): StrategyName {
  if (value === undefined) return 'file-watch';
  if (!isStrategyName(value)) throw new HotlabError(`unknown strategy "${value}": choose one of ${STRATEGY_NAMES.join(', ')}`);
  return value;
}

function restartOf(value: string | undefined): RestartMode {
  if (value === undefined) return 'graceful';
  if (value !== 'cold' && value !== 'graceful') throw new HotlabError(`--restart is cold or graceful, not "${value}"`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      workspace: { type: 'string' },
      lang: { type: 'string' },
      strategy: { type: 'string' },
      restart: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      json: { type: 'boolean' },
      rate: { type: 'string' },
      'call-timeout': { type: 'string' },
      memory: { type: 'string' },
      polling: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`hotlab ${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  switch (command) {
    case 'serve': {
      const file = rest[0];
      if (!file) throw new HotlabError('serve needs a workspace or its entry module: hotlab serve sandbox (or sandbox/service.js)');
      const { serve } = await import('./commands/serve.ts');
      return serve({
        file,
        strategy: strategyOf(values.strategy),
        restart: restartOf(values.restart),
        port: number(values.port, '--port', 8787)!,
        host: values.host ?? '127.0.0.1',
        json: values.json ?? false,
        rate: number(values.rate, '--rate', 100)!,
        callTimeoutMs: number(values['call-timeout'], '--call-timeout'),
        memoryLimitMb: number(values.memory, '--memory'),
        polling: values.polling ?? false,
      });
    }
    case 'bench': {
      const { bench } = await import('./commands/bench.ts');
      return bench({ json: values.json ?? false });
    }
    case 'lessons': {
      const { listLessons } = await import('./commands/lessons.ts');
      return listLessons({ workspace: values.workspace, lang: values.lang });
    }
    case 'check': {
      const { checkLesson } = await import('./commands/check.ts');
      return checkLesson({ lesson: rest[0], workspace: values.workspace, json: values.json ?? false, lang: values.lang });
    }
    case 'doctor': {
      const { doctor } = await import('./commands/doctor.ts');
      return doctor({ workspace: values.workspace, json: values.json ?? false });
    }
    case undefined: {
      const { openLab } = await import('./commands/lab.ts');
      return openLab({
        workspace: values.workspace,
        lang: values.lang === 'zh' ? 'zh' : values.lang === 'en' ? 'en' : undefined,
        rate: number(values.rate, '--rate'),
        polling: values.polling ?? false,
        port: number(values.port, '--port'),
        host: values.host,
      });
    }
    default:
      throw new HotlabError(`unknown command "${command}". Run hotlab --help for the list.`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const known = error instanceof HotlabError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    process.stderr.write(`hotlab: ${message}\n`);
    if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = known ? 2 : 1;
  },
);
