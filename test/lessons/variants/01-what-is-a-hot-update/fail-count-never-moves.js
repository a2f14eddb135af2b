// expect: fail: the reply still counts requests
// hits++ was deleted with the old line: the number in the reply never moves.
let hits = 0;

export function handle(req) {
  return `hello ${hits}`;
}
