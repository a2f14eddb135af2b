// Lesson 12: one edit that every strategy can apply, keeping state wherever the strategy can.
//
// The check runs under reflection-patch, the strictest judge of an edit's shape: it applies the learner's edit
// for real (only functions changed; state kept in place). The other strategies move state with the learner's
// own code, and the check calls that code in the live service, each probe in a single synchronous evaluation
// so no request interleaves:
//   file-watch                          → the counts must be in hot.data, which the next version starts from;
//   plugin-swap, graceful binary-replace → migrate(prev) must take the starter's snapshot `{ hits }`, and
//                                          snapshot() → migrate(prev) must restore everything /stats shows.
// Cold binary-replace keeps nothing by design.

/** In-isolate helpers for the probes: a GET request, a response's text, a deep copy (what crosses over). */
const HELPERS = `const get = (path) => ({ method: 'GET', path, query: {}, headers: {}, body: '' });
  const text = (r) => (typeof r === 'string' ? r : typeof r?.body === 'string' ? r.body : JSON.stringify(r?.body));
  const copy = (v) => JSON.parse(JSON.stringify(v));`;

/** The counts /stats showed, and hot.data, at the same instant. */
const FILE_WATCH_PROBE = `(() => {
  ${HELPERS}
  return JSON.stringify({ stats: JSON.parse(text(handle(get('/stats')))), data: copy(hot.data) });
})()`;

/** A new version that receives the starter's snapshot `{ hits: 41 }`; the live state is put back afterwards (runs last). */
const FROM_STARTER_PROBE = `(() => {
  ${HELPERS}
  const saved = copy(snapshot());
  try {
    migrate({ hits: 41 });
    const ping = text(handle(get('/ping')));
    const stats = JSON.parse(text(handle(get('/stats'))));
    return JSON.stringify({ ping, statsIsObject: stats !== null && typeof stats === 'object' });
  } finally {
    migrate(copy(saved));
  }
})()`;

/** One request, snapshot(), more traffic, then migrate(that snapshot): /stats must look exactly as it did. */
const ROUND_TRIP_PROBE = `(() => {
  ${HELPERS}
  handle(get('/ping'));
  const saved = copy(snapshot());
  const before = text(handle(get('/stats')));
  handle(get('/ping'));
  handle(get('/ping'));
  migrate(copy(saved));
  const after = text(handle(get('/stats')));
  return JSON.stringify({ before, after });
})()`;

/** Run a probe; its JSON result, or an Error saying why it failed. */
async function probe(lab, source) {
  const result = await lab.evaluate(source);
  if (!result.ok) return new Error(result.error);
  try {
    return JSON.parse(result.text);
  } catch {
    return new Error(`unexpected result: ${result.text}`);
  }
}

/** Does `value` hold, at any depth, an object whose '/ping' count equals `count`? */
function holdsCount(value, count, depth = 0) {
  if (typeof count !== 'number' || value === null || typeof value !== 'object' || depth > 4) return false;
  if (value['/ping'] === count) return true;
  return Object.values(value).some((v) => holdsCount(v, count, depth + 1));
}

