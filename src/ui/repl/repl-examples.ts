// Pure: what the REPL offers to type, taken from the code that runs now, so every example works as shown in
// the current lesson (lesson 3 has no `hits`; lesson 12 keeps `state`; lesson 9 serves /version too).
import type { RunningScope, ServiceRequest } from '../../engine/types.ts';

/** A JavaScript literal of a request as the traffic sends it: method, path and query (handlers read them). */
export function requestLiteral(request: Pick<ServiceRequest, 'method' | 'path' | 'query' | 'headers'>): string {
  const query = Object.entries(request.query)
    .map(([key, value]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${quote(value)}`)
    .join(', ');
  const headers = Object.entries(request.headers)
    .map(([key, value]) => `${JSON.stringify(key)}: ${quote(value)}`)
    .join(', ');
  return `{method: ${quote(request.method)}, path: ${quote(request.path)}, query: {${query}}${headers ? `, headers: {${headers}}` : ''}}`;
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Up to two expressions: a top-level name to read (module state first), and a call of `handle` with the first
 * request the traffic sends. None while no version runs.
 */
export function replExamples(scope: RunningScope | null, requests: readonly ServiceRequest[]): string[] {
  if (!scope) return [];
  const examples: string[] = [];
  const name = scope.variables[0] ?? scope.constants.find((n) => n !== '__default') ?? scope.functions.find((n) => n !== 'handle');
  if (name) examples.push(name);
  const request = requests[0];
  if (scope.exports.includes('handle') && request) examples.push(`handle(${requestLiteral(request)})`);
  return examples;
}
