// A request as lessons write it ("/hello?name=go") turned into what the service's handle(req) receives.
import type { ServiceRequest } from '../types.ts';

/** What a check (or lesson.json) may say about a request besides its path. */
export interface RequestInit {
  /** @default 'GET' */
  method?: string;
  headers?: Record<string, string>;
  /** @default '' */
  body?: string;
}

/** Splits the query off `path` the way the HTTP front does (URLSearchParams), so both see the same request. */
export function serviceRequest(path: string, init: RequestInit = {}): ServiceRequest {
  const url = new URL(path, 'http://hotlab.local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    method: (init.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: init.body ?? '',
  };
}
