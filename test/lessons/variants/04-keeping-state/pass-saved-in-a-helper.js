// expect: pass
// Counting and saving in a helper, with || for the first start.
let hits = hot.data.hits || 0;

function count() {
  hits += 1;
  hot.data.hits = hits;
  return hits;
}

export function handle(req) {
  return 'pong ' + count();
}
