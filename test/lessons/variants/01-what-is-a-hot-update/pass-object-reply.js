// expect: pass
// The answer as a response object, the count in the middle of a sentence.
let hits = 0;

export function handle(req) {
  hits += 1;
  return { status: 200, body: `served ${hits} requests so far` };
}
