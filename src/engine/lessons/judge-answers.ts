// How checks read a service's answers, as pure functions: text compared after trimming, JSON parsed or not,
// and a counter found as the number that moves from one answer to the next (not the first digit in sight).
import type { CountAcross, CounterReading } from './check-types.ts';
import type { Localized } from './language.ts';

/** Trimmed: a trailing newline (`pong 3\n`) or an indent never decides a check. */
export function textOf(body: string): string {
  return String(body).trim();
}

/** The body parsed as JSON; undefined when it is not JSON (or is empty). */
export function jsonOf(body: string): unknown {
  const text = textOf(body);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every number written in the text, in order: `hi from v2: 17` → [2, 17]; `1.5` is one number. */
export function numbersIn(body: string): number[] {
  return [...String(body).matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

/**
 * The counter in answers read one after another with nothing else running: the position, among the numbers
 * of each answer, whose value went up every time. Where several did (a counter and a clock), the one that
 * went up by exactly one per request wins, then the one that moved least.
 */
export function findCounter(bodies: string[], servedAt: number[]): CounterReading {
  const seen = bodies.map((b) => JSON.stringify(b)).join(' → ');
  const lists = bodies.map(numbersIn);
  const width = lists[0]?.length ?? 0;
  const none: CounterReading = { found: false, value: Number.NaN, values: [], index: -1, bodies, servedAt, seen };
  if (width === 0 || !lists.every((l) => l.length === width)) return none;
  let best: { index: number; byOne: boolean; step: number } | null = null;
  for (let index = 0; index < width; index++) {
    const values = lists.map((l) => l[index]!);
    const steps = values.slice(1).map((v, i) => v - values[i]!);
    if (!steps.every((s) => s > 0)) continue;
    const byOne = steps.every((s) => s === 1);
    const step = Math.max(...steps);
    if (!best || (byOne && !best.byOne) || (byOne === best.byOne && step < best.step)) best = { index, byOne, step };
  }
  if (!best) return none;
  const values = lists.map((l) => l[best.index]!);
  return { found: true, value: values.at(-1)!, values, index: best.index, bodies, servedAt, seen };
}

/** Compares the counter before and after an action that ran between two quiet readings. */
export function countAcross<T>(result: T, before: CounterReading, after: CounterReading): CountAcross<T> {
  const answered = (after.servedAt[0] ?? 0) - (before.servedAt.at(-1) ?? 0);
  const expected = before.value + answered;
  const first = after.found ? after.values[0]! : Number.NaN;
  const carriedOn = before.found && after.found && first > before.value;
  const exact = carriedOn && first === expected;
  let said: Localized;
  const last = JSON.stringify(before.bodies.at(-1));
  if (!before.found) said = { en: `no counter to follow before: ${before.seen}`, zh: `之前没有可跟踪的计数：${before.seen}` };
  else if (!after.found) {
    said = {
      en: `${last} before; after it no number went up from one answer to the next: ${after.seen}`,
      zh: `之前是 ${last}；之后没有一个数字随回答增加：${after.seen}`,
    };
  } else {
    const verdict: Localized =
      first === expected
        ? { en: 'every request counted', zh: '每个请求都计上了' }
        : first <= before.value
          ? { en: `it went from ${before.value} to ${first}`, zh: `它从 ${before.value} 变成了 ${first}` }
          : first < expected
            ? { en: `${expected - first} count(s) lost: counting every request gives ${expected}`, zh: `丢了 ${expected - first} 个计数：每个请求都计上应是 ${expected}` }
            : { en: `${first - expected} more than the requests answered: counting every request gives ${expected}`, zh: `比回答的请求多了 ${first - expected}：每个请求都计上应是 ${expected}` };
    const next = JSON.stringify(after.bodies[0]);
    said = {
      en: `${last} before, ${next} after, with ${answered} request(s) answered from one to the other (that one included) — ${verdict.en}`,
      zh: `之前 ${last}，之后 ${next}，两者之间（含后者）回答了 ${answered} 个请求——${verdict.zh}`,
    };
  }
  return { result, before, after, answered, expected, first, carriedOn, exact, seen: said.en, said };
}
