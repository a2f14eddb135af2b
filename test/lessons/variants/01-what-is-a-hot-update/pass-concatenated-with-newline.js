// expect: pass
// Built with + instead of a template, ending in a newline like many HTTP replies.
let hits = 0;
const greeting = 'hello';

export function handle(req) {
  hits = hits + 1;
  return greeting + ' #' + hits + '\n';
}
