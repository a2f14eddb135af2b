// Lesson 5: the learner's plugin v2 passes the host's Lookup (`handle` is a function), serves a new route, and
// /ping still answers `pong n`, counting.

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const loaded = lab.expect(
    update.outcome === 'applied',
    { en: 'plugin.Lookup("handle") found a function: your plugin is loaded', zh: 'plugin.Lookup("handle") 找到了函数：你的插件已加载' },
    update.reason,
  );
  if (!loaded) return;

  const version = await lab.request('/version');
  lab.expect(
    version.status === 200 && lab.text(version) === 'plugin v2',
    { en: '/version answers `plugin v2`', zh: '/version 回答 `plugin v2`' },
    {
      en: `/version answered ${version.status} ${JSON.stringify(version.failed ? (version.error ?? version.body) : version.body)}`,
      zh: `/version 回答了 ${version.status} ${JSON.stringify(version.failed ? (version.error ?? version.body) : version.body)}`,
    },
  );

  const ping = await lab.counter('/ping');
  lab.expect(
    ping.found && ping.bodies.every((body) => /^pong \d+$/.test(body)),
    { en: '/ping still answers `pong n`, counting', zh: '/ping 仍然回答 `pong n`，并且在计数' },
    { en: `three requests in a row: ${ping.seen}`, zh: `连续三次请求：${ping.seen}` },
  );
}
