// Runs one parsed REPL command against the engine and returns what to print. Engine failures become
// printed errors (first line only), never exceptions that reach the screen.
import { STRATEGY_NAMES, type EngineSnapshot, type EvalResult, type LabEngine } from '../../engine/types.ts';
import { describeUpdate } from '../feed/describe-update.ts';
import { firstLine, formatLocation, formatMs } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
import { COMMANDS, COMMAND_USAGE, type ReplCommand } from './repl-commands.ts';
import { replExamples } from './repl-examples.ts';
import { chooseScope, scopeNames } from './repl-scope.ts';
import type { ReplLineKind, ReplTopic } from './repl-state.ts';
import { sparkline, strategyRows } from '../stats/stats.ts';

export interface Printed {
  kind: ReplLineKind;
  text: string;
  /** Taken back when what it says ends (repl-state.ts ReplTopic). */
  topic?: ReplTopic;
}

/** Pretty results can be long; the console shows this many lines of one result. */
const MAX_RESULT_LINES = 40;

function capLines(text: string, messages: Messages): string {
  const lines = text.split(/\r?\n/);
  if (lines.length <= MAX_RESULT_LINES) return text;
  return [...lines.slice(0, MAX_RESULT_LINES), messages.moreLines(lines.length - MAX_RESULT_LINES)].join('\n');
}

/** What the line printed with console.* (as a terminal REPL shows it), then its value or its error. */
function printEval(result: EvalResult, messages: Messages, base: string): Printed[] {
  const printed: Printed[] = (result.printed ?? []).map((line) => ({
    kind: line.level === 'error' || line.level === 'warn' ? 'error' : 'info',
    text: capLines(line.text, messages),
  }));
  if (result.ok) return [...printed, { kind: 'result', text: capLines(result.text, messages) }];
  const where = result.location ? ` (${formatLocation(result.location, base)})` : '';
  return [...printed, { kind: 'error', text: `${firstLine(result.error)}${where}` }];
}

export function errorText(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

export function statsLines(engine: LabEngine, messages: Messages): Printed[] {
  const rows = strategyRows(engine.getSnapshot().updates);
  if (rows.length === 0) return [{ kind: 'info', text: messages.noStats }];
  return rows.map(({ strategy, summary, totals }) => ({
    kind: 'result',
    text:
      `${strategy.padEnd(17)} n=${String(summary.total.count).padEnd(3)} p50 ${formatMs(summary.total.p50).padStart(7)}` +
      `  p95 ${formatMs(summary.total.p95).padStart(7)}  max ${formatMs(summary.total.max).padStart(7)}` +
      `${summary.rejected > 0 ? `  ✗${summary.rejected}` : ''}  ${sparkline(totals, 12)}`,
  }));
}

/** The commands, then expressions that work in the scope the REPL is in (or what to do while nothing runs). */
export function helpLines(messages: Messages, snapshot: Pick<EngineSnapshot, 'scope' | 'scopes' | 'requests'>, module: string | null = null): Printed[] {
  const examples = replExamples(scopeNames(snapshot, module), snapshot.requests);
  return [
    ...COMMANDS.map((name): Printed => ({ kind: 'info', text: `${COMMAND_USAGE[name].padEnd(36)} ${messages.replCommands[name]}` })),
    ...(examples.length > 0
      ? examples.map((example): Printed => ({ kind: 'info', text: `${'EXPR'.padEnd(36)} ${example}` }))
      : [{ kind: 'info' as const, text: `${'EXPR'.padEnd(36)} ${messages.replNothingRuns.trim()}` }]),
  ];
}

/** The module the REPL evaluates in (null: the entry), and how `:module` changes it. */
export interface ReplScope {
  module: string | null;
  choose: (module: string | null) => void;
}

const ENTRY_SCOPE: ReplScope = { module: null, choose: () => {} };

export async function executeReplCommand(
  command: ReplCommand,
  engine: LabEngine,
  messages: Messages,
  base: string,
  scope: ReplScope = ENTRY_SCOPE,
): Promise<Printed[]> {
  // The entry's scope is the engine's default: it is asked without a module, as for a one-file program.
  const module = scope.module ?? undefined;
  const programSize = () => engine.getSnapshot().modules?.length ?? 1;
  try {
    switch (command.kind) {
      case 'empty':
      case 'clear':
        return [];
      case 'eval':
        return printEval(await (module ? engine.evaluate(command.expression, module) : engine.evaluate(command.expression)), messages, base);
      case 'set':
        return printEval(await (module ? engine.setValue(command.name, command.value, module) : engine.setValue(command.name, command.value)), messages, base);
      case 'module': {
        const choice = chooseScope(command.name, engine.getSnapshot(), messages);
        if (choice.ok) scope.choose(choice.module);
        return [{ kind: choice.ok ? 'info' : 'error', text: choice.text }];
      }
      case 'unload': {
        const count = await engine.unloadRetained();
        return [{ kind: 'info', text: count > 0 ? messages.unloaded(count) : messages.nothingToUnload }];
      }
      case 'strategy':
        return [describeUpdate(await engine.setStrategy(command.strategy, command.restart), messages, base, undefined, programSize())];
      case 'reload':
        return [describeUpdate(await engine.reload(), messages, base, undefined, programSize())];
      case 'rollback':
        return [describeUpdate(await engine.rollback(), messages, base, messages.nothingToRollBack, programSize())];
      case 'stats':
        return statsLines(engine, messages);
      case 'help':
        return helpLines(messages, engine.getSnapshot(), scope.module);
      case 'unknownCommand':
        return [{ kind: 'error', text: messages.unknownCommand(command.name, COMMANDS.map((c) => `:${c}`).join(' ')) }];
      case 'unknownStrategy':
        return [{ kind: 'error', text: messages.unknownStrategy(command.name, STRATEGY_NAMES.map((name, i) => `${i + 1} ${name}`).join(', ')) }];
      case 'usage':
        return [{ kind: 'error', text: messages.usage(COMMAND_USAGE[command.command]) }];
    }
  } catch (error) {
    return [{ kind: 'error', text: messages.commandFailed(errorText(error)) }];
  }
}
