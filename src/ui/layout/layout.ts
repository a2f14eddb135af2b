// Pure row and column budgets for the lab screen. Every panel gets an exact height, so the frame is never
// taller than the terminal (a frame taller than the terminal makes Ink clear and redraw the whole screen).

export interface LayoutInput {
  columns: number;
  rows: number;
  replFocused: boolean;
  hasProblem: boolean;
  /** A lesson is open: the lesson pane gets rows of its own (about 45% of what the panels share). @default false */
  lessonPane?: boolean;
}

export interface LabLayout {
  columns: number;
  rows: number;
  /** `split`: feed and stats side by side. `stacked`: narrower than 72 columns, stats below the feed. */
  mode: 'split' | 'stacked';
  barRows: number;
  lessonRows: number;
  problemRows: number;
  mainRows: number;
  replRows: number;
  statusRows: number;
  hintRows: number;
  feedWidth: number;
  statsWidth: number;
  gap: number;
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

export function computeLayout({ columns, rows, replFocused, hasProblem, lessonPane = false }: LayoutInput): LabLayout {
  const width = Math.max(20, columns);
  const height = Math.max(10, rows);
  let lessonRows = lessonPane ? clamp(Math.floor((height - 5) * 0.45), 3, 16) : height >= 36 ? 2 : 1;
  const problemRows = hasProblem ? 1 : 0;
  let replRows = replFocused ? clamp(Math.floor(height / 3), 4, 14) : height >= 30 ? 3 : 2;
  const fixed = () => 1 + lessonRows + problemRows + replRows + 1 + 1;
  // Small terminals: give rows back to the feed before the feed becomes useless.
  while (height - fixed() < 6 && replRows > (replFocused ? 2 : 1)) replRows--;
  while (height - fixed() < 6 && lessonRows > 3) lessonRows--;
  if (height - fixed() < 6) lessonRows = 0;
  const mainRows = Math.max(1, height - fixed());

  const mode = width >= 72 ? 'split' : 'stacked';
  const gap = mode === 'split' ? 1 : 0;
  const statsWidth = mode === 'split' ? clamp(Math.floor(width * 0.48), 40, 64) : width;
  const feedWidth = mode === 'split' ? width - statsWidth - gap : width;
  return {
    columns: width,
    rows: height,
    mode,
    barRows: 1,
    lessonRows,
    problemRows,
    mainRows,
    replRows,
    statusRows: 1,
    hintRows: 1,
    feedWidth,
    statsWidth,
    gap,
  };
}
