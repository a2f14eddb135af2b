// Lesson 9: the learner stamps every response with the build that served it. The check then rebuilds (a new
// process, state lost: a cold restart), ships a build that cannot start (down, 503, until a good build) and
// ships the learner's build again.

const BROKEN = "throw new Error('boom at start-up');\nexport function handle(req) { return 'never'; }\n";

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const applied = lab.expect(
    update.outcome === 'applied' && update.restart === 'cold',
    { en: 'your build was built, renamed into place and started (cold restart)', zh: '你的构建已完成构建、改名就位并启动（冷重启）' },
    update.reason,
  );
  if (!applied) return;

  const ping = await lab.request('/ping');
  const version = await lab.request('/version');
  const missing = await lab.request('/nowhere');
  const build = ping.headers['x-build'];
  const stamped = [ping, version, missing].every((r) => typeof r.headers['x-build'] === 'string' && r.headers['x-build'] === build);
  lab.expect(
    /^pong \d+$/.test(ping.body) && stamped && build.trim() !== '' && version.status === 200 && version.body.trim() === build,
    { en: 'every response (even a 404) carries `x-build`, and /version answers the same build name', zh: '每个响应（包括 404）都带着 `x-build`，/version 回答同一个构建名' },
    `/ping: ${JSON.stringify(ping.body)} x-build ${JSON.stringify(build ?? null)}; /version: ${version.status} ${JSON.stringify(version.body)} x-build ${JSON.stringify(version.headers['x-build'] ?? null)}; /nowhere: x-build ${JSON.stringify(missing.headers['x-build'] ?? null)}`,
  );

  // Another build of the same file: a new process, and nothing of the old one's memory.
  const pidBefore = lab.snapshot().sandbox.pid;
  const rebuilt = await lab.applySource(`${lab.source}\n// rebuilt\n`);
  const pidAfter = lab.snapshot().sandbox.pid;
  lab.expect(
    rebuilt?.outcome === 'applied' && !rebuilt.stateKept && pidAfter !== pidBefore,
    { en: 'a rebuild is a new process: the counter starts over', zh: '重新构建就是一个新进程：计数器从头开始' },
    rebuilt?.outcome === 'applied'
      ? `pid ${pidBefore} → ${pidAfter}; ${rebuilt.failedRequests} request(s) failed, ${Math.round(rebuilt.downtimeMs)} ms without an answer`
      : rebuilt?.reason,
  );

  // A build that cannot start: the old process is already gone.
  const broken = await lab.applySource(BROKEN);
  const down = await lab.request('/ping');
  lab.expect(
    broken?.outcome === 'rejected' && down.status === 503,
    { en: 'a build that fails at start leaves the service down (503): the old process was already stopped', zh: '启动失败的构建让服务停摆（503）：旧进程已经被停掉了' },
    `${broken?.reason ?? broken?.outcome}; /ping answered ${down.status}`,
  );

  const fixed = await lab.applySource(lab.source);
  const back = await lab.request('/ping');
  lab.expect(
    fixed?.outcome === 'applied' && back.status === 200 && build !== undefined && back.headers['x-build'] === build,
    { en: 'shipping your build again brings the service back', zh: '重新发布你的构建，服务恢复了' },
    `/ping answered ${back.status} ${JSON.stringify(back.body)}`,
  );
}
