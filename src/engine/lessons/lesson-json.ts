// The shape of `lesson.json`, checked field by field so a broken lesson names exactly what is wrong.
import { STRATEGY_NAMES, type RestartMode, type ServiceRequest, type StrategyName } from '../types.ts';
import { isStrategyName } from '../strategies/registry.ts';
import { LessonError } from './lesson-errors.ts';
import type { Localized } from './language.ts';
import { serviceRequest } from './service-request.ts';
import { describeError } from '../errors.ts';

/** The fields of `lesson.json` after validation. */
export interface LessonJson {
  /** `NN-slug`, the folder's name. */
  id: string;
  title: Localized;
  goal: Localized;
  /** The strategy the check (and the lab, when the lesson opens) runs the service under. */
  strategy: StrategyName;
  /** binary-replace only. @default 'graceful' */
  restart?: RestartMode;
  /** Progressive hints, 2–4, shown one at a time. */
  hints: Localized[];
  /** The traffic the service gets, cycled by the driver. @default [GET /ping] */
  requests: ServiceRequest[];
  /** The program's entry module, in `starter/` and `solution/`. @default 'service.js' */
  entry: LessonEntry;
}

/** The entry modules a lesson may have (design §8: the workspace's entry is one of these). */
export const LESSON_ENTRIES = ['service.js', 'service.ts'] as const;
export type LessonEntry = (typeof LESSON_ENTRIES)[number];

const MIN_HINTS = 2;
const MAX_HINTS = 4;

export function parseLessonJson(id: string, text: string): LessonJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LessonError(id, 'lesson.json', `is not valid JSON: ${describeError(error)}`, { cause: error });
  }
  const fail = (field: string, problem: string): never => {
    throw new LessonError(id, `lesson.json: "${field}"`, problem);
  };
  if (!isRecord(raw)) return fail('(top level)', 'must be an object');
  if (raw.id !== id) fail('id', `must be "${id}", the folder's name (it is ${JSON.stringify(raw.id)})`);
  const strategy = raw.strategy;
  if (typeof strategy !== 'string' || !isStrategyName(strategy)) {
    return fail('strategy', `must be one of ${STRATEGY_NAMES.join(', ')} (it is ${JSON.stringify(strategy)})`);
  }
  const restart = restartOf(raw.restart, fail);
  if (restart !== undefined && strategy !== 'binary-replace') fail('restart', 'only applies to the binary-replace strategy');
  const hints = raw.hints;
  if (!Array.isArray(hints)) return fail('hints', 'is missing (an array of 2–4 {"en","zh"} hints)');
  if (hints.length < MIN_HINTS || hints.length > MAX_HINTS) fail('hints', `must hold ${MIN_HINTS}–${MAX_HINTS} hints (it holds ${hints.length})`);
  const entry = raw.entry ?? 'service.js';
  if (!LESSON_ENTRIES.includes(entry as LessonEntry)) fail('entry', `must be ${LESSON_ENTRIES.map((e) => `"${e}"`).join(' or ')} when given (it is ${JSON.stringify(raw.entry)})`);
  const requests = raw.requests;
  if (requests !== undefined && (!Array.isArray(requests) || requests.length === 0)) fail('requests', 'must be a non-empty array when given');
  return {
    id,
    title: localized(raw.title, 'title', fail),
    goal: localized(raw.goal, 'goal', fail),
    strategy,
    ...(restart !== undefined ? { restart } : {}),
    hints: hints.map((hint, i) => localized(hint, `hints[${i}]`, fail)),
    requests: ((requests as unknown[] | undefined) ?? [{ method: 'GET', path: '/ping' }]).map((r, i) => request(r, `requests[${i}]`, fail)),
    entry: entry as LessonEntry,
  };
}

function localized(value: unknown, field: string, fail: (field: string, problem: string) => never): Localized {
  if (!isRecord(value)) return fail(field, 'is missing (an object {"en": …, "zh": …})');
  for (const lang of ['en', 'zh'] as const) {
    const text = value[lang];
    if (typeof text !== 'string' || text.trim() === '') fail(`${field}.${lang}`, 'is missing or empty');
  }
  return { en: value.en as string, zh: value.zh as string };
}

function restartOf(value: unknown, fail: (field: string, problem: string) => never): RestartMode | undefined {
  if (value === undefined || value === 'cold' || value === 'graceful') return value;
  return fail('restart', 'must be "cold" or "graceful" when given');
}

function request(value: unknown, field: string, fail: (field: string, problem: string) => never): ServiceRequest {
  if (!isRecord(value)) return fail(field, 'must be an object {"method", "path"}');
  const { method = 'GET', path, headers = {}, body = '' } = value;
  if (typeof method !== 'string' || !/^[A-Z]+$/.test(method)) fail(`${field}.method`, 'must be an HTTP method in capitals');
  if (typeof path !== 'string' || !path.startsWith('/')) fail(`${field}.path`, 'must be a path starting with /');
  if (!isRecord(headers) || !Object.values(headers).every((h) => typeof h === 'string')) fail(`${field}.headers`, 'must map names to strings');
  if (typeof body !== 'string') fail(`${field}.body`, 'must be a string');
  return serviceRequest(path as string, { method: method as string, headers: headers as Record<string, string>, body: body as string });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
