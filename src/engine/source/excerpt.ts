// Short, one-line quotes of code for messages read in a terminal.

/** Longest quote, in characters, before it is cut with `…`. */
export const EXCERPT_WIDTH = 60;

/** `text` on one line (whitespace collapsed, trailing `;` dropped), cut to EXCERPT_WIDTH. */
export function excerpt(text: string): string {
  return cut(oneLine(text), 0);
}

/**
 * Quotes of two versions of the same code that show where they differ: when both are too long, each is
 * cut around the first differing character instead of at the start, where they look the same.
 */
export function excerptPair(before: string, after: string): [string, string] {
  const a = oneLine(before);
  const b = oneLine(after);
  if (a.length <= EXCERPT_WIDTH && b.length <= EXCERPT_WIDTH) return [a, b];
  let first = 0;
  while (first < a.length && first < b.length && a[first] === b[first]) first++;
  // Keep some context before the difference so the reader can find it in the file.
  const from = first < EXCERPT_WIDTH - 10 ? 0 : first - 20;
  return [cut(a, from), cut(b, from)];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/;$/, '');
}

function cut(text: string, from: number): string {
  const head = from > 0 ? '…' : '';
  const rest = text.slice(from);
  const room = EXCERPT_WIDTH - head.length;
  return rest.length <= room ? head + rest : `${head}${rest.slice(0, room - 1)}…`;
}
