// The bench scripts' command lines: --help prints the usage, and a mistyped option gets the usage and exit code 2
// instead of Node's stack trace (ERR_PARSE_ARGS_UNKNOWN_OPTION).
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export function benchArgs<T extends Options>(usage: string, options: T): ReturnType<typeof parseArgs<{ options: T }>>['values'] {
  const withHelp = { ...options, help: { type: 'boolean', short: 'h' } } as T;
  try {
    const { values } = parseArgs({ options: withHelp });
    if ((values as { help?: boolean }).help) {
      process.stdout.write(`${usage.trim()}\n`);
      process.exit(0);
    }
    return values;
  } catch (error) {
    if (!(error instanceof Error) || !('code' in error) || !String(error.code).startsWith('ERR_PARSE_ARGS')) throw error;
    process.stderr.write(`${error.message}\n${usage.trim()}\n`);
    process.exit(2);
  }
}
