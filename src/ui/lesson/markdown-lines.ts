// Lesson Markdown to terminal lines, simply: headings bold, `code` highlighted with its backquotes kept,
// **strong** and *emphasis* (both bold), lists with a hanging indent, fenced code kept as it is (cut, never wrapped: wrapped code reads as
// different code).
// Pure, so wrapping is tested without a terminal; CJK text wraps between characters, as it has no spaces.
import { cellWidth, truncate } from '../shared/format.ts';

export type SpanTone = 'plain' | 'heading' | 'code' | 'strong' | 'codeBlock';

export interface Span {
  text: string;
  tone: SpanTone;
}

/** One terminal row. */
export type MarkdownLine = Span[];

/** Lines of `markdown` at most `width` cells wide. */
export function markdownLines(markdown: string, width: number): MarkdownLine[] {
  const lines: MarkdownLine[] = [];
  let fenced = false;
  let blank = true;
  // A paragraph or list item being collected: Markdown source is hard-wrapped, the screen re-wraps it.
  let open: { lead: string; hang: string; text: string } | null = null;
  const flush = () => {
    if (!open) return;
    const spans = inline(open.text);
    lines.push(...wrap(open.lead ? [{ text: open.lead, tone: 'plain' }, ...spans] : spans, width, open.hang));
    open = null;
  };
  for (const raw of markdown.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*```/.test(raw)) {
      flush();
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      lines.push([{ text: truncate(`  ${raw.replace(/\t/g, '  ')}`, width), tone: 'codeBlock' }]);
      continue;
    }
    if (raw.trim() === '') {
      flush();
      // One empty row between blocks, never two.
      if (!blank) lines.push([]);
      blank = true;
      continue;
    }
    blank = false;
    const heading = /^#{1,6}\s+(.*)$/.exec(raw);
    if (heading) {
      flush();
      lines.push(...wrap([{ text: heading[1] ?? '', tone: 'heading' }], width, ''));
      continue;
    }
    const item = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(raw);
    if (item) {
      flush();
      const indent = ' '.repeat(Math.min(8, (item[1] ?? '').length));
      const marker = /\d/.test(item[2] ?? '') ? `${item[2]} ` : '• ';
      open = { lead: `${indent}${marker}`, hang: ' '.repeat(cellWidth(indent + marker)), text: item[3] ?? '' };
      continue;
    }
    // Chinese joins hard-wrapped lines without a space; other text with one.
    if (open) open.text += /[\u2E80-\u9FFF\uFF00-\uFF60]$/u.test(open.text) && /^[\u2E80-\u9FFF\uFF00-\uFF60]/u.test(raw.trim()) ? raw.trim() : ` ${raw.trim()}`;
    else open = { lead: '', hang: '', text: raw.trim() };
  }
  flush();
  while (lines.length > 0 && lines[lines.length - 1]!.length === 0) lines.pop();
  return lines;
}

/**
 * `code` and **strong** inside a line. A code span keeps its backquotes, verbatim: what is inside may itself be
 * JavaScript with backquotes (``return `hello ${hits}`;`` in a hint), so dropping them would show code that is
 * wrong when typed, and without colour the backquotes are what tells code from prose.
 */
export function inline(text: string): Span[] {
  const spans: Span[] = [];
  let plain = '';
  const flush = () => {
    if (plain) spans.push({ text: plain, tone: 'plain' });
    plain = '';
  };
  let at = 0;
  while (at < text.length) {
    const ticks = /^`+/.exec(text.slice(at))?.[0];
    if (ticks) {
      // A run of n backquotes opens a span that the next run of exactly n closes (CommonMark); unclosed, it is text.
      const close = new RegExp(`(?<!\`)${ticks}(?!\`)`, 'g');
      close.lastIndex = at + ticks.length;
      const end = close.exec(text);
      if (end) {
        flush();
        spans.push({ text: text.slice(at, end.index + ticks.length), tone: 'code' });
        at = end.index + ticks.length;
        continue;
      }
      plain += ticks;
      at += ticks.length;
      continue;
    }
    const strong = /^\*\*([^*]+)\*\*/.exec(text.slice(at));
    if (strong) {
      flush();
      spans.push({ text: strong[1] ?? '', tone: 'strong' });
      at += strong[0].length;
      continue;
    }
    // *emphasis* (lesson 2: a watch on the *file*): bold too, as terminals draw italics unevenly. Not inside a
    // word (`a*b*c`) and not around spaces (`2 * 3 * 4`).
    const emphasis = /^\*([^*\s](?:[^*]*[^*\s])?)\*(?![*\p{L}\p{N}])/u.exec(text.slice(at));
    if (emphasis && !/[\p{L}\p{N}*]/u.test(text[at - 1] ?? '')) {
      flush();
      spans.push({ text: emphasis[1] ?? '', tone: 'strong' });
      at += emphasis[0].length;
      continue;
    }
    // Only a backquote or a star starts a span: the text up to the next one is plain, taken whole rather than
    // tried character by character against the three patterns above.
    const next = nextMarker(text, at + 1);
    plain += text.slice(at, next);
    at = next;
  }
  flush();
  return spans;
}

