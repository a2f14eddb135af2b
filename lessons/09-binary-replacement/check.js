// Lesson 9: the learner's build is built, renamed into place and started cold, and stamps every response —
// a route's, /version's, a 404 — with the build that served it; /version answers that same name.

/** What the check asks for: a route of the starter, the new route, a path no route has. */
const PROBES = ['/ping', '/version', '/nowhere'];

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const applied = lab.expect(
    update.outcome === 'applied' && update.restart === 'cold',
    { en: 'your build was built, renamed into place and started (cold restart)', zh: '你的代码已构建、改名就位并启动（冷重启）' },
    update.reason,
  );
  if (!applied) return;

  const answers = [];
  for (const path of PROBES) answers.push({ path, res: await lab.request(path) });
  const stamps = answers.map(({ res }) => res.headers['x-build']);
  const build = stamps[0];
  const show = ({ path, res }) => `${path}: ${res.status}, x-build ${JSON.stringify(res.headers['x-build'] ?? null)}`;
  const showZh = ({ path, res }) => `${path} 回答 ${res.status}，x-build 为 ${JSON.stringify(res.headers['x-build'] ?? null)}`;
  lab.expect(
    typeof build === 'string' && build.trim() !== '' && stamps.every((s) => s === build),
    { en: 'every response (a route’s, /version’s, a 404) carries the same `x-build`', zh: '每个响应（路由的、/version 的、404 的）都带着同一个 `x-build`' },
    { en: answers.map(show).join('; '), zh: answers.map(showZh).join('；') },
  );

  const version = answers[1].res;
  lab.expect(
    version.status === 200 && typeof build === 'string' && lab.text(version) === build.trim(),
    { en: '/version answers the build name in `x-build`', zh: '/version 回答 `x-build` 里的构建名' },
    {
      en: `/version answered ${version.status} ${JSON.stringify(lab.text(version))}; x-build is ${JSON.stringify(build ?? null)}`,
      zh: `/version 回答了 ${version.status} ${JSON.stringify(lab.text(version))}；x-build 是 ${JSON.stringify(build ?? null)}`,
    },
  );
}
