// Lesson 11: v2 changes the state's shape yet keeps its snapshot readable by v1. The check takes v1's count over
// (v1 → v2), sees /stats, ships a broken update (refused, v2 keeps serving), rolls back to v1 (v1's strict
// migrate must accept v2's snapshot) and rolls forward again — the count must survive every step.

/** `pong 17` → 17 (NaN when the body does not end in a number). */
const countOf = (body) => Number(String(body).trim().split(/\s+/).at(-1));

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const took = update.outcome === 'applied' && update.stateKept;
  const ping = took ? await lab.request('/ping') : null;
  lab.expect(
    took && countOf(ping.body) > countOf(lab.before.body),
    { en: 'v2 took v1’s snapshot over: /ping carries on counting', zh: 'v2 接管了 v1 的快照：/ping 继续计数' },
    took
      ? `v1 said ${JSON.stringify(lab.before.body)} just before the update, v2 ${JSON.stringify(ping.body)}`
      : update.outcome === 'applied' ? update.notes.join('; ') || 'migrate(prev) was not called' : update.reason,
  );
  if (update.outcome !== 'applied') return;
  const current = ping ?? (await lab.request('/ping'));

  const stats = await lab.request('/stats');
  let byPath = null;
  try {
    byPath = JSON.parse(stats.body);
  } catch {
    // not JSON: reported below
  }
  lab.expect(
    stats.status === 200 && byPath !== null && typeof byPath === 'object' && Number(byPath['/ping']) >= 1,
    { en: '/stats answers JSON counts per path, e.g. {"/ping": 12}', zh: '/stats 以 JSON 返回按路径的计数，比如 {"/ping": 12}' },
    `/stats answered ${stats.status} ${JSON.stringify(stats.body.slice(0, 200))}`,
  );

  // A bad update: refused, and v2 keeps serving with its state.
  const broken = await lab.applySource(`${lab.source}\nexport function unfinished() {\n  return 'oops';\n`);
  const afterBroken = await lab.request('/ping');
  lab.expect(
    broken?.outcome === 'rejected' && afterBroken.version === update.version && countOf(afterBroken.body) > countOf(current.body),
    { en: 'a broken update is refused and v2 keeps serving, count intact', zh: '坏更新被拒绝，v2 带着完整的计数继续服务' },
    `${broken?.reason ?? broken?.outcome}; /ping answered ${JSON.stringify(afterBroken.body)} from v${afterBroken.version}`,
  );

  // Rollback: v1's code comes back and its strict migrate reads v2's snapshot.
  let last = afterBroken;
  for (let i = 0; i < 10; i++) last = await lab.request('/ping');
  const back = await lab.rollback();
  const v1ping = await lab.request('/ping');
  const v1stats = await lab.request('/stats');
  const rolledBack = back?.outcome === 'applied' && back.stateKept && countOf(v1ping.body) > countOf(last.body) && v1stats.status === 404;
  lab.expect(
    rolledBack,
    { en: 'rollback to v1 keeps the count: v1’s code answers and reads v2’s snapshot', zh: '回滚到 v1 时计数保留：v1 的代码在回答，并读懂了 v2 的快照' },
    back?.outcome === 'applied'
      ? `${back.stateKept ? '' : 'state lost — '}/ping said ${JSON.stringify(last.body)} before the rollback, ${JSON.stringify(v1ping.body)} after; /stats answered ${v1stats.status}`
      : `${back?.reason ?? 'nothing to roll back to'}`,
  );

  // Roll forward again: v2 reads v1's snapshot once more.
  const forward = await lab.applySource(lab.source);
  const again = await lab.request('/ping');
  lab.expect(
    forward?.outcome === 'applied' && forward.stateKept && countOf(again.body) > countOf(v1ping.body),
    { en: 'rolling forward to v2 again keeps the count too', zh: '再次前滚到 v2，计数同样保留' },
    forward?.outcome === 'applied' ? `/ping said ${JSON.stringify(again.body)}` : forward?.reason,
  );
}
