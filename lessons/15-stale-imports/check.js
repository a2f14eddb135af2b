// Lesson 15: routes.js filled its table with handlers.js's functions at start-up, so a reflection patch of ping
// never reaches /ping through it. The learner patches ping to answer `PONG n` and makes route() look the handler
// up on every call. Then the check patches ping once more itself — the learner's ping, renamed, behind a new
// ping that prefixes `later` — and /ping must answer that at once: a seam that only caught the first patch, or
// a /ping rebuilt in routes.js, fails there. /health and unknown paths answer as the starter's did.

/** The name the check gives the learner's ping in its later patch. */
const RENAMED = 'pingBeforeTheLaterPatch';

/**
 * handlers.js with a later patch: the learner's `function ping(` renamed, and a new ping in its place that calls
 * it and writes `later` before its answer. Only functions change (one replaced, one added), so reflection-patch
 * applies it like any patch of the learner's. Null when there is no top-level `function ping(` to patch.
 */
function laterPatch(source) {
  const declaration = /^(export\s+)?function\s+ping\s*\(/m;
  if (!declaration.test(source)) return null;
  const wrapper = (exported) =>
    `${exported}function ping(req) {\n` +
    `  const answer = ${RENAMED}(req);\n` +
    `  return answer !== null && typeof answer === 'object' ? { ...answer, body: \`later \${answer.body}\` } : \`later \${answer}\`;\n` +
    `}\n\nfunction ${RENAMED}(`;
  return source.replace(declaration, (_, exported) => wrapper(exported ?? ''));
}

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const patched = update.notes.filter((note) => /^(replaced|added) /.test(note)).join('; ');
  const applied = lab.expect(
    update.outcome === 'applied' && update.stateKept,
    { en: 'your files apply as a reflection patch (only functions changed, state kept)', zh: '你的文件能作为反射修补应用（只改了函数，状态保留）' },
    update.outcome !== 'applied'
      ? update.reason
      : update.stateKept
        ? patched || undefined
        : update.notes.join('; ') || { en: 'the update says the state was not kept', zh: '这次更新说状态没有保留' },
  );
  if (!applied) return;

  const [before] = lab.numbers(lab.before);
  const ping = await lab.counter('/ping');
  const reached = ping.found && ping.bodies.every((body) => /^PONG\s+\d+$/.test(body)) && ping.values[0] > before;
  const stale = update.notes.filter((note) => note.startsWith('stale reference'));
  lab.expect(
    reached,
    { en: '/ping answers `PONG n` right after the patch, and the count carried on', zh: '修补之后 /ping 立即回答 `PONG n`，计数继续' },
    {
      en: `three requests in a row: ${ping.seen} (before the patch: ${JSON.stringify(lab.text(lab.before))})` + (!reached && stale.length > 0 ? `; hotlab noted: ${stale.join('; ')}` : ''),
      zh: `连续三次请求：${ping.seen}（修补之前：${JSON.stringify(lab.text(lab.before))}）` + (!reached && stale.length > 0 ? `；hotlab 指出：${stale.join('; ')}` : ''),
    },
  );

  const health = await lab.request('/health');
  lab.expect(
    health.status === 200 && lab.text(health) === 'ok',
    { en: '/health still answers `ok`', zh: '/health 仍然回答 `ok`' },
    { en: `/health answered ${health.status} ${JSON.stringify(lab.text(health))}`, zh: `/health 回答了 ${health.status} ${JSON.stringify(lab.text(health))}` },
  );

  const missing = await lab.request('/nowhere');
  lab.expect(
    missing.status === 404,
    { en: 'an unknown path still answers 404', zh: '未知路径仍然回答 404' },
    { en: `/nowhere answered ${missing.status} ${JSON.stringify(lab.text(missing))}`, zh: `/nowhere 回答了 ${missing.status} ${JSON.stringify(lab.text(missing))}` },
  );

  // The later patch: what a learner would do next, made by the check so no answer can be written in advance.
  const { live, seen } = await patchLater(lab, ping.value);
  lab.expect(
    live,
    { en: 'a later patch of ping in handlers.js reaches /ping at once', zh: '之后对 handlers.js 中 ping 的修补立即到达 /ping' },
    seen,
  );
}

/** Patch ping again (`later …`) and read /ping: does it answer the later code, the count going on from `last`? */
async function patchLater(lab, last) {
  const patched = laterPatch(lab.files['handlers.js'] ?? '');
  if (patched === null) {
    return { live: false, seen: { en: 'handlers.js has no top-level `function ping(` to patch', zh: 'handlers.js 里没有可修补的顶层 `function ping(`' } };
  }
  const later = await lab.applySource(patched, { file: 'handlers.js' });
  if (later?.outcome !== 'applied') {
    return {
      live: false,
      seen: {
        en: `the later patch (ping wrapped to answer \`later …\`) was not applied: ${later?.reason ?? 'no new version'}`,
        zh: `之后的修补（把 ping 包一层，回答 \`later …\`）没有被应用：${later?.reason ?? '没有新版本'}`,
      },
    };
  }
  const after = await lab.counter('/ping');
  const live = after.found && after.bodies.every((body) => /^later\s+PONG\s+\d+$/.test(body)) && after.values[0] > last;
  const stale = later.notes.filter((note) => note.startsWith('stale reference'));
  return {
    live,
    seen: {
      en: `after the check patched ping to answer \`later PONG n\`, /ping answered ${after.seen}` + (!live && stale.length > 0 ? `; hotlab noted: ${stale.join('; ')}` : ''),
      zh: `检查把 ping 修补成回答 \`later PONG n\` 之后，/ping 回答了 ${after.seen}` + (!live && stale.length > 0 ? `；hotlab 指出：${stale.join('; ')}` : ''),
    },
  };
}
