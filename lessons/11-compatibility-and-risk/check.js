// Lesson 11: v2 changes the state's shape yet keeps its snapshot readable by v1. The check takes v1's count
// over (v1 → v2), reads /stats (one JSON object, path → count), rolls back to v1 (v1's strict migrate must
// accept v2's snapshot) and forward again — the count must survive every step — and finally hands v2's migrate
// snapshots it cannot read, which it must refuse.

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
  const took = update.outcome === 'applied' && update.stateKept;
  const [v1Count] = lab.numbers(lab.before);
  const first = took ? await lab.counter('/ping') : null;
  lab.expect(
    took && first.found && first.values[0] > v1Count,
    { en: 'v2 took v1’s snapshot over: /ping carries on counting', zh: 'v2 接管了 v1 的快照：/ping 继续计数' },
    took
      ? { en: `v1 said ${JSON.stringify(lab.text(lab.before))} just before the update; v2: ${first.seen}`, zh: `更新前一刻 v1 说 ${JSON.stringify(lab.text(lab.before))}；v2：${first.seen}` }
      : update.outcome === 'applied'
        ? update.notes.join('; ') || { en: 'the update says the state was not kept', zh: '这次更新说状态没有保留' }
        : update.reason,
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
  lab.expect(
    moved,
    { en: '/stats answers one JSON object of requests per path, e.g. {"/ping": 12, "/stats": 3}', zh: '/stats 以一个 JSON 对象返回每个路径的请求数，比如 {"/ping": 12, "/stats": 3}' },
    {
      en:
        `/stats answered ${JSON.stringify(lab.text(one).slice(0, 160))}, then after one /ping ${JSON.stringify(lab.text(two).slice(0, 160))}` +
        (problem ? `: ${problem.en}` : moved ? '' : ': the counts of /ping and /stats did not each go up by one'),
      zh:
        `/stats 回答了 ${JSON.stringify(lab.text(one).slice(0, 160))}，一次 /ping 之后回答 ${JSON.stringify(lab.text(two).slice(0, 160))}` +
        (problem ? `：${problem.zh}` : moved ? '' : '：/ping 和 /stats 的计数没有各加一'),
    },
  );

  // Rollback: v1's code comes back and its strict migrate reads v2's snapshot.
  const back = await lab.countAcross(() => lab.rollback(), '/ping');
  const v1stats = await lab.request('/stats');
  const rolledBack = back.result?.outcome === 'applied' && back.result.stateKept && back.carriedOn && v1stats.status === 404;
  lab.expect(
    rolledBack,
    { en: 'rollback to v1 keeps the count: v1’s code answers and reads v2’s snapshot', zh: '回滚到 v1 时计数保留：v1 的代码在回答，并读懂了 v2 的快照' },
    back.result?.outcome === 'applied'
      ? {
          en: `${back.result.stateKept ? '' : `state lost${back.result.notes.length ? ` (${back.result.notes.join('; ')})` : ''} — `}${back.said.en}; /stats answered ${v1stats.status}`,
          zh: `${back.result.stateKept ? '' : `状态丢失${back.result.notes.length ? `（${back.result.notes.join('; ')}）` : ''}——`}${back.said.zh}；/stats 回答了 ${v1stats.status}`,
        }
      : (back.result?.reason ?? { en: 'nothing to roll back to', zh: '没有可以回滚到的版本' }),
  );

  // Roll forward again: v2 reads v1's snapshot once more.
  const forward = await lab.countAcross(() => lab.applySource(lab.source), '/ping');
  lab.expect(
    forward.result?.outcome === 'applied' && forward.result.stateKept && forward.carriedOn,
    { en: 'rolling forward to v2 again keeps the count too', zh: '再次前滚到 v2，计数同样保留' },
    forward.result?.outcome === 'applied' ? forward.said : forward.result?.reason,
  );

  // What v2's migrate cannot read, it refuses: the switch is aborted and the old version serves on.
  for (const [snapshot, shown] of [
    [{ hits: 'lots' }, "{ hits: 'lots' }"],
    [{ visits: 12 }, '{ visits: 12 } (no hits)'],
  ]) {
    const { update: handed } = await lab.handOver(snapshot);
    const after = handed?.outcome === 'applied' ? await lab.request('/ping') : null;
    lab.expect(
      handed?.outcome === 'rejected',
      { en: `v2’s migrate refuses ${shown}: the switch is aborted`, zh: `v2 的 migrate 拒绝 ${shown}：切换被中止` },
      handed?.outcome === 'rejected'
        ? handed.reason
        : {
            en: `the switch to v2 went ahead${handed?.notes.length ? ` (${handed.notes.join('; ')})` : ''}; /ping then answered ${JSON.stringify(lab.text(after ?? ''))}`,
            zh: `切换到 v2 照常进行了${handed?.notes.length ? `（${handed.notes.join('; ')}）` : ''}；随后 /ping 回答了 ${JSON.stringify(lab.text(after ?? ''))}`,
          },
    );
  }
}
