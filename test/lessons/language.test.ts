import { describe, expect, it } from 'vitest';
import { languageOf, localeLanguage, pick } from '../../src/engine/lessons/language.ts';
import { serviceRequest } from '../../src/engine/lessons/service-request.ts';

describe('language', () => {
  it('takes --lang, else the locale', () => {
    expect(languageOf('zh', {})).toBe('zh');
    expect(languageOf('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(languageOf(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(languageOf(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(localeLanguage({ LANG: 'de_DE.UTF-8' })).toBe('en');
  });

  it('refuses an unknown --lang', () => {
    expect(() => languageOf('fr', {})).toThrow('--lang is en or zh, not "fr"');
  });

  it('picks a text, falling back to English', () => {
    expect(pick({ en: 'hi', zh: '你好' }, 'zh')).toBe('你好');
    expect(pick({ en: 'hi', zh: '' }, 'zh')).toBe('hi');
  });
});

describe('serviceRequest', () => {
  it('splits the query off the path, as the HTTP front does', () => {
    expect(serviceRequest('/hello?name=go&x=1', { method: 'post', headers: { 'X-Who': 'me' }, body: 'b' })).toEqual({
      method: 'POST',
      path: '/hello',
      query: { name: 'go', x: '1' },
      headers: { 'x-who': 'me' },
      body: 'b',
    });
    expect(serviceRequest('/ping')).toEqual({ method: 'GET', path: '/ping', query: {}, headers: {}, body: '' });
  });
});
