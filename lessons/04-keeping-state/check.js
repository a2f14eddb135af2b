// Lesson 4: the counter survives a file-watch reload because the module keeps it in hot.data.
// The starter wrote nothing to hot.data, so the first update (starter → your file) cannot keep the count;
// the check therefore reloads your own file once more and watches the counter across that reload.

/** `pong 17` → 17 (NaN when the body does not end in a number). */
const countOf = (body) => Number(String(body).trim().split(/\s+/).at(-1));

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const loaded = lab.expect(
    lab.update.outcome === 'applied',
    { en: 'your file loads under file-watch', zh: '你的文件能在 file-watch 下加载' },
    lab.update.reason,
  );
  if (!loaded) return;

  // Build up a count the reload can keep or lose.
  let last;
  for (let i = 0; i < 20; i++) last = await lab.request('/ping');
  const counted = countOf(last.body);
  lab.expect(
    /^pong \d+$/.test(last.body) && counted >= 20,
    { en: '/ping answers `pong n` and counts every request', zh: '/ping 回答 `pong n`，并且每个请求都计数' },
    `/ping answered ${JSON.stringify(last.body)}`,
  );

  // An edit (a comment added) is saved: file-watch evaluates the whole file again.
  const reload = await lab.applySource(`${lab.source}\n// edited: reload me\n`);
  const kept = reload?.outcome === 'applied' && reload.stateKept;
  lab.expect(
    kept,
    { en: 'the next reload hands hot.data over (state kept)', zh: '下一次重新加载交接了 hot.data（状态保留）' },
    kept ? undefined : reload?.outcome === 'applied' ? 'hot.data was empty when the reload happened: nothing was handed over' : reload?.reason,
  );
  const after = await lab.request('/ping');
  lab.expect(
    countOf(after.body) > counted,
    { en: 'the counter carries on after the reload instead of starting over', zh: '重新加载后计数继续累加，而不是从头开始' },
    `before the reload /ping said ${JSON.stringify(last.body)}, after it ${JSON.stringify(after.body)}`,
  );
}
