// hotlab's own small program, run once in a sandbox process started ahead of need (IsolateRuntime.warmUp), so
// the learner's first version in that process finds hotlab's code paths compiled: measured on a process started
// ahead, booting a one-file build took ~10-13 ms the first time and ~2 ms the second. No learner code is in it.
import type { LoadableProgram } from './protocol.ts';

/** A module id no workspace file can have, so nothing the learner loads later can be taken for it. */
const FILE = 'hotlab:warm-up.js';

export const WARM_UP_PROGRAM: LoadableProgram = {
  entry: FILE,
  modules: [
    {
      file: FILE,
      code: `let served = 0;
function handle(req) { served++; return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'warm ' + served + ' ' + req.path }; }
function snapshot() { return { served }; }
function migrate(prev) { served = prev.served; }
`,
      exports: { handle: 'handle', snapshot: 'snapshot', migrate: 'migrate' },
      imports: [],
      forwards: [],
      stateful: true,
      stateNames: ['served'],
      stateDeclarations: { served: 'let served = 0;' },
      readsHotData: false,
    },
  ],
};

/** A request as the engine sends it (JSON of a ServiceRequest). */
export const WARM_UP_REQUEST = JSON.stringify({ method: 'GET', path: '/warm-up', query: {}, headers: {}, body: '' });
