// expect: fail: the reply still counts requests
// The new text, but the count is gone.
let hits = 0;

export function handle(req) {
  hits++;
  return 'hello world';
}
