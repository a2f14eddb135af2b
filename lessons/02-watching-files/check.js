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

  // Three answers in a row: each must have the shape, the hits must be what goes up, and the load must be 2.
  const counter = await lab.counter('/ping');
  const answers = counter.bodies.map((body) => read(lab, body));
  const shaped = answers.every((a) => a !== null);
  const shown = lab.expect(
    shaped && counter.found && counter.index === 0 && answers.every((a) => a.load === 2),
    { en: '/ping answers `pong <hits> (load <n>)`: hits counting, load 2 after one save', zh: '/ping 回答 `pong <hits> (load <n>)`：hits 在计数，保存一次后是 load 2' },
    !shaped
      ? `not that shape: ${counter.seen}`
      : !counter.found || counter.index !== 0
        ? `the hits did not go up from one request to the next: ${counter.seen}`
        : `three requests in a row: ${counter.seen}`,
  );
  if (!shown) return;

  const again = await lab.save(lab.source);
  const afterAgain = read(lab, await lab.request('/ping'));
  lab.expect(
    again === null && afterAgain?.load === 2,
    { en: 'saving the same text again is not a new version (still load 2)', zh: '再次保存同样的内容不算新版本（仍是 load 2）' },
    again ? `the save made v${again.version}; /ping then said load ${afterAgain?.load ?? '?'}` : `/ping then said load ${afterAgain?.load ?? '?'}`,
  );

  const renamed = await lab.save(`${lab.source.trimEnd()}\n// saved by rename\n`, { how: 'rename' });
  const afterRename = read(lab, await lab.request('/ping'));
  lab.expect(
    renamed?.outcome === 'applied' && afterRename?.load === 3,
    { en: 'a save by rename (temp file, then rename) is seen once: load 3', zh: '通过重命名保存（先写临时文件再重命名）也被看到，且只加载一次：load 3' },
    renamed?.outcome === 'applied' ? `v${renamed.version} took over; /ping then said load ${afterRename?.load ?? '?'}` : `rejected: ${renamed?.reason}`,
  );
}
