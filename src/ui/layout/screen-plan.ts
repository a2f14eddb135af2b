// Pure: from the terminal size, the view state and the snapshot to every panel's rows.
import type { EngineSnapshot } from '../../engine/types.ts';
import { latestChange } from '../feed/change-rows.ts';
import { currentLogs } from '../feed/ended-problems.ts';
import { planMessages, type MessagesPlan } from '../feed/feed-rows.ts';
import type { Messages } from '../shared/messages.ts';
import { keyOf } from '../keys/key-table.ts';
import { computeLayout, type LabLayout } from './layout.ts';

export interface ScreenPlan {
  layout: LabLayout;
  messages: MessagesPlan;
  /** The notice row under the lesson pane: a problem (deleted file, crashed sandbox) or else the heap warning. */
  notice: 'problem' | 'heap' | null;
  /** Rows for help or compare, which cover the feed, stats, messages and REPL. */
  overlayRows: number;
  feedRows: number;
  statsRows: number;
}

export interface ScreenInput {
  columns: number;
  rows: number;
  replFocused: boolean;
  overlayOpen: boolean;
  /** A lesson session is open (see LayoutInput.lessonPane). @default false */
  lessonPane?: boolean;
  snapshot: Pick<EngineSnapshot, 'problem' | 'updates' | 'logs' | 'rejection' | 'reverted' | 'sandbox' | 'modules' | 'heapWarning'>;
  messages: Messages;
  /** Paths are shown relative to this folder (the workspace). */
  base: string;
  /** Problems that have ended (feed/ended-problems.ts): engine logs restating them leave the log strip. @default [] */
  endedProblems?: readonly string[];
}

export function planScreen({ columns, rows, replFocused, overlayOpen, lessonPane = false, snapshot, messages, base, endedProblems = [] }: ScreenInput): ScreenPlan {
  const notice = snapshot.problem !== null ? 'problem' : snapshot.heapWarning ? 'heap' : null;
  const layout = computeLayout({ columns, rows, replFocused, lessonPane, hasProblem: notice !== null });
  const change = latestChange(snapshot);
  const context = {
    messages,
    base,
    width: layout.columns,
    waiting: snapshot.sandbox.state === 'waiting',
    programSize: snapshot.modules.length,
    more: `(${messages.readAll(keyOf('readAll'))})`,
  };
  const plan = planMessages(currentLogs(snapshot.logs, endedProblems, snapshot.problem), change, context, layout.mainRows);
  const splitRows = layout.mainRows - plan.rows;
  const statsRows = layout.mode === 'split' ? splitRows : Math.min(10, Math.floor(splitRows / 2));
  return {
    layout,
    messages: plan,
    notice,
    overlayRows: layout.mainRows + layout.replRows,
    feedRows: layout.mode === 'split' ? splitRows : splitRows - statsRows,
    statsRows,
  };
}
