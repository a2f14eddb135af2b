// Lesson 16: State gains `byPath`; every request counts in `hits` and in `byPath[path]`; /stats answers the state
// as JSON. Types are stripped, so nothing makes the data handed over fit the new type: migrate(prev) must take
// the old `{ hits }` over (the starter's own snapshot, then one handed over by a stand-in), the new shape from a
// stand-in, and the learner's own snapshot from version to version. The learner's ping must count on throughout.

/** Why state was not kept, as the update says it (its notes and reason are hotlab's own words). */
const whyLost = (record) =>
  record?.outcome === 'applied'
    ? record.notes.join('; ') || { en: 'the update says the state was not kept', zh: '这次更新说状态没有保留' }
    : (record?.reason ?? { en: 'no new version', zh: '没有新版本' });

/** The state /stats answers, when it has the goal's shape: `{ hits: number, byPath: { [path]: number } }`. */
function stateOf(lab, response) {
  const state = lab.json(response);
  if (state === null || typeof state !== 'object' || typeof state.hits !== 'number') return undefined;
  const { byPath } = state;
  if (byPath === null || typeof byPath !== 'object' || Array.isArray(byPath)) return undefined;
  return Object.values(byPath).every((n) => typeof n === 'number') ? state : undefined;
}

const sum = (byPath) => Object.values(byPath).reduce((a, b) => a + b, 0);
const shown = (response) => JSON.stringify(typeof response === 'string' ? response : response.body);

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const migrated = lab.expect(
    update.outcome === 'applied' && update.stateKept,
    { en: 'your migrate(prev) took over the starter’s `{ hits }` (state kept)', zh: '你的 migrate(prev) 接管了起始版本的 `{ hits }`（状态保留）' },
    update.outcome === 'applied' && update.stateKept ? undefined : whyLost(update),
  );
  if (!migrated) return;

  const [starterCount] = lab.numbers(lab.before);
  const ping = await lab.counter('/ping');
  lab.expect(
    ping.found && ping.values[0] > starterCount,
    { en: '/ping counts on from the starter’s count', zh: '/ping 从起始版本的计数接着数' },
    {
      en: `the starter said ${JSON.stringify(lab.text(lab.before))} just before the update; then ${ping.seen}`,
      zh: `更新前一刻起始版本说 ${JSON.stringify(lab.text(lab.before))}；之后 ${ping.seen}`,
    },
  );

  // Two /ping between two /stats, with the traffic held: hits goes up by 3, byPath['/ping'] by 2 and
  // byPath['/stats'] by 1, whether a /stats answer counts itself before or after it is written.
  const [first, second] = await lab.quietly(async () => {
    const a = await lab.request('/stats');
    await lab.request('/ping');
    await lab.request('/ping');
    return [a, await lab.request('/stats')];
  });
  const [was, now] = [stateOf(lab, first), stateOf(lab, second)];
  const grew = (path) => (now?.byPath[path] ?? 0) - (was?.byPath[path] ?? 0);
  lab.expect(
    was !== undefined && now !== undefined && now.hits - was.hits === 3 && grew('/ping') === 2 && grew('/stats') === 1,
    { en: '/stats answers `{ hits, byPath }` and every request counts in both', zh: '/stats 回答 `{ hits, byPath }`，每个请求都计入两者' },
    { en: `/stats answered ${shown(first)}, then, after two /ping, ${shown(second)}`, zh: `/stats 回答了 ${shown(first)}，两次 /ping 之后回答 ${shown(second)}` },
  );

  // The learner's own snapshot, new shape, into the next version of the learner's file.
  const next = await lab.countAcross(async () => {
    const before = await lab.request('/stats');
    const record = await lab.applySource(`${lab.source}\n// next build\n`);
    return { record, before, after: await lab.request('/stats') };
  }, '/ping');
  const { record, before, after } = next.result;
  const [stateBefore, stateAfter] = [stateOf(lab, before), stateOf(lab, after)];
  const byPathKept = stateBefore !== undefined && stateAfter !== undefined && Object.entries(stateBefore.byPath).every(([path, n]) => (stateAfter.byPath[path] ?? 0) >= n);
  const kept = record?.outcome === 'applied' && record.stateKept;
  lab.expect(
    kept && next.exact && byPathKept,
    { en: 'the next version takes your `{ hits, byPath }` over, to the request', zh: '下一个版本原样接过你的 `{ hits, byPath }`，一个请求不差' },
    kept
      ? { en: `${next.said.en}; /stats before ${shown(before)}, after ${shown(after)}`, zh: `${next.said.zh}；之前 /stats 是 ${shown(before)}，之后是 ${shown(after)}` }
      : whyLost(record),
  );

  // The old shape, handed over by a stand-in: hits carries on from 40, byPath starts empty, so from then on the
  // counts in byPath add up to the requests counted since.
  const old = await lab.handOver({ hits: 40 });
  const fromOld = old.update?.outcome === 'applied' && old.update.stateKept ? await lab.quietly(() => lab.request('/stats')) : null;
  const oldState = fromOld ? stateOf(lab, fromOld) : undefined;
  lab.expect(
    oldState !== undefined && oldState.hits > 40 && sum(oldState.byPath) === oldState.hits - 40,
    { en: 'your migrate takes an old `{ hits: 40 }` over: hits counts on from 40, byPath from empty', zh: '你的 migrate 接管旧的 `{ hits: 40 }`：hits 从 40 接着数，byPath 从空开始' },
    fromOld ? { en: `then /stats answered ${shown(fromOld)}`, zh: `随后 /stats 回答了 ${shown(fromOld)}` } : whyLost(old.update),
  );

  // The new shape, handed over by a stand-in: both parts carry on.
  const handed = { hits: 50, byPath: { '/ping': 30, '/stats': 20 } };
  const neu = await lab.handOver(handed);
  const fromNew = neu.update?.outcome === 'applied' && neu.update.stateKept ? await lab.quietly(() => lab.request('/stats')) : null;
  const newState = fromNew ? stateOf(lab, fromNew) : undefined;
  lab.expect(
    newState !== undefined && newState.hits > 50 && newState.byPath['/ping'] >= 30 && newState.byPath['/stats'] > 20 && sum(newState.byPath) === newState.hits,
    { en: 'your migrate takes the new shape over: hits and byPath count on', zh: '你的 migrate 接管新的形状：hits 和 byPath 都接着数' },
    fromNew
      ? { en: `handed ${JSON.stringify(handed)}; then /stats answered ${shown(fromNew)}`, zh: `交接了 ${JSON.stringify(handed)}；随后 /stats 回答了 ${shown(fromNew)}` }
      : whyLost(neu.update),
  );
}
