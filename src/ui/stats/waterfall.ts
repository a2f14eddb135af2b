// Pure geometry of the stage waterfall: each stage is a bar that starts where the previous one ended,
// with a length proportional to its milliseconds, so the slow stage is the long bar.
import type { StageTimings } from '../../engine/types.ts';

/** Stages in the order an update runs them (design §4). */
export const STAGES = ['detect', 'debounce', 'read', 'compile', 'link', 'migrate', 'swap', 'firstResponse'] as const;
export type Stage = (typeof STAGES)[number];

/** Labels as the stats panel prints them; `firstResponse` is shortened to fit a narrow column. */
export const STAGE_LABELS: Record<Stage, string> = {
  detect: 'detect',
  debounce: 'debounce',
  read: 'read',
  compile: 'compile',
  link: 'link',
  migrate: 'migrate',
  swap: 'swap',
  firstResponse: '1st resp',
};

export interface WaterfallRow {
  stage: Stage;
  ms: number;
  /** Cells of empty track before the bar; the bar (or a 0 ms stage's 1-cell tick) always ends inside the track. */
  offset: number;
  /** Cells of bar; at least 1 for any stage that took time, so short stages stay visible; 0: drawn as a tick. */
  length: number;
}

/** Rows for the stages that ran (absent stages are skipped), scaled to `barWidth` cells. */
export function planWaterfall(timings: StageTimings, barWidth: number): WaterfallRow[] {
  const present = STAGES.flatMap((stage) => {
    const ms = timings[stage];
    return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? [{ stage, ms }] : [];
  });
  const sum = present.reduce((a, row) => a + row.ms, 0);
  const width = Math.max(1, barWidth);
  let before = 0;
  return present.map(({ stage, ms }) => {
    const start = sum === 0 ? 0 : Math.round((before / sum) * width);
    const end = sum === 0 ? 0 : Math.round(((before + ms) / sum) * width);
    before += ms;
    const minimum = ms > 0 ? 1 : 0;
    // A stage of 0 ms still takes one cell (its tick): a last stage of 0 ms starts at the track's end, and its
    // tick past the end pushed the row one cell over, so the panel's edge cut the milliseconds (`1st resp ▏ 0…`).
    const offset = Math.min(start, width - 1);
    const length = Math.min(Math.max(end - start, minimum), width - offset);
    return { stage, ms, offset, length };
  });
}
