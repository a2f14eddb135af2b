// Reads a response as the sandbox's harness writes it: "status\nheaders-json\nbody".
import type { ServiceResponse } from './types.ts';

/** Distinct header sets remembered; services answer with a handful, so parsing each once is enough. */
const HEADER_CACHE_SIZE = 64;
const headerCache = new Map<string, Record<string, string>>();

/**
 * The text is produced inside the isolate by JavaScript that shares its globals with the learner's code, so a
 * service that tampers with built-ins hands us anything. Never trust it: a throw here would reach the traffic
 * driver as an unhandled rejection and end the host process. Returns null for anything malformed.
 */
export function readResponse(text: unknown): Pick<ServiceResponse, 'status' | 'headers' | 'body'> | null {
  if (typeof text !== 'string') return null;
  const first = text.indexOf('\n');
  const second = first < 0 ? -1 : text.indexOf('\n', first + 1);
  if (second < 0) return null;
  const status = Number(text.slice(0, first));
  if (!Number.isInteger(status) || status < 100 || status > 599) return null;
  const headers = readHeaders(text.slice(first + 1, second));
  if (!headers) return null;
  return { status, headers, body: text.slice(second + 1) };
}

function readHeaders(json: string): Record<string, string> | null {
  const cached = headerCache.get(json);
  if (cached) return { ...cached };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const clean: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) if (typeof v === 'string') clean[name] = v;
  if (headerCache.size >= HEADER_CACHE_SIZE) headerCache.delete(headerCache.keys().next().value!);
  headerCache.set(json, clean);
  return { ...clean };
}
