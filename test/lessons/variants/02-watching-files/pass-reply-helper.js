// expect: pass
// The starter's load counting kept; the reply assembled by a helper, ending in a newline.
hot.data.loads = (hot.data.loads ?? 0) + 1;
const load = hot.data.loads;

let count = 0;

function reply(n) {
  return ['pong', n, `(load ${load})`].join(' ') + '\n';
}

export function handle(req) {
  count += 1;
  return reply(count);
}
