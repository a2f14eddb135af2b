// "kept" means the state survived as the learner can observe it (issue 7, point 5): the counter they watch
// carries on. Handing hot.data over, or calling migrate, is not enough on its own.
import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from './lab-fixture.ts';

const LESSON_2 = `hot.data.loads = (hot.data.loads ?? 0) + 1;
const load = hot.data.loads;
let hits = 0;
export function handle() {
  hits++;
  return \`pong \${hits} (load \${load})\`;
}
`;

const KEPT_IN_HOT_DATA = (text: string) => `let hits = hot.data.hits ?? 0;
export function handle() {
  hits++;
  hot.data.hits = hits;
  return '${text} ' + hits;
}
`;

const STATE_OBJECT = (text: string, extra = '') => `const state = hot.data.state ?? { hits: 0 };
hot.data.state = state;
${extra}
export function handle() {
  state.hits++;
  return '${text} ' + state.hits;
}
export function snapshot() { return state; }
export function migrate(prev) { Object.assign(state, prev); }
`;

describe('state kept', () => {
  let lab: Lab | undefined;
  afterEach(async () => {
    await lab?.close();
    lab = undefined;
  });

  async function served(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await lab!.get();
  }

  it('file-watch: hot.data carries the load count on, but hits restarts: state lost', async () => {
    lab = await startLab(LESSON_2, { traffic: { rate: 0 } });
    await served(3);
    const record = await lab.save(LESSON_2.replace('pong', 'PONG'));
    expect(record, record.reason).toMatchObject({ outcome: 'applied', stateKept: false });
    // hotlab's own first request after the switch was the new version's first.
    expect((await lab.get()).body).toBe('PONG 2 (load 2)');
  });

  it('file-watch: a counter read back from hot.data: state kept', async () => {
    lab = await startLab(KEPT_IN_HOT_DATA('pong'), { traffic: { rate: 0 } });
    await served(3);
    const record = await lab.save(KEPT_IN_HOT_DATA('PONG'));
    expect(record).toMatchObject({ outcome: 'applied', stateKept: true });
    expect((await lab.get()).body).toBe('PONG 5'); // 3, hotlab's first request after the switch, this one
  });

  it('file-watch: the first version that keeps its count in hot.data finds nothing there: state lost', async () => {
    lab = await startLab(`let hits = 0;\nexport function handle() { hits++; return 'pong ' + hits; }\n`, { traffic: { rate: 0 } });
    await served(3);
    const record = await lab.save(`hot.data.hits ??= 0;\nexport function handle() { hot.data.hits++; return 'pong ' + hot.data.hits; }\n`);
    expect(record, record.reason).toMatchObject({ outcome: 'applied', stateKept: false });
    expect((await lab.get()).body).toBe('pong 2');
  });

  it('file-watch: a state object that gains a field keeps what it held: state kept', async () => {
    lab = await startLab(STATE_OBJECT('pong'), { traffic: { rate: 0 } });
    await served(3);
    const record = await lab.save(STATE_OBJECT('PONG', 'state.byPath ??= {};'));
    expect(record, record.reason).toMatchObject({ outcome: 'applied', stateKept: true });
  });

  it('file-watch: a starting value the learner edits is theirs, not state lost', async () => {
    const service = (greeting: string) => `let hits = hot.data.hits ?? 0;
let greeting = '${greeting}';
export function handle() { hits++; hot.data.hits = hits; return greeting + ' ' + hits; }
`;
    lab = await startLab(service('pong'), { traffic: { rate: 0 } });
    await served(3);
    const record = await lab.save(service('hello'));
    expect(record, record.reason).toMatchObject({ outcome: 'applied', stateKept: true });
    expect((await lab.get()).body).toBe('hello 5');
  });

  it('plugin-swap: a migrate that reshapes the state keeps it', async () => {
    lab = await startLab(`let hits = 0;
export function handle() { hits++; return 'p ' + hits; }
export function snapshot() { return { hits }; }
`, { strategy: 'plugin-swap', traffic: { rate: 0 } });
    await served(3);
    const record = await lab.save(`let hits = { total: 0 };
export function handle() { hits.total++; return 'p ' + hits.total; }
export function snapshot() { return { hits: hits.total }; }
export function migrate(prev) { hits = { total: prev.hits }; }
`);
    expect(record, record.reason).toMatchObject({ outcome: 'applied', stateKept: true });
  });

  it('file-watch: a table of functions is code, not state', async () => {
    const table = (text: string) => `const routes = { '/ping': () => '${text}', '/health': () => ({ ok: true }) };
export function handle(req) { return routes[req.path](); }
`;
    lab = await startLab(table('pong'), { traffic: { rate: 0 } });
    const record = await lab.save(table('PONG'));
    expect(record.modules?.[0]).toMatchObject({ stateful: false });
  });

  it('plugin-swap: a migrate that ignores what it is given: state lost', async () => {
    const plugin = (text: string, migrate: string) => `let hits = 0;
export function handle() { hits++; return '${text} ' + hits; }
export function snapshot() { return { hits }; }
export function migrate(prev) { ${migrate} }
`;
    lab = await startLab(plugin('pong', 'hits = prev.hits;'), { strategy: 'plugin-swap', traffic: { rate: 0 } });
    await served(3);
    const ignored = await lab.save(plugin('PONG', ''));
    expect(ignored).toMatchObject({ outcome: 'applied', stateKept: false });
    await served(2);
    const taken = await lab.save(plugin('Pong', 'hits = prev.hits;'));
    expect(taken).toMatchObject({ outcome: 'applied', stateKept: true });
  });

  it('binary-replace cold: a state object kept in hot.data does not survive a new process: state lost', async () => {
    lab = await startLab(STATE_OBJECT('pong'), { strategy: 'binary-replace', restart: 'cold', traffic: { rate: 0 } });
    await served(3);
    const record = await lab.save(STATE_OBJECT('PONG'));
    expect(record).toMatchObject({ outcome: 'applied', stateKept: false });
    expect((await lab.get()).body).toBe('PONG 2');
  });
});
