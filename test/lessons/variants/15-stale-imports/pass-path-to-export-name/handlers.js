let hits = 0;

export function ping(req) {
  hits++;
  return `PONG ${hits}`.trim();
}

export function health(req) {
  return 'ok';
}
