// Lesson 8: a dispatch seam looked up at call time lets one reflection patch reach every caller: /ping answers
// the patched ping (`PONG n`) with the count kept, /shout and unknown paths still work.

/** `pong 17` / `PONG 17!` → 17 (NaN when there is no number). */
const countOf = (body) => Number(/(\d+)\D*$/.exec(String(body))?.[1]);

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

  const ping = await lab.request('/ping');
  const reached = /^PONG \d+$/.test(ping.body) && countOf(ping.body) > countOf(lab.before.body);
  const stale = notes.split('\n').filter((n) => n.startsWith('stale reference'));
  lab.expect(
    reached,
    { en: '/ping answers `PONG n` right after the patch, and the count carried on', zh: '修补之后 /ping 立即回答 `PONG n`，计数继续' },
    `/ping answered ${JSON.stringify(ping.body)} (before the patch: ${JSON.stringify(lab.before.body)})` +
      (!reached && stale.length ? ` — ${stale.join('; ')}, and /ping still goes through it` : ''),
  );

  const set = await lab.setValue('greeting', '"hey"');
  const hey = await lab.request('/ping');
  lab.expect(
    set.ok && /^HEY \d+$/.test(hey.body),
    { en: 'after `:set greeting "hey"`, /ping answers `HEY n`: the live function with the live field', zh: '`:set greeting "hey"` 之后，/ping 回答 `HEY n`：活的函数配上活的字段' },
    set.ok ? `/ping answered ${JSON.stringify(hey.body)}` : set.error,
  );

  const shout = await lab.request('/shout');
  lab.expect(
    /^HEY \d+!$/.test(shout.body),
    { en: '/shout still answers, through the same seam (`HEY n!`)', zh: '/shout 仍然能回答，走的是同一条接缝（`HEY n!`）' },
    `/shout answered ${JSON.stringify(shout.body)}`,
  );

  const missing = await lab.request('/nowhere');
  lab.expect(
    missing.status === 404,
    { en: 'an unknown path still answers 404', zh: '未知路径仍然回答 404' },
    `/nowhere answered ${missing.status} ${JSON.stringify(missing.body)}`,
  );
}
