// expect: fail: your new version was applied
// The closing backquote went missing: the save is refused and v1 keeps serving.
let hits = 0;

export function handle(req) {
  hits++;
  return `hello ${hits};
}
