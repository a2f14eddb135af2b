// expect: pass
// No local variable at all: the count is read and written in hot.data.
export function handle(req) {
  hot.data.hits = (hot.data.hits ?? 0) + 1;
  return `pong ${hot.data.hits}`;
}
