// expect: fail: plugin.Lookup("handle") found a function
// handle became a table of answers: the host's type check refuses it.
let hits = 0;

export const handle = {
  '/ping': () => `pong ${++hits}`,
  '/version': () => 'plugin v2',
};
