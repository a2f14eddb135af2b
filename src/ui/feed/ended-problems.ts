// The engine logs a problem as it starts (`service.js was deleted: v4 keeps serving`) and says nothing when it
// ends (the file is back). The problem line clears with `snapshot.problem`; this keeps the log strip from going on
// saying it: the problems that ended are remembered, and an engine log restating one of them is no longer shown.
import { useRef } from 'react';
import type { LogEntry } from '../../engine/types.ts';

/** Ended problems remembered; older ones have long scrolled out of the log strip. */
const REMEMBERED = 8;

/** Whether an engine log says what `problem` says: the log's first clause begins the problem. */
export function restatesProblem(entry: Pick<LogEntry, 'source' | 'message'>, problem: string): boolean {
  if (entry.source !== 'engine') return false;
  const clause = entry.message.split(/[:;]/)[0]?.trim() ?? '';
  return clause.length > 0 && problem.startsWith(clause);
}

/** The logs, without engine logs that restate a problem which has ended and is not the current one. */
export function currentLogs(logs: readonly LogEntry[], ended: readonly string[], problem: string | null): readonly LogEntry[] {
  if (ended.length === 0) return logs;
  const over = (entry: LogEntry) => ended.some((text) => restatesProblem(entry, text)) && !(problem !== null && restatesProblem(entry, problem));
  return logs.some(over) ? logs.filter((entry) => !over(entry)) : logs;
}

/** The problems (snapshot.problem) that were shown and have since ended, newest last. */
export function useEndedProblems(problem: string | null): readonly string[] {
  const seen = useRef<{ last: string | null; ended: readonly string[] }>({ last: null, ended: [] });
  const { last, ended } = seen.current;
  if (last !== problem) {
    seen.current = { last: problem, ended: last === null ? ended : [...ended.filter((text) => text !== last), last].slice(-REMEMBERED) };
  }
  return seen.current.ended;
}