/** /stats as the goal shapes it: one JSON object from path to count. Its problem ({en, zh}), or null. */
function perPathProblem(lab, res) {
  const stats = lab.json(res);
  if (res.status !== 200) return { en: `it answered ${res.status}`, zh: `它回答了 ${res.status}` };
  if (stats === null || typeof stats !== 'object' || Array.isArray(stats)) return { en: 'it is not a JSON object', zh: '它不是一个 JSON 对象' };
  const notCounts = Object.entries(stats).filter(([, v]) => typeof v !== 'number');
  if (notCounts.length) {
    const keys = notCounts.map(([k]) => JSON.stringify(k)).join(', ');
    return { en: `not every value is a count: ${keys}`, zh: `并非每个值都是计数：${keys}` };
  }
  return null;
}

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const patched = update.outcome === 'applied' && update.stateKept && update.notes.some((n) => /^(replaced|added) /.test(n));
  const [before] = lab.numbers(lab.before);
  const ping = update.outcome === 'applied' ? await lab.counter('/ping') : null;
  lab.expect(
    patched && ping.found && ping.values[0] > before,
    { en: 'reflection-patch applies your edit in place (only functions changed) and /ping keeps counting', zh: 'reflection-patch 就地应用了你的改动（只改了函数），/ping 持续计数' },
    patched
      ? { en: `before the edit /ping said ${JSON.stringify(lab.text(lab.before))}; after it ${ping.seen}`, zh: `改动之前 /ping 说 ${JSON.stringify(lab.text(lab.before))}；之后 ${ping.seen}` }
      : update.reason ?? update.notes.join('; '),
  );
  if (update.outcome !== 'applied') return;

  // Two /stats with one /ping between them, nothing else running: each count moves by exactly one.
  const [one, two] = await lab.quietly(async () => {
    const a = await lab.request('/stats');
    await lab.request('/ping');
    return [a, await lab.request('/stats')];
  });
  const problem = perPathProblem(lab, one) ?? perPathProblem(lab, two);
  const [s1, s2] = [lab.json(one), lab.json(two)];
  // A path not counted yet has no key: a /stats that counts itself after answering shows none the first time.
  const moved = !problem && (s2['/ping'] ?? 0) - (s1['/ping'] ?? 0) === 1 && (s2['/stats'] ?? 0) - (s1['/stats'] ?? 0) === 1;
  const served = lab.expect(
    moved,
    { en: '/stats answers one JSON object of requests per path, e.g. {"/ping": 12, "/stats": 1}', zh: '/stats 以一个 JSON 对象返回每个路径的请求数，比如 {"/ping": 12, "/stats": 1}' },
    {
      en:
        `/stats answered ${JSON.stringify(lab.text(one).slice(0, 160))}, then after one /ping ${JSON.stringify(lab.text(two).slice(0, 160))}` +
        (problem ? `: ${problem.en}` : moved ? '' : ': the counts of /ping and /stats did not each go up by one'),
      zh:
        `/stats 回答了 ${JSON.stringify(lab.text(one).slice(0, 160))}，一次 /ping 之后回答 ${JSON.stringify(lab.text(two).slice(0, 160))}` +
        (problem ? `：${problem.zh}` : moved ? '' : '：/ping 和 /stats 的计数没有各加一'),
    },
  );
  if (!served) return; // the hand-over probes below read /stats: they would only repeat this

  const fileWatch = await probe(lab, FILE_WATCH_PROBE);
  lab.expect(
    !(fileWatch instanceof Error) && holdsCount(fileWatch.data, fileWatch.stats?.['/ping']),
    { en: 'file-watch would keep them: hot.data holds the counts /stats shows', zh: 'file-watch 能保留它们：hot.data 里有 /stats 显示的计数' },
    fileWatch instanceof Error ? fileWatch.message : `hot.data: ${JSON.stringify(fileWatch.data).slice(0, 200)}`,
  );

  // The round trip runs first: the other probe overwrites the live state with a made-up snapshot.
  const roundTrip = await probe(lab, ROUND_TRIP_PROBE);
  const fromStarter = await probe(lab, FROM_STARTER_PROBE);
  lab.expect(
    !(fromStarter instanceof Error) && lab.numbers(fromStarter.ping).includes(42) && fromStarter.statsIsObject,
    { en: 'plugin-swap / graceful: your migrate(prev) takes the starter’s snapshot `{ hits }`', zh: 'plugin-swap / 优雅重启：你的 migrate(prev) 能接收起始版本的快照 `{ hits }`' },
    fromStarter instanceof Error
      ? fromStarter.message
      : { en: `after migrate({ hits: 41 }) /ping answered ${JSON.stringify(fromStarter.ping)}`, zh: `migrate({ hits: 41 }) 之后 /ping 回答了 ${JSON.stringify(fromStarter.ping)}` },
  );
  lab.expect(
    !(roundTrip instanceof Error) && roundTrip.before === roundTrip.after && /^\s*\{/.test(roundTrip.before),
    { en: 'plugin-swap / graceful: snapshot() → migrate(prev) carries everything /stats shows to the next version', zh: 'plugin-swap / 优雅重启：snapshot() → migrate(prev) 能把 /stats 显示的一切带给下一个版本' },
    roundTrip instanceof Error
      ? roundTrip.message
      : {
          en: `/stats before ${roundTrip.before}, after the hand-over ${roundTrip.after}${roundTrip.before === roundTrip.after ? '' : ' (the two should be the same: migrate(prev) should put back every count snapshot() took)'}`,
          zh: `交接之前 /stats 是 ${roundTrip.before}，之后是 ${roundTrip.after}${roundTrip.before === roundTrip.after ? '' : '（两者应该相同：migrate(prev) 应把 snapshot() 取走的每个计数都放回去）'}`,
        },
  );
}
