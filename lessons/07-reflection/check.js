// Lesson 7: reflection-patch replaced ping in place (state kept), and the patched ping answers
// `${greeting} ${hits}` and still counts. /shout calls ping by name at call time, so it shows the patched ping
// and every `:set greeting`; /ping goes through the route table built at start-up, which still holds the old
// ping (hotlab notes the stale reference), so the check reads ping through /shout, with the traffic held: a
// ping that stopped counting cannot hide behind the old one, which shares `hits`.

/** `HOLA 17!` for greeting "hola" → 17; NaN for anything else. */
function shoutCount(lab, body, word) {
  const m = new RegExp(`^${word.toUpperCase()}\\s+(\\d+)!$`).exec(lab.text(body));
  return m ? Number(m[1]) : Number.NaN;
}

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const notes = update.notes.join('\n');
  const patched = update.outcome === 'applied' && /replaced ping\(\)/.test(notes) && update.stateKept;
  lab.expect(
    patched,
    { en: 'ping was replaced in place and the state stayed (reflect.Value.Set)', zh: 'ping 被就地替换，状态保留（reflect.Value.Set）' },
    patched ? notes.split('\n')[0] : update.reason ?? (notes || { en: 'no function changed', zh: '没有函数改变' }),
  );
  if (update.outcome !== 'applied') return;

  // :set greeting "…" — FieldByName("Greeting").SetString("…"), twice, so no hard-coded text can pass; two
  // /shout requests after each, which call the patched ping once each and nothing else.
  const [before] = lab.numbers(lab.before);
  const seen = [];
  let followed = true;
  let setError;
  await lab.quietly(async () => {
    for (const word of ['hola', 'salut']) {
      const set = await lab.setValue('greeting', JSON.stringify(word));
      if (!set.ok) setError ??= set.error;
      const one = await lab.request('/shout');
      const two = await lab.request('/shout');
      const [a, b] = [shoutCount(lab, one.body, word), shoutCount(lab, two.body, word)];
      seen.push(`:set greeting ${JSON.stringify(word)} → /shout ${JSON.stringify(lab.text(one))}, ${JSON.stringify(lab.text(two))}`);
      followed &&= set.ok && a > before && b === a + 1;
    }
  });
  lab.expect(
    followed,
    { en: 'after `:set greeting "hola"`, /shout answers `HOLA n!`, n going up by one per request from the count before', zh: '`:set greeting "hola"` 之后，/shout 回答 `HOLA n!`，n 从之前的计数起每个请求加一' },
    setError ?? {
      en: `${seen.join('; ')}; before the patch /ping said ${JSON.stringify(lab.text(lab.before))}`,
      zh: `${seen.join('；')}；修补之前 /ping 说 ${JSON.stringify(lab.text(lab.before))}`,
    },
  );
}
