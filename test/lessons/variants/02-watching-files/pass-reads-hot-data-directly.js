// expect: pass
// Reads the load count from hot.data on every request, with + instead of a template.
hot.data.loads = (hot.data.loads ?? 0) + 1;

let hits = 0;

export function handle(req) {
  hits++;
  return 'pong ' + hits + ' (load ' + hot.data.loads + ')';
}
