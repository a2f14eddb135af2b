// Pure row budget of the stats panel: header, the waterfall, then the updates table and the per-strategy
// summaries share what is left (the table keeps at least its header and the newest row).

export interface StatsPlan {
  waterfallRows: number;
  /** Including the table's header row; 0 when there is no room or nothing to show. */
  tableRows: number;
  summaryRows: number;
}

export function planStats(height: number, stageCount: number, updateCount: number, strategyCount: number): StatsPlan {
  let free = Math.max(0, height - 1);
  const waterfallRows = Math.min(stageCount, free);
  free -= waterfallRows;
  const wantTable = updateCount === 0 ? 0 : updateCount + 1;
  let tableRows = Math.min(wantTable, free >= 2 ? 2 : 0);
  free -= tableRows;
  const summaryRows = Math.min(strategyCount, free);
  free -= summaryRows;
  tableRows += Math.min(free, wantTable - tableRows);
  return { waterfallRows, tableRows, summaryRows };
}
