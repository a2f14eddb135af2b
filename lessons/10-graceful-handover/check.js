// Lesson 10: graceful binary-replace (start new → ready → switch → drain → stop old) fails no request, and with
// snapshot()/migrate(prev) the counter crosses from one process to the next. The starter has no snapshot, so
// the check ships the learner's build once more to see the hand-over. Finally a build that cannot start is
// shipped: graceful keeps the old process serving, state and all.

const BROKEN = "throw new Error('boom at start-up');\nexport function handle(req) { return 'never'; }\n";

/** `pong 17` → 17 (NaN when the body does not end in a number). */
const countOf = (body) => Number(String(body).trim().split(/\s+/).at(-1));

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  lab.expect(
    update.outcome === 'applied' && update.restart === 'graceful' && update.failedRequests === 0,
    { en: 'your build took over gracefully: 0 failed requests', zh: '你的构建优雅地接管了：0 个失败请求' },
    update.outcome === 'applied' ? `${update.failedRequests} request(s) failed` : update.reason,
  );
  if (update.outcome !== 'applied') return;

  // The next build: your old process hands its snapshot to your new one.
  const pidBefore = lab.snapshot().sandbox.pid;
  let before;
  for (let i = 0; i < 20; i++) before = await lab.request('/ping'); // a count worth keeping
  const next = await lab.applySource(`${lab.source}\n// build 3\n`);
  const after = await lab.request('/ping');
  const pidAfter = lab.snapshot().sandbox.pid;
  lab.expect(
    next?.outcome === 'applied' && pidAfter !== pidBefore && next.failedRequests === 0,
    { en: 'the next build is a new process, and still no request failed', zh: '下一个构建是一个新进程，仍然没有请求失败' },
    next?.outcome === 'applied' ? `pid ${pidBefore} → ${pidAfter}, ${next.failedRequests} failed` : next?.reason,
  );
  const kept = next?.outcome === 'applied' && next.stateKept && countOf(after.body) > countOf(before.body);
  lab.expect(
    kept,
    { en: 'snapshot() → migrate(prev) carried the counter into the new process', zh: 'snapshot() → migrate(prev) 把计数带进了新进程' },
    [...(next?.notes ?? []), `/ping said ${JSON.stringify(before.body)} before, ${JSON.stringify(after.body)} after`].join(' — '),
  );

  // A build that cannot start: graceful never switched to it.
  const broken = await lab.applySource(BROKEN);
  const still = await lab.request('/ping');
  lab.expect(
    broken?.outcome === 'rejected' && broken.failedRequests === 0 && still.status === 200 && countOf(still.body) > countOf(after.body),
    { en: 'a build that fails at start is never switched to: the old process keeps serving, counter and all', zh: '启动失败的构建永远不会被切换过去：旧进程带着计数继续服务' },
    `${broken?.reason ?? broken?.outcome}; /ping answered ${still.status} ${JSON.stringify(still.body)}`,
  );
}
