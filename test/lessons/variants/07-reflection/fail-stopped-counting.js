// expect: fail: after `:set greeting "hola"`, /shout answers
// hits++ was lost in the edit; the old ping in `routes` keeps counting, which used to hide it (issue 8).
// Lesson 7: reflection-patch replaces only the functions you change, in place, in the running program.
// State stays. A top-level `let` can also be set by name from the REPL: try `:set hits 1000`.

let hits = 0;
let greeting = 'pong'; // a "field": `:set greeting "hello"` changes it live, without a new version

function ping(req) {
  return `${greeting} ${hits}`;
}

function shout(req) {
  return `${ping(req).toUpperCase()}!`;
}

function notFound(req) {
  return { status: 404, body: `no route for ${req.path}\n` };
}

// Built once, when the program started: this table holds the function values of that moment.
const routes = { '/ping': ping, '/shout': shout };

export function handle(req) {
  const route = routes[req.path] ?? notFound;
  return route(req);
}
