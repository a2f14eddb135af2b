// Lesson 01: the learner changed the reply text, and the new code took over without a restart.

/** The reply without its numbers: "pong 12" → "pong". */
const words = (body) => body.replace(/\d+/g, '').trim();

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  lab.expect(
    update.outcome === 'applied',
    { en: 'your new version was applied', zh: '新版本已生效' },
    update.outcome === 'applied' ? `v${update.previousVersion} → v${update.version}` : `rejected: ${update.reason}`,
  );
  if (update.outcome !== 'applied') return;

  const res = await lab.request('/ping');
  lab.expect(
    !res.failed && res.version === update.version,
    { en: 'the new version answers /ping', zh: '新版本在回答 /ping' },
    `v${res.version ?? '?'} answered ${JSON.stringify(res.body)}`,
  );
  const oldText = words(lab.before.body);
  lab.expect(
    words(res.body) !== '' && words(res.body) !== oldText,
    { en: '/ping answers a new text', zh: '/ping 返回了新的文字' },
    `before: ${JSON.stringify(lab.before.body)}, now: ${JSON.stringify(res.body)}`,
  );
  // Traffic keeps flowing between our two requests, so the second count is higher, not exactly one higher.
  const count = (body) => Number(/\d+/.exec(body)?.[0]);
  const first = count(res.body);
  const second = count((await lab.request('/ping')).body);
  const startedOver = first < count(lab.before.body);
  lab.expect(
    Number.isInteger(first) && second > first,
    { en: 'the reply still counts requests', zh: '回复里仍然带着请求计数' },
    Number.isInteger(first)
      ? `it went ${first} → ${second}${startedOver ? ' (from 0 again: file-watch ran the whole file again, `let hits = 0` included)' : ''}`
      : 'there is no number in the reply: keep ${hits} in it',
  );
  lab.expect(
    update.failedRequests === 0,
    { en: 'no request failed during the update', zh: '更新期间没有请求失败' },
    `${update.failedRequests} failed`,
  );
}
