// Which language the lessons speak: `--lang en|zh`, else the locale, else English.
import { HotlabError } from '../errors.ts';

export const LANGUAGES = ['en', 'zh'] as const;
/** A lesson language: English or Simplified Chinese. */
export type Language = (typeof LANGUAGES)[number];

/** A text in every lesson language. */
export interface Localized {
  en: string;
  zh: string;
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The language asked for with `--lang`, or the locale's when none was given. An unknown value is an error. */
export function languageOf(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  if (flag === undefined) return localeLanguage(env);
  if (!isLanguage(flag)) throw new HotlabError(`--lang is en or zh, not "${flag}"`);
  return flag;
}

/** zh for a Chinese locale (LC_ALL, LC_MESSAGES, LANG, then Intl's), en for everything else. */
export function localeLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/** The text in `lang`, falling back to English (the loader guarantees both exist, but a check's detail may not). */
export function pick(text: Localized, lang: Language): string {
  return text[lang] || text.en;
}

/**
 * A text that may be localized: a plain string reads the same in every language (values, code, an error's own
 * message); `{en, zh}` is picked like any other.
 */
export type MaybeLocalized = string | Localized;

export function pickText(text: MaybeLocalized, lang: Language): string {
  return typeof text === 'string' ? text : pick(text, lang);
}
