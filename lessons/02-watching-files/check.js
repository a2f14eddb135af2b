// Lesson 02: the learner's save arrives through the watcher; saves that change nothing make no version, a
// save by rename is seen like any other, and a half-written (empty) file is never run.

/** The load number in a reply: "pong 7 (load 2)" → 2. */
const loadIn = (body) => Number(/\(load (\d+)\)/.exec(body)?.[1]);

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  lab.expect(
    !lab.unchanged,
    { en: 'you saved a change to service.js', zh: '你保存了对 service.js 的修改' },
    lab.unchanged ? 'your file is still the starter: a save that changes nothing is not a new version' : undefined,
  );
  lab.expect(
    update.trigger === 'save' && update.outcome === 'applied',
    { en: 'the watcher saw your save and the new version took over', zh: '监视器看到了你的保存，新版本接管了服务' },
    update.outcome !== 'applied'
      ? `rejected: ${update.reason}`
      : update.trigger === 'save'
        ? `seen ${update.timings.detect?.toFixed(1) ?? '?'} ms after the write, read in ${update.timings.read?.toFixed(2) ?? '?'} ms`
        : 'no save was seen',
  );
  if (update.outcome !== 'applied') return;

  const now = await lab.request('/ping');
  const shown = lab.expect(
    loadIn(now.body) === 2,
    { en: '/ping says which load answered: load 2 after one save', zh: '/ping 说出了是第几次加载在回答：保存一次后是 load 2' },
    `it answered ${JSON.stringify(now.body)}`,
  );
  if (!shown) return;

  const again = await lab.save(lab.source);
  const afterAgain = await lab.request('/ping');
  lab.expect(
    again === null && loadIn(afterAgain.body) === 2,
    { en: 'saving the same text again is not a new version (still load 2)', zh: '再次保存同样的内容不算新版本（仍是 load 2）' },
    `it answered ${JSON.stringify(afterAgain.body)}`,
  );

  const renamed = await lab.save(`${lab.source.trimEnd()}\n// saved by rename\n`, { how: 'rename' });
  const afterRename = await lab.request('/ping');
  lab.expect(
    renamed?.outcome === 'applied' && loadIn(afterRename.body) === 3,
    { en: 'a save by rename (temp file, then rename) is seen once: load 3', zh: '通过重命名保存（先写临时文件再重命名）也被看到，且只加载一次：load 3' },
    `it answered ${JSON.stringify(afterRename.body)}`,
  );

  const empty = await lab.save('');
  const afterEmpty = await lab.request('/ping');
  lab.expect(
    empty?.outcome === 'rejected' && loadIn(afterEmpty.body) === 3,
    { en: 'an empty (half-written) file is refused and load 3 keeps serving', zh: '空的（写了一半的）文件被拒绝，load 3 继续服务' },
    empty ? `${empty.outcome}${empty.reason ? `: ${empty.reason}` : ''}; then ${JSON.stringify(afterEmpty.body)}` : 'the empty save made no update at all',
  );
}
