// expect: pass
// One state object kept in hot.data, and a reply of its own (the goal is about the count, not the words).
const state = (hot.data.state ??= { hits: 0 });

export function handle(req) {
  state.hits++;
  return `requests so far: ${state.hits}\n`;
}
