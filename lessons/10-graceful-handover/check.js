// Lesson 10: graceful binary-replace (start new → ready → switch → drain → stop old) fails no request, and with
// snapshot()/migrate(prev) the counter crosses from one process to the next. The starter has no snapshot, so
// the check ships the learner's build once more and follows the counter across that restart, with the
// traffic held so every request in between is accounted for.

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  lab.expect(
    update.outcome === 'applied' && update.restart === 'graceful' && update.failedRequests === 0,
    { en: 'your build took over gracefully: 0 failed requests', zh: '你的构建优雅地接管了：0 个失败请求' },
    update.outcome === 'applied' ? { en: `${update.failedRequests} request(s) failed`, zh: `${update.failedRequests} 个请求失败` } : update.reason,
  );
  if (update.outcome !== 'applied') return;

  // The next build: your old process hands its snapshot to your new one.
  const next = await lab.countAcross(() => lab.applySource(`${lab.source}\n// build 3\n`), '/ping');
  const record = next.result;
  const kept = record?.outcome === 'applied' && record.stateKept && record.failedRequests === 0 && next.exact;
  lab.expect(
    kept,
    { en: 'the next graceful restart carries the counter over (snapshot() → migrate(prev)), with 0 failed requests', zh: '下一次优雅重启把计数带了过去（snapshot() → migrate(prev)），0 个失败请求' },
    record?.outcome === 'applied'
      ? {
          en: [...record.notes, `${record.failedRequests} request(s) failed`, next.said.en].join(' — '),
          zh: [...record.notes, `${record.failedRequests} 个请求失败`, next.said.zh].join(' — '),
        }
      : { en: `rejected: ${record?.reason}`, zh: `被拒绝：${record?.reason}` },
  );
}
