// Lesson 6: snapshot() of the old plugin → migrate(prev) of the new one carries the counter over, from the
// starter and again from the learner's own version; and a snapshot migrate does not understand aborts the switch.

/** A version from another lineage: its snapshot has no `hits` at all. */
const FOREIGN = `let seen = [];
export function handle(req) {
  seen.push(req.path);
  return 'other ' + seen.length;
}
export function snapshot() {
  return { seen: seen.slice(-5) };
}
`;

/** `pong 17` → 17 (NaN when the body does not end in a number). */
const countOf = (body) => Number(String(body).trim().split(/\s+/).at(-1));

/** Why state was not kept, as the update says it. */
const whyLost = (record) => (record?.outcome === 'applied' ? record.notes.join('; ') || 'migrate(prev) was not called' : record?.reason);

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  const migrated = update.outcome === 'applied' && update.stateKept;
  lab.expect(
    migrated,
    { en: 'your migrate(prev) took over the starter’s snapshot (state kept)', zh: '你的 migrate(prev) 接管了起始版本的快照（状态保留）' },
    migrated ? undefined : whyLost(update),
  );
  if (update.outcome !== 'applied') return;
  const first = await lab.request('/ping');
  lab.expect(
    countOf(first.body) > countOf(lab.before.body),
    { en: 'the counter carries on from the old plugin’s count', zh: '计数从旧插件的数字继续往上数' },
    `the starter said ${JSON.stringify(lab.before.body)} just before the update, your version ${JSON.stringify(first.body)}`,
  );

  // The next version gets your own snapshot: the hand-over must work from you to you as well.
  let beforeNext;
  for (let i = 0; i < 20; i++) beforeNext = await lab.request('/ping'); // a count worth keeping
  const next = await lab.applySource(`${lab.source}\n// next build\n`);
  const afterNext = await lab.request('/ping');
  const keptAgain = next?.outcome === 'applied' && next.stateKept && countOf(afterNext.body) > countOf(beforeNext.body);
  lab.expect(
    keptAgain,
    { en: 'the next version takes the count over from yours too', zh: '下一个版本也能从你的版本接过计数' },
    keptAgain ? undefined : `${whyLost(next) ?? ''} — /ping said ${JSON.stringify(beforeNext.body)}, then ${JSON.stringify(afterNext.body)}`,
  );

  // A version from another lineage serves for a moment; then your file arrives with its foreign snapshot.
  const foreign = await lab.applySource(FOREIGN);
  if (foreign?.outcome !== 'applied') {
    lab.expect(false, { en: 'a version with a different snapshot could be loaded', zh: '一个快照格式不同的版本能够加载' }, foreign?.reason);
    return;
  }
  const refused = await lab.applySource(lab.source);
  lab.expect(
    refused?.outcome === 'rejected',
    { en: 'a snapshot without a numeric `hits` makes your migrate throw: the switch is aborted', zh: '没有数字 `hits` 的快照让你的 migrate 抛出异常：切换被中止' },
    refused?.outcome === 'rejected' ? refused.reason : 'your version was switched in although the old snapshot was `{ seen: [...] }`, with no `hits`',
  );
  const still = await lab.request('/ping');
  lab.expect(
    still.version === foreign.version && still.body.startsWith('other '),
    { en: 'the old version keeps serving after the aborted switch', zh: '切换中止后，旧版本继续服务' },
    `/ping answered ${JSON.stringify(still.body)} from v${still.version}`,
  );
}
