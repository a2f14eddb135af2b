// What an applied update did to the program's state, in the three words a learner can check against the code:
// kept, lost, or none to keep. "state kept" on a program with no state (lesson 3's routes, a first start) read as
// a promise the lesson then contradicted ("everything starts over").
import type { UpdateRecord } from '../../engine/types.ts';
import type { Messages } from './messages.ts';
import type { Piece } from './rows.ts';

export type RecordState = 'kept' | 'lost' | 'none';

/**
 * `programSize`: modules in the program. A module the update did not touch kept running with whatever it held, so
 * only an update that touched every module, none of them holding state, had none to keep; an unknown size
 * (undefined) never says none.
 */
export function recordState(record: UpdateRecord, programSize?: number): RecordState {
  // The first version to run had nothing before it to keep.
  if (record.previousVersion === null) return 'none';
  const touched = record.modules ?? [];
  if (programSize !== undefined && touched.length >= programSize && touched.length > 0 && !touched.some((change) => change.stateful)) return 'none';
  return record.stateKept ? 'kept' : 'lost';
}

/** The words of a state for an update line, with their tone. */
export function stateWords(state: RecordState, m: Pick<Messages, 'stateKept' | 'stateLost' | 'stateNone'>): Piece {
  if (state === 'none') return { text: m.stateNone, tone: 'muted' };
  return state === 'kept' ? { text: m.stateKept, tone: 'good' } : { text: m.stateLost, tone: 'warn' };
}
