// Lesson 8: a dispatch seam looked up at call time lets one reflection patch reach every caller: /ping answers
// the patched ping (`PONG n`, the greeting in capitals) with the count kept, follows `:set greeting`, and /shout
// and unknown paths still work.

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const notes = update.notes.join('\n');
  const applied = lab.expect(
    update.outcome === 'applied' && update.stateKept,
    { en: 'your change applies as a reflection patch (only functions changed, state kept)', zh: '你的改动能作为反射修补应用（只改了函数，状态保留）' },
    update.reason,
  );
  if (!applied) return;

  const [before] = lab.numbers(lab.before);
  const ping = await lab.counter('/ping');
  const reached = ping.found && ping.bodies.every((body) => /^PONG\s+\d+$/.test(body)) && ping.values[0] > before;
  const stale = notes.split('\n').filter((n) => n.startsWith('stale reference'));
  lab.expect(
    reached,
    { en: '/ping answers `PONG n` right after the patch, and the count carried on', zh: '修补之后 /ping 立即回答 `PONG n`，计数继续' },
    {
      en: `three requests in a row: ${ping.seen} (before the patch: ${JSON.stringify(lab.text(lab.before))})` + (!reached && stale.length ? `; hotlab noted: ${stale.join('; ')}` : ''),
      zh: `连续三次请求：${ping.seen}（修补之前：${JSON.stringify(lab.text(lab.before))}）` + (!reached && stale.length ? `；hotlab 指出：${stale.join('; ')}` : ''),
    },
  );

  const set = await lab.setValue('greeting', '"hey"');
  const hey = await lab.request('/ping');
  lab.expect(
    set.ok && /^HEY\s+\d+$/.test(lab.text(hey)),
    { en: 'after `:set greeting "hey"`, /ping answers `HEY n`: the live function with the live field', zh: '`:set greeting "hey"` 之后，/ping 回答 `HEY n`：活的函数配上活的字段' },
    set.ok ? { en: `/ping answered ${JSON.stringify(lab.text(hey))}`, zh: `/ping 回答了 ${JSON.stringify(lab.text(hey))}` } : set.error,
  );

  const shout = await lab.request('/shout');
  lab.expect(
    /^HEY\s+\d+!$/.test(lab.text(shout)),
    { en: '/shout still answers, through the same seam (`HEY n!`)', zh: '/shout 仍然能回答，走的是同一条接缝（`HEY n!`）' },
    { en: `/shout answered ${JSON.stringify(lab.text(shout))}`, zh: `/shout 回答了 ${JSON.stringify(lab.text(shout))}` },
  );

  const missing = await lab.request('/nowhere');
  lab.expect(
    missing.status === 404,
    { en: 'an unknown path still answers 404', zh: '未知路径仍然回答 404' },
    { en: `/nowhere answered ${missing.status} ${JSON.stringify(lab.text(missing))}`, zh: `/nowhere 回答了 ${missing.status} ${JSON.stringify(lab.text(missing))}` },
  );
}
