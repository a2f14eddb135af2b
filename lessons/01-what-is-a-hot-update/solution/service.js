// Lesson 01: your first hot update.
// This service is running right now and answering requests. Change it and save: hotlab swaps the new code in
// without stopping it.

let hits = 0; // module state: how many requests this version has answered

export function handle(req) {
  hits++;
  return `hello ${hits}`;
}
