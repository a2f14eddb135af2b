// What a request and a response look like to the service. The types vanish when hotlab strips them; json() stays.
export type Req = { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body: string };
export type Res = string | { status?: number; headers?: Record<string, string>; body: string };

export function json(value: unknown): Res {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
