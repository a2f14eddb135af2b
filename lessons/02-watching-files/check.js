// Lesson 02: /ping answers `pong <hits> (load <n>)`, and the load number follows the saves as the watcher sees
// them: a save that changes nothing is no load, a save by rename (temp file, then rename) is one.

/** `pong 7 (load 2)` → { hits: 7, load: 2 }; null for any other shape (after trimming). */
function read(lab, body) {
  const m = /^pong\s+(\d+)\s+\(\s*load\s+(\d+)\s*\)$/.exec(lab.text(body));
  return m ? { hits: Number(m[1]), load: Number(m[2]) } : null;
}

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  lab.expect(
    !lab.unchanged,
    { en: 'you saved a change to service.js', zh: '你保存了对 service.js 的修改' },
    lab.unchanged
      ? { en: 'your file is still the starter: a save that changes nothing is not a new version', zh: '你的文件还是起始版本：什么都没改的保存不算新版本' }
      : undefined,
  );
  lab.expect(
    update.trigger === 'save' && update.outcome === 'applied',
    { en: 'the watcher saw your save and the new version took over', zh: '监视器看到了你的保存，新版本接管了服务' },
    update.outcome !== 'applied'
      ? { en: `rejected: ${update.reason}`, zh: `被拒绝：${update.reason}` }
      : update.trigger === 'save'
        ? {
            en: `seen ${update.timings.detect?.toFixed(1) ?? '?'} ms after the write, read in ${update.timings.read?.toFixed(2) ?? '?'} ms`,
            zh: `写入后 ${update.timings.detect?.toFixed(1) ?? '?'} ms 被看到，读取用了 ${update.timings.read?.toFixed(2) ?? '?'} ms`,
          }
        : { en: 'no save was seen', zh: '没有看到保存' },
  );
  if (update.outcome !== 'applied') return;

  // Three answers in a row: each must have the shape, the hits must be what goes up, and the load must be 2.
  const counter = await lab.counter('/ping');
  const answers = counter.bodies.map((body) => read(lab, body));
  const shaped = answers.every((a) => a !== null);
  const shown = lab.expect(
    shaped && counter.found && counter.index === 0 && answers.every((a) => a.load === 2),
    { en: '/ping answers `pong <hits> (load <n>)`: hits counting, load 2 after one save', zh: '/ping 回答 `pong <hits> (load <n>)`：hits 在计数，保存一次后是 load 2' },
    !shaped
      ? { en: `not that shape: ${counter.seen}`, zh: `格式不对：${counter.seen}` }
      : !counter.found || counter.index !== 0
        ? { en: `the hits did not go up from one request to the next: ${counter.seen}`, zh: `hits 没有随每次请求增加：${counter.seen}` }
        : { en: `three requests in a row: ${counter.seen}`, zh: `连续三次请求：${counter.seen}` },
  );
  if (!shown) return;

  const again = await lab.save(lab.source);
  const afterAgain = read(lab, await lab.request('/ping'));
  lab.expect(
    again === null && afterAgain?.load === 2,
    { en: 'saving the same text again is not a new version (still load 2)', zh: '再次保存同样的内容不算新版本（仍是 load 2）' },
    again
      ? { en: `the save made v${again.version}; /ping then said load ${afterAgain?.load ?? '?'}`, zh: `这次保存产生了 v${again.version}；随后 /ping 说 load ${afterAgain?.load ?? '?'}` }
      : { en: `/ping then said load ${afterAgain?.load ?? '?'}`, zh: `随后 /ping 说 load ${afterAgain?.load ?? '?'}` },
  );

  const renamed = await lab.save(`${lab.source.trimEnd()}\n// saved by rename\n`, { how: 'rename' });
  const afterRename = read(lab, await lab.request('/ping'));
  lab.expect(
    renamed?.outcome === 'applied' && afterRename?.load === 3,
    { en: 'a save by rename (temp file, then rename) is seen once: load 3', zh: '通过重命名保存（先写临时文件再重命名）也被看到，且只加载一次：load 3' },
    renamed?.outcome === 'applied'
      ? { en: `v${renamed.version} took over; /ping then said load ${afterRename?.load ?? '?'}`, zh: `v${renamed.version} 接管了；随后 /ping 说 load ${afterRename?.load ?? '?'}` }
      : { en: `rejected: ${renamed?.reason}`, zh: `被拒绝：${renamed?.reason}` },
  );
}
