// Pure content of the status line as segments with priorities: when the line is too narrow, segments are shortened
// or dropped, the least important first (the file name is already in the lesson pane), never the counters. What a
// lesson asks the learner to watch stays longest: `retained` (lesson 5), the heap and the pid. The file is the
// entry, `+2 modules` when it imports others; the heap says its limit and warns while it fills.
import type { EngineSnapshot, SandboxState } from '../../engine/types.ts';
import { cellWidth, displayPath, formatBytes, formatCount } from '../shared/format.ts';
import type { Messages } from '../shared/messages.ts';
import type { Tone } from '../shared/theme.ts';

export interface Piece {
  text: string;
  tone?: Tone;
}

export interface Segment {
  /** When the segment is dropped: the higher, the sooner; 0 is kept longest. */
  priority: number;
  pieces: Piece[];
  /** A shorter form, taken (at its own priority, on the same scale) before anything of lower priority goes. */
  short?: { priority: number; pieces: Piece[] };
}

const SANDBOX_TONE: Record<SandboxState, Tone> = {
  starting: 'warn',
  waiting: 'bad',
  ready: 'good',
  restarting: 'warn',
  down: 'bad',
  stopped: 'muted',
};

export const SEPARATOR = ' · ';

export function statusSegments(snapshot: EngineSnapshot, quitting: boolean, messages: Messages, cwd: string): Segment[] {
  const { sandbox } = snapshot;
  const others = Math.max(0, snapshot.modules.length - 1);
  const segments: Segment[] = [
    { priority: 9, pieces: [{ text: displayPath(snapshot.file, cwd), tone: 'strong' }, ...(others > 0 ? [{ text: ` ${messages.plusModules(others)}`, tone: 'muted' as const }] : [])] },
  ];
  if (snapshot.httpUrl) {
    const port = /:\d+$/.exec(snapshot.httpUrl)?.[0];
    segments.push({
      priority: 4,
      pieces: [{ text: snapshot.httpUrl, tone: 'accent' }],
      ...(port ? { short: { priority: 8, pieces: [{ text: port, tone: 'accent' as const }] } } : {}),
    });
  }
  const state: Piece = quitting ? { text: messages.stopping, tone: 'warn' } : { text: messages.sandboxStates[sandbox.state], tone: SANDBOX_TONE[sandbox.state] };
  const pid: Piece = { text: sandbox.pid === null ? '' : ` pid ${sandbox.pid}` };
  segments.push({ priority: 1, pieces: [{ text: `${messages.sandbox} ` }, state, pid], short: { priority: 7, pieces: [state, pid] } });
  if (sandbox.heapUsed !== null) {
    // While the heap fills, its limit is the news: kept longer, and in the warning's colour.
    const filling = Boolean(snapshot.heapWarning) && Boolean(sandbox.heapLimit);
    segments.push(
      filling
        ? { priority: 2, pieces: [{ text: `${messages.heap} ${formatBytes(sandbox.heapUsed)}/${formatBytes(sandbox.heapLimit)}`, tone: 'warn' }] }
        : { priority: 5, pieces: [{ text: `${messages.heap} ${formatBytes(sandbox.heapUsed)}` }] },
    );
  }
  segments.push({
    priority: 2,
    pieces: [{ text: `${messages.retained} ${snapshot.retainedVersions}`, tone: snapshot.retainedVersions > 1 ? 'warn' : undefined }],
  });
  segments.push({
    priority: 0,
    pieces: [
      { text: `${messages.servedCount(formatCount(snapshot.served))}${messages.countsGap}` },
      { text: messages.failedCount(formatCount(snapshot.failed)), tone: snapshot.failed > 0 ? 'bad' : 'muted' },
    ],
  });
  return segments;
}

const segmentWidth = (segment: Segment) => segment.pieces.reduce((sum, piece) => sum + cellWidth(piece.text), 0);

/**
 * Shorten or drop segments, the highest priority first, until the rest, joined by separators, fit `width`; order
 * is kept, and the last segment standing stays (cut by the line).
 */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
  const kept: (Segment | null)[] = [...segments];
  const total = () => {
    const shown = kept.filter((s) => s !== null);
    return shown.reduce((sum, s) => sum + segmentWidth(s), 0) + SEPARATOR.length * Math.max(0, shown.length - 1);
  };
  const steps = segments
    .flatMap((segment, index) => [
      ...(segment.short ? [{ index, priority: segment.short.priority, drop: false }] : []),
      { index, priority: segment.priority, drop: true },
    ])
    .sort((a, b) => b.priority - a.priority || Number(a.drop) - Number(b.drop));
  for (const step of steps) {
    if (total() <= width || kept.filter((s) => s !== null).length <= 1) break;
    const segment = kept[step.index];
    if (!segment) continue;
    kept[step.index] = step.drop ? null : { priority: segment.priority, pieces: segment.short!.pieces };
  }
  return kept.filter((s) => s !== null);
}
