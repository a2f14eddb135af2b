// Lesson 5: under plugin-swap every save is a new plugin, loaded next to the old ones.
// The host looks one symbol up by name — plugin.Lookup("handle") — and checks that it is a function.

let hits = 0; // every plugin has its own copy of this

export function handle(req) {
  hits++;
  if (req.path === '/ping') return `pong ${hits}`;
  if (req.path === '/version') return 'plugin v2';
  return { status: 404, body: `no route for ${req.path}\n` };
}
