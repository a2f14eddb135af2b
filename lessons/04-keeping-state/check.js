// Lesson 4: the /ping counter survives every file-watch reload because the module keeps it in hot.data.
// The starter wrote nothing to hot.data, so the first update (starter → your file) cannot keep the count; the
// check reloads your own file twice more and follows the counter across each reload, with the traffic held so
// that every request in between is accounted for: not one count may be lost (or added) by a reload.

const RELOADS = 2;

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const loaded = lab.expect(
    lab.update.outcome === 'applied',
    { en: 'your file loads under file-watch', zh: '你的文件能在 file-watch 下加载' },
    lab.update.reason !== undefined ? { en: `rejected: ${lab.update.reason}`, zh: `被拒绝：${lab.update.reason}` } : undefined,
  );
  if (!loaded) return;

  const counter = await lab.counter('/ping');
  const counts = lab.expect(
    counter.found,
    { en: '/ping answers with a count that goes up with every request', zh: '/ping 的回答里有随每个请求增加的计数' },
    counter.found
      ? { en: `three requests in a row: ${counter.seen}`, zh: `连续三次请求：${counter.seen}` }
      : { en: `three requests in a row, and no number in the answer went up: ${counter.seen}`, zh: `连续三次请求，回答里没有一个数字在增加：${counter.seen}` },
  );
  if (!counts) return;

  // An edit (a comment added) is saved: file-watch evaluates the whole file again, each time.
  const seen = { en: [], zh: [] };
  let ok = true;
  for (let i = 1; i <= RELOADS && ok; i++) {
    const across = await lab.countAcross(() => lab.applySource(`${lab.source}\n// edited: reload ${i}\n`), '/ping');
    const reload = across.result;
    ok = reload?.outcome === 'applied' && across.exact;
    seen.en.push(reload?.outcome === 'applied' ? `reload ${i}: ${across.said.en}` : `reload ${i} was rejected: ${reload?.reason}`);
    seen.zh.push(reload?.outcome === 'applied' ? `第 ${i} 次重新加载：${across.said.zh}` : `第 ${i} 次重新加载被拒绝：${reload?.reason}`);
  }
  lab.expect(
    ok,
    { en: 'every reload carries the count on through hot.data, without losing one', zh: '每次重新加载都通过 hot.data 接着计数，一个都不丢' },
    { en: seen.en.join('; '), zh: seen.zh.join('；') },
  );
}
