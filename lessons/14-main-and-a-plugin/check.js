// Lesson 14: main (service.js) keeps running while plugin v2 (myplugin.js) is swapped in next to v1: only the
// plugin module is swapped, main keeps its count, and a plugin that no longer exports MyFunc fails the host's
// Lookup, is refused naming MyFunc, and leaves plugin v2 serving. The check replays that last save itself (the learner
// only has to read the refusal), with MyFunc renamed everywhere in the learner's plugin. Its saves are renames
// (vim's way): atomic, so the watcher never reads a plugin half written, however busy the machine.

/** Plugin v2 answering: `plugin v2, served 17`. */
const isV2 = (text) => /^plugin v2\b/.test(text);

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const loaded = lab.expect(
    update.outcome === 'applied',
    { en: 'plugin.Open + Lookup("MyFunc") took your plugin', zh: 'plugin.Open + Lookup("MyFunc") 接受了你的插件' },
    update.reason,
  );
  if (!loaded) return;

  const ping = await lab.counter('/ping');
  lab.expect(
    ping.found && ping.bodies.every(isV2),
    { en: '/ping answers `plugin v2, served n`, counting', zh: '/ping 回答 `plugin v2, served n`，并且在计数' },
    { en: `three requests in a row: ${ping.seen}`, zh: `连续三次请求：${ping.seen}` },
  );

  const touched = (update.modules ?? []).map((m) => `${m.module} ${m.action}`);
  const pluginOnly = touched.length > 0 && (update.modules ?? []).every((m) => m.module === 'myplugin.js' && m.action === 'swapped');
  lab.expect(
    pluginOnly,
    { en: 'your save swapped myplugin.js alone: main (service.js) kept running', zh: '你的保存只替换了 myplugin.js：main（service.js）一直在运行' },
    touched.length ? { en: `the update touched ${touched.join(', ')}`, zh: `这次更新动到了 ${touched.join(', ')}` } : { en: 'the update touched no module', zh: '这次更新没有动到任何模块' },
  );

  const plugin = lab.files['myplugin.js'];
  const swap = await lab.countAcross(() => lab.save(`${plugin}\n// loaded once more\n`, { file: 'myplugin.js', how: 'rename' }), '/ping');
  lab.expect(
    swap.result?.outcome === 'applied' && swap.exact,
    { en: "main's count goes on across a plugin swap, to the request", zh: 'main 的计数在插件替换前后接着数，一个不差' },
    swap.result?.outcome === 'applied'
      ? swap.said
      : { en: `a save of myplugin.js was refused: ${swap.result?.reason ?? 'no update came'}`, zh: `对 myplugin.js 的保存被拒绝：${swap.result?.reason ?? '没有带来更新'}` },
  );

  const renamed = await lab.save(plugin.replace(/\bMyFunc\b/g, 'MyFunction'), { file: 'myplugin.js', how: 'rename' });
  const after = await lab.request('/ping');
  lab.expect(
    renamed?.outcome === 'rejected' && (renamed.reason ?? '').includes('MyFunc') && isV2(lab.text(after)),
    {
      en: 'a plugin with MyFunc renamed is refused (the Lookup fails, naming MyFunc), and plugin v2 keeps serving',
      zh: 'MyFunc 改了名的插件被拒绝（Lookup 失败，指明 MyFunc），插件 v2 继续服务',
    },
    {
      en: `${renamed ? `the save was ${renamed.outcome}${renamed.reason ? `: ${renamed.reason}` : ''}` : 'no update came of the save'}; /ping then answered ${JSON.stringify(lab.text(after))}`,
      zh: `${renamed ? `这次保存${renamed.outcome === 'rejected' ? '被拒绝' : '被应用'}${renamed.reason ? `：${renamed.reason}` : ''}` : '这次保存没有带来更新'}；随后 /ping 回答了 ${JSON.stringify(lab.text(after))}`,
    },
  );
}
