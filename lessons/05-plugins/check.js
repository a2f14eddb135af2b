// Lesson 5: the learner's plugin v2 passes the host's Lookup, serves a new route, and the old plugins stay
// loaded. The check then builds once more (one more retained version) and tries a plugin whose `handle` is an
// object, which the host refuses as Go's type assertion on a Lookup result would.

const WRONG_TYPE = "export const handle = { '/ping': 'pong' };\n";

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
  const ping = await lab.request('/ping');
  lab.expect(
    version.status === 200 && version.body.trim() === 'plugin v2' && /^pong \d+$/.test(ping.body),
    { en: '/version answers `plugin v2`, and /ping still answers `pong n`', zh: '/version 回答 `plugin v2`，/ping 仍然回答 `pong n`' },
    `/version answered ${version.status} ${JSON.stringify(version.body)}; /ping answered ${JSON.stringify(ping.body)}`,
  );
  lab.expect(
    !update.stateKept && update.retainedVersions >= 1 && (update.retainedHeap ?? 0) > 0,
    { en: 'your plugin counts with its own globals, and the old plugin stays loaded beside it', zh: '你的插件用自己的全局变量计数，旧插件仍然加载在它旁边' },
    `state kept: ${update.stateKept}; retained versions: ${update.retainedVersions}, heap they hold: ${Math.round((update.retainedHeap ?? 0) / 1024)} KB`,
  );

  // One more build of the same plugin: one more version stays loaded.
  const rebuilt = await lab.applySource(`${lab.source}\n// rebuilt\n`);
  lab.expect(
    rebuilt?.outcome === 'applied' && rebuilt.retainedVersions === update.retainedVersions + 1,
    { en: 'every new build adds one more loaded version; none goes away', zh: '每次新构建都多一个已加载的版本，没有一个会消失' },
    `retained versions: ${update.retainedVersions} → ${rebuilt?.retainedVersions ?? '?'}`,
  );

  // A plugin whose symbol has the wrong type: the host's type check refuses it and the last good one serves on.
  const wrong = await lab.applySource(WRONG_TYPE);
  const still = await lab.request('/version');
  lab.expect(
    wrong?.outcome === 'rejected' && /handle/.test(wrong.reason ?? '') && /not a function/.test(wrong.reason ?? '') &&
      still.version === rebuilt?.version && still.body.trim() === 'plugin v2',
    { en: 'a plugin whose `handle` is an object is refused (a failed type assertion), and yours keeps serving', zh: '`handle` 是对象的插件被拒绝（类型断言失败），你的插件继续服务' },
    `${wrong?.reason ?? `the update was ${wrong?.outcome}`}; /version answered ${JSON.stringify(still.body)} from v${still.version}`,
  );
}
