// Lesson 7: reflection-patch replaced ping in place (state kept); setting a field by name reaches the new code
// through a caller that looks ping up at call time (/shout); a const cannot be set; and the route table that
// captured ping at start-up still holds the old function (a stale reference hotlab names).

/** `pong 17` / `PONG 17!` → 17 (NaN when there is no number). */
const countOf = (body) => Number(/(\d+)\D*$/.exec(String(body))?.[1]);

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const notes = update.notes.join('\n');
  const patched = update.outcome === 'applied' && /replaced ping\(\)/.test(notes) && update.stateKept;
  lab.expect(
    patched,
    { en: 'ping was replaced in place and the state stayed (reflect.Value.Set)', zh: 'ping 被就地替换，状态保留（reflect.Value.Set）' },
    patched ? notes.split('\n')[0] : update.reason ?? (notes || 'no function changed'),
  );
  if (update.outcome !== 'applied') return;

  // :set greeting "…" — FieldByName("Greeting").SetString("…"), twice, so no hard-coded text can pass.
  const seen = [];
  let setError;
  for (const word of ['hola', 'salut']) {
    const set = await lab.setValue('greeting', JSON.stringify(word));
    if (!set.ok) setError = set.error;
    const shout = await lab.request('/shout');
    seen.push({ word, body: shout.body });
  }
  const followed = !setError && seen.every(({ word, body }) => body.startsWith(`${word.toUpperCase()} `) && /^\S+ \d+!$/.test(body));
  lab.expect(
    followed && countOf(seen[0].body) > countOf(lab.before.body),
    { en: 'after `:set greeting "hola"`, /shout answers `HOLA n!` (and follows every later :set); the count carried on', zh: '`:set greeting "hola"` 之后，/shout 回答 `HOLA n!`（之后每次 :set 都跟着变），计数继续' },
    setError ?? `${seen.map(({ word, body }) => `greeting ${JSON.stringify(word)} → /shout ${JSON.stringify(body)}`).join('; ')}; before the patch /ping said ${JSON.stringify(lab.before.body)}`,
  );

  const constant = await lab.setValue('routes', '{}');
  lab.expect(
    !constant.ok && /CanSet/.test(constant.error),
    { en: '`:set routes …` is refused: a const is like an unexported field (CanSet() == false)', zh: '`:set routes …` 被拒绝：const 就像未导出的字段（CanSet() == false）' },
    constant.ok ? `routes was set to ${constant.text}` : constant.error,
  );

  const ping = await lab.request('/ping');
  const stale = /routes\['\/ping'\] still holds the old ping/.test(notes);
  lab.expect(
    stale,
    { en: 'hotlab names the stale reference: routes[\'/ping\'] still holds the old ping', zh: 'hotlab 指出了陈旧引用：routes[\'/ping\'] 仍然指向旧的 ping' },
    `/ping answered ${JSON.stringify(ping.body)}${stale ? ' — the old ping, through the table built at start-up' : ''}`,
  );
}
