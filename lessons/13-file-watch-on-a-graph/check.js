// Lesson 13: /ping answers `hello n`, and a save of words.js stops at a hot.accept() boundary below service.js:
// service.js does not re-run, so its count goes on. The learner's first save cannot show the boundary (the
// running starter accepted nothing, so it re-ran everything up to the entry); the check then saves words.js
// once more, as the learner would, and reads which modules that save re-ran and the count across it.

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const loaded = lab.expect(
    lab.update.outcome === 'applied',
    { en: 'your program loads under file-watch', zh: '你的程序能在 file-watch 下加载' },
    lab.update.reason,
  );
  if (!loaded) return;

  const ping = await lab.counter('/ping');
  lab.expect(
    ping.found && ping.bodies.every((body) => /^hello \d+$/.test(body)),
    { en: '/ping answers `hello n`, counting', zh: '/ping 回答 `hello n`，并且在计数' },
    { en: `three requests in a row: ${ping.seen}`, zh: `连续三次请求：${ping.seen}` },
  );

  // A save of the leaf, as an editor that saves by rename (vim) writes it: a comment added. A rename is atomic,
  // so the watcher never reads the file half written, however busy the machine.
  const words = lab.files['words.js'];
  const across = await lab.countAcross(() => lab.save(`${words}\n// saved again\n`, { file: 'words.js', how: 'rename' }), '/ping');
  const saved = across.result;
  if (
    !lab.expect(
      saved?.outcome === 'applied',
      { en: 'a save of words.js is applied', zh: '对 words.js 的保存被应用' },
      saved ? saved.reason : { en: 'no update came of the save', zh: '这次保存没有带来更新' },
    )
  )
    return;
  const reRan = (saved.modules ?? []).filter((m) => m.action === 're-ran').map((m) => m.module);
  lab.expect(
    reRan.includes('words.js') && !reRan.includes('service.js'),
    { en: 'a save of words.js does not re-run service.js (a hot.accept() boundary stops it)', zh: '保存 words.js 不会让 service.js 重新运行（hot.accept() 边界挡住了它）' },
    reRan.length ? { en: `the save re-ran ${reRan.join(' → ')}`, zh: `这次保存重新运行了 ${reRan.join(' → ')}` } : { en: 'the save re-ran nothing', zh: '这次保存没有重新运行任何模块' },
  );
  lab.expect(
    across.exact,
    { en: 'the /ping count goes on across the save, without losing one', zh: '保存前后 /ping 的计数接着数，一个不丢' },
    across.said,
  );
}