/** Where the next backquote or star is in `text` from `from` on, or its length. */
function nextMarker(text: string, from: number): number {
  const tick = text.indexOf('`', from);
  const star = text.indexOf('*', from);
  if (tick === -1) return star === -1 ? text.length : star;
  return star === -1 ? tick : Math.min(tick, star);
}

/** Ends with a full-width punctuation mark (。，：、！？ and the like). */
const FULL_WIDTH_PUNCTUATION = /[\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]$/u;

interface Token {
  text: string;
  tone: SpanTone;
  space: boolean;
}

/** Greedy word wrap over styled spans; continuation rows start with `indent`. */
export function wrap(spans: readonly Span[], width: number, indent: string): MarkdownLine[] {
  const tokens: Token[] = [];
  for (const span of spans) {
    // A code span that fits a row is one token: broken over two rows it could not be copied as it is.
    if (span.tone === 'code' && cellWidth(span.text) <= width - cellWidth(indent)) {
      tokens.push({ text: span.text, tone: span.tone, space: false });
      continue;
    }
    // Words, single spaces and single wide characters: a wide character may end a row anywhere.
    for (const piece of span.text.match(/\s+|[\u2E80-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]|[^\s\u2E80-\u9FFF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]+/gu) ?? []) {
      tokens.push({ text: /^\s+$/.test(piece) ? ' ' : piece, tone: span.tone, space: /^\s+$/.test(piece) });
    }
  }
  const rows: MarkdownLine[] = [];
  let row: Span[] = [];
  let used = 0;
  // Where text starts on this row: 0 on the first, after the indent on the rest. Spaces before it are dropped.
  let start = 0;
  const push = (text: string, tone: SpanTone) => {
    const last = row[row.length - 1];
    if (last && last.tone === tone) last.text += text;
    else row.push({ text, tone });
    used += cellWidth(text);
  };
  const newRow = () => {
    rows.push(row);
    row = [];
    used = 0;
    if (indent) push(indent, 'plain');
    start = used;
  };
  let previous = '';
  for (const token of tokens) {
    const w = cellWidth(token.text);
    if (token.space) {
      // Full-width punctuation carries its own space (`**没有空档。** 重启` reads 没有空档。重启).
      if (used > start && used + 1 <= width && !FULL_WIDTH_PUNCTUATION.test(previous)) push(' ', token.tone);
      continue;
    }
    previous = token.text;
    if (used + w > width && used > start) {
      // Drop a trailing space before breaking.
      const last = row[row.length - 1];
      if (last && last.text.endsWith(' ')) last.text = last.text.slice(0, -1);
      newRow();
    }
    push(w > width - used ? truncate(token.text, Math.max(1, width - used)) : token.text, token.tone);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/**
 * `line` shortened from its end so that `tail` fits after it in `width` cells, then `tail` (plain) after it: the
 * last row of something cut, which says so (`…and throw if prev.hits is… (v: read all)`).
 */
export function endLine(line: MarkdownLine, width: number, tail: string): MarkdownLine {
  const spans = line.map((span) => ({ ...span, chars: [...span.text] }));
  let over = spans.reduce((sum, span) => sum + cellWidth(span.text), 0) + cellWidth(tail) - width;
  while (spans.length > 0 && (over > 0 || /^\s*$/.test(spans.at(-1)!.chars.at(-1) ?? ''))) {
    const last = spans.at(-1)!;
    const char = last.chars.pop();
    if (char !== undefined) over -= cellWidth(char);
    if (last.chars.length === 0) spans.pop();
  }
  return [...spans.map((span) => ({ text: span.chars.join(''), tone: span.tone })), { text: tail, tone: 'plain' }];
}
