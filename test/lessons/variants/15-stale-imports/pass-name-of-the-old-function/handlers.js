// The count written another way.
let hits = 0;

export function ping(req) {
  hits += 1;
  return 'PONG ' + hits;
}

export function health(req) {
  return 'ok';
}
