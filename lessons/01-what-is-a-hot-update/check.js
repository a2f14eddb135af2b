// Lesson 01: the learner changed the reply text, kept a counter in it, and the new code took over without a
// restart. The counter is the number that goes up from one answer to the next, wherever it is in the reply
// (`hi from v2: 17` has two numbers; the 17 counts).

/** The reply with its counter (or, without one, every number) written as `#`: "pong 12" → "pong #". */
function shape(text, counterIndex) {
  let n = -1;
  return text.replace(/\d+(?:\.\d+)?/g, (digits) => (++n === counterIndex || counterIndex < 0 ? '#' : digits));
}

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  lab.expect(
    update.outcome === 'applied',
    { en: 'your new version was applied', zh: '新版本已生效' },
    update.outcome === 'applied'
      ? `v${update.previousVersion} → v${update.version}`
      : { en: `rejected: ${update.reason}`, zh: `被拒绝：${update.reason}` },
  );
  if (update.outcome !== 'applied') return;

  const res = await lab.request('/ping');
  lab.expect(
    !res.failed && res.version === update.version,
    { en: 'the new version answers /ping', zh: '新版本在回答 /ping' },
    {
      en: `v${res.version ?? '?'} answered ${JSON.stringify(res.failed ? (res.error ?? res.body) : res.body)}`,
      zh: `v${res.version ?? '?'} 回答了 ${JSON.stringify(res.failed ? (res.error ?? res.body) : res.body)}`,
    },
  );

  const counter = await lab.counter('/ping');
  const now = lab.text(counter.bodies.at(-1) ?? '');
  const before = lab.text(lab.before);
  const same = shape(now, counter.index) === shape(before, -1);
  lab.expect(
    now !== '' && !same,
    { en: '/ping answers a new text', zh: '/ping 返回了新的文字' },
    {
      en: `before: ${JSON.stringify(before)}, now: ${JSON.stringify(now)}${now === '' ? ' (empty)' : same ? ' — the same text but for the count' : ''}`,
      zh: `之前：${JSON.stringify(before)}，现在：${JSON.stringify(now)}${now === '' ? '（空的）' : same ? '——除了计数，文字没变' : ''}`,
    },
  );
  lab.expect(
    counter.found,
    { en: 'the reply still counts requests', zh: '回复里仍然带着请求计数' },
    counter.found
      ? { en: `three requests in a row: ${counter.seen}`, zh: `连续三次请求：${counter.seen}` }
      : { en: `three requests in a row, and no number in the reply went up: ${counter.seen}`, zh: `连续三次请求，回复里没有一个数字在增加：${counter.seen}` },
  );
  lab.expect(
    update.failedRequests === 0,
    { en: 'no request failed during the update', zh: '更新期间没有请求失败' },
    { en: `${update.failedRequests} failed`, zh: `${update.failedRequests} 个失败` },
  );
}
