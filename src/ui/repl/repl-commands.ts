// Parsing REPL lines into commands: pure, so `:strategy 2` and `:set hits 5` are tested as data.
import { STRATEGY_NAMES, type RestartMode, type StrategyName } from '../../engine/types.ts';

export type ReplCommand =
  | { kind: 'empty' }
  | { kind: 'eval'; expression: string }
  | { kind: 'strategy'; strategy: StrategyName; restart?: RestartMode }
  | { kind: 'reload' }
  | { kind: 'rollback' }
  | { kind: 'stats' }
  | { kind: 'set'; name: string; value: string }
  | { kind: 'module'; name: string | null }
  | { kind: 'unload' }
  | { kind: 'help' }
  | { kind: 'clear' }
  | { kind: 'unknownCommand'; name: string }
  | { kind: 'unknownStrategy'; name: string }
  | { kind: 'usage'; command: CommandName };

export const COMMANDS = ['strategy', 'reload', 'rollback', 'stats', 'set', 'module', 'unload', 'help', 'clear'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const COMMAND_USAGE: Record<CommandName, string> = {
  strategy: ':strategy NAME|1-4 [cold|graceful]',
  reload: ':reload',
  rollback: ':rollback',
  stats: ':stats',
  set: ':set NAME VALUE',
  module: ':module [NAME]',
  unload: ':unload',
  help: ':help',
  clear: ':clear',
};

/** `plugin-swap`, `2`, or an unambiguous prefix such as `plugin`. */
export function parseStrategy(word: string): StrategyName | undefined {
  const lower = word.toLowerCase();
  const byNumber = /^[1-4]$/.test(lower) ? STRATEGY_NAMES[Number(lower) - 1] : undefined;
  if (byNumber) return byNumber;
  const exact = STRATEGY_NAMES.find((name) => name === lower);
  if (exact) return exact;
  const prefixed = STRATEGY_NAMES.filter((name) => name.startsWith(lower));
  return lower !== '' && prefixed.length === 1 ? prefixed[0] : undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function parseReplLine(raw: string): ReplCommand {
  const line = raw.trim();
  if (line === '') return { kind: 'empty' };
  if (!line.startsWith(':')) return { kind: 'eval', expression: line };
  const match = /^:(\S*)\s*(.*)$/s.exec(line);
  const name = match?.[1] ?? '';
  const rest = (match?.[2] ?? '').trim();
  switch (name) {
    case 'strategy':
    case 's': {
      const [word, mode, ...extra] = rest.split(/\s+/).filter(Boolean);
      if (!word || extra.length > 0 || (mode !== undefined && mode !== 'cold' && mode !== 'graceful')) {
        return { kind: 'usage', command: 'strategy' };
      }
      const strategy = parseStrategy(word);
      if (!strategy) return { kind: 'unknownStrategy', name: word };
      return mode === undefined ? { kind: 'strategy', strategy } : { kind: 'strategy', strategy, restart: mode };
    }
    case 'reload':
    case 'rollback':
    case 'stats':
    case 'unload':
    case 'help':
    case 'clear':
      return { kind: name };
    case 'module':
    case 'm': {
      const words = rest.split(/\s+/).filter(Boolean);
      if (words.length > 1) return { kind: 'usage', command: 'module' };
      return { kind: 'module', name: words[0] ?? null };
    }
    case 'set': {
      const setMatch = /^(\S+)\s+(.+)$/s.exec(rest);
      if (!setMatch || !IDENTIFIER.test(setMatch[1] ?? '')) return { kind: 'usage', command: 'set' };
      return { kind: 'set', name: setMatch[1] ?? '', value: (setMatch[2] ?? '').trim() };
    }
    default:
      return { kind: 'unknownCommand', name };
  }
}
