// Pure: from the terminal size, the view state and the snapshot to every panel's rows. The rejected update
// and the problem line usually say the same thing; the plan shows it once (see `showProblem`).
import type { EngineSnapshot } from '../../engine/types.ts';
import { currentRejection, planMessages, type MessagesPlan } from '../feed/feed-rows.ts';
import { computeLayout, type LabLayout } from './layout.ts';

export interface ScreenPlan {
  layout: LabLayout;
  messages: MessagesPlan;
  showProblem: boolean;
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
  snapshot: Pick<EngineSnapshot, 'problem' | 'updates' | 'logs'>;
}

export function planScreen({ columns, rows, replFocused, overlayOpen, lessonPane = false, snapshot }: ScreenInput): ScreenPlan {
  const rejection = currentRejection(snapshot.updates);
  // The engine sets a rejection's sentence as the problem too. The message strip shows it with its location,
  // unless an overlay covers the strip or the terminal is too small for the strip to show it.
  const sameAsRejection = !overlayOpen && rejection !== null && snapshot.problem === rejection.reason;
  let layout = computeLayout({ columns, rows, replFocused, lessonPane, hasProblem: snapshot.problem !== null && !sameAsRejection });
  let messages = planMessages(snapshot.logs, snapshot.updates, layout.mainRows);
  const showProblem = snapshot.problem !== null && !(sameAsRejection && messages.rejection !== null);
  if (showProblem && sameAsRejection) {
    layout = computeLayout({ columns, rows, replFocused, lessonPane, hasProblem: true });
    messages = planMessages(snapshot.logs, snapshot.updates, layout.mainRows);
  }
  const splitRows = layout.mainRows - messages.rows;
  const statsRows = layout.mode === 'split' ? splitRows : Math.min(10, Math.floor(splitRows / 2));
  return {
    layout,
    messages,
    showProblem,
    overlayRows: layout.mainRows + layout.replRows,
    feedRows: layout.mode === 'split' ? splitRows : splitRows - statsRows,
    statsRows,
  };
}
