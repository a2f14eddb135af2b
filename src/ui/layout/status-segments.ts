// Pure content of the status line as segments with priorities: when the line is too narrow the least
// important segments go first (the file name is already in the lesson pane), never the counters. The file is the
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
  /** 0 is kept longest. */
  priority: number;
  pieces: Piece[];
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
    { priority: 5, pieces: [{ text: displayPath(snapshot.file, cwd), tone: 'strong' }, ...(others > 0 ? [{ text: ` ${messages.plusModules(others)}`, tone: 'muted' as const }] : [])] },
  ];
  if (snapshot.httpUrl) segments.push({ priority: 2, pieces: [{ text: snapshot.httpUrl, tone: 'accent' }] });
  segments.push({
    priority: 1,
    pieces: [
      { text: `${messages.sandbox} ` },
      quitting ? { text: messages.stopping, tone: 'warn' } : { text: messages.sandboxStates[sandbox.state], tone: SANDBOX_TONE[sandbox.state] },
      { text: sandbox.pid === null ? '' : ` pid ${sandbox.pid}` },
    ],
  });
  if (sandbox.heapUsed !== null) {
    // While the heap fills, its limit is the news: kept longer, and in the warning's colour.
    const filling = Boolean(snapshot.heapWarning) && Boolean(sandbox.heapLimit);
    segments.push(
      filling
        ? { priority: 2, pieces: [{ text: `${messages.heap} ${formatBytes(sandbox.heapUsed)}/${formatBytes(sandbox.heapLimit)}`, tone: 'warn' }] }
        : { priority: 4, pieces: [{ text: `${messages.heap} ${formatBytes(sandbox.heapUsed)}` }] },
    );
  }
  segments.push({
    priority: 3,
    pieces: [{ text: `${messages.retained} ${snapshot.retainedVersions}`, tone: snapshot.retainedVersions > 1 ? 'warn' : undefined }],
  });
  segments.push({
    priority: 0,
    pieces: [
      { text: `${formatCount(snapshot.served)} ${messages.served} ` },
      { text: `${formatCount(snapshot.failed)} ${messages.failed}`, tone: snapshot.failed > 0 ? 'bad' : 'muted' },
    ],
  });
  return segments;
}

const segmentWidth = (segment: Segment) => segment.pieces.reduce((sum, piece) => sum + cellWidth(piece.text), 0);

/** Drop the least important segments until the rest, joined by separators, fit `width`; order is kept. */
export function fitSegments(segments: readonly Segment[], width: number): Segment[] {
  const kept = [...segments];
  const total = () => kept.reduce((sum, s) => sum + segmentWidth(s), 0) + SEPARATOR.length * Math.max(0, kept.length - 1);
  while (kept.length > 1 && total() > width) {
    const worst = kept.reduce((a, b) => (b.priority > a.priority ? b : a));
    kept.splice(kept.indexOf(worst), 1);
  }
  return kept;
}
