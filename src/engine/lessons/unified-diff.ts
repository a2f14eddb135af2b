// A unified diff of two small texts (service files), from a longest common subsequence of their lines.
// Service files are tens to hundreds of lines, so the O(n·m) table is a few hundred KB at most.

export interface DiffOptions {
  /** Label of the `---` line. @default 'a' */
  oldLabel?: string;
  /** Label of the `+++` line. @default 'b' */
  newLabel?: string;
  /** Unchanged lines shown around each change. @default 3 */
  context?: number;
}

type Op = { kind: ' ' | '-' | '+'; line: string; oldNo: number; newNo: number };

/** Above this many cells the table would be large; such files are shown as one replaced block instead. */
const MAX_CELLS = 4_000_000;

/** The diff as `diff -u` prints it; '' when the texts are equal. */
export function unifiedDiff(oldText: string, newText: string, options: DiffOptions = {}): string {
  if (oldText === newText) return '';
  const a = lines(oldText);
  const b = lines(newText);
  const ops = a.length * b.length > MAX_CELLS ? replaceAll(a, b) : lcsOps(a, b);
  const context = options.context ?? 3;
  const out = [`--- ${options.oldLabel ?? 'a'}`, `+++ ${options.newLabel ?? 'b'}`];
  for (const [from, to] of hunkRanges(ops, context)) {
    const hunk = ops.slice(from, to);
    const oldCount = hunk.filter((o) => o.kind !== '+').length;
    const newCount = hunk.filter((o) => o.kind !== '-').length;
    const first = hunk[0]!;
    // diff -u numbers an empty side from the line before it (0 at the top of the file).
    const oldStart = oldCount === 0 ? first.oldNo - 1 : first.oldNo;
    const newStart = newCount === 0 ? first.newNo - 1 : first.newNo;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const op of hunk) out.push(`${op.kind}${op.line}`);
  }
  // Rare in service files; said in words rather than with diff's marker lines.
  if (lacksFinalNewline(oldText) !== lacksFinalNewline(newText)) out.push('\\ (the files differ in their final newline)');
  return `${out.join('\n')}\n`;
}

function lacksFinalNewline(text: string): boolean {
  return text !== '' && !text.endsWith('\n');
}

function lines(text: string): string[] {
  const all = text.split(/\r?\n/);
  if (all.at(-1) === '') all.pop();
  return all;
}

function lcsOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j] = LCS length of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]!, oldNo: i + 1, newNo: j + 1 });
      i++;
      j++;
    } else if (j < m && (i === n || lengths[i * width + j + 1]! >= lengths[(i + 1) * width + j]!)) {
      ops.push({ kind: '+', line: b[j]!, oldNo: i + 1, newNo: j + 1 });
      j++;
    } else {
      ops.push({ kind: '-', line: a[i]!, oldNo: i + 1, newNo: j + 1 });
      i++;
    }
  }
  return reorderRemovalsFirst(ops);
}

/** Within each run of changes, removals before additions, as diff -u shows a replaced block. */
function reorderRemovalsFirst(ops: Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = (): void => {
    const removed = run.filter((o) => o.kind === '-');
    const added = run.filter((o) => o.kind === '+');
    const oldNo = run[0]?.oldNo ?? 0;
    const newNo = run[0]?.newNo ?? 0;
    removed.forEach((o, k) => out.push({ ...o, oldNo: oldNo + k, newNo }));
    added.forEach((o, k) => out.push({ ...o, oldNo: oldNo + removed.length, newNo: newNo + k }));
    run = [];
  };
  for (const op of ops) {
    if (op.kind === ' ') {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}

function replaceAll(a: string[], b: string[]): Op[] {
  return [
    ...a.map((line, k) => ({ kind: '-' as const, line, oldNo: k + 1, newNo: 1 })),
    ...b.map((line, k) => ({ kind: '+' as const, line, oldNo: a.length + 1, newNo: k + 1 })),
  ];
}

/** [from, to) index ranges of ops to print: each change with `context` lines around, overlapping ones merged. */
function hunkRanges(ops: Op[], context: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  ops.forEach((op, index) => {
    if (op.kind === ' ') return;
    const from = Math.max(0, index - context);
    const to = Math.min(ops.length, index + context + 1);
    const last = ranges.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  });
  return ranges;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
