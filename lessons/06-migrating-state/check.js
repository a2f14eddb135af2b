// Lesson 6: snapshot() of the old plugin → migrate(prev) of the new one carries the counter over, from the
// starter and, exactly, from the learner's own version; migrate throws when prev.hits is not a number (a
// string, or no hits at all) and accepts every number, 0 included. Each snapshot is handed over through a
// real update from a stand-in old version, as plugin-swap does it.

/** Why state was not kept, as the update says it (its notes and reason are hotlab's own words). */
const whyLost = (record) =>
  record?.outcome === 'applied' ? record.notes.join('; ') || { en: 'the update says the state was not kept', zh: '这次更新说状态没有保留' } : record?.reason;

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

  const [starterCount] = lab.numbers(lab.before);
  const first = await lab.counter('/ping');
  lab.expect(
    first.found && first.values[0] > starterCount,
    { en: 'the counter carries on from the old plugin’s count', zh: '计数从旧插件的数字继续往上数' },
    {
      en: `the starter said ${JSON.stringify(lab.text(lab.before))} just before the update; then ${first.seen}`,
      zh: `更新前一刻起始版本说 ${JSON.stringify(lab.text(lab.before))}；之后 ${first.seen}`,
    },
  );

  // The next version gets your own snapshot: the hand-over must work from you to you as well, to the count.
  const next = await lab.countAcross(() => lab.applySource(`${lab.source}\n// next build\n`), '/ping');
  const keptAgain = next.result?.outcome === 'applied' && next.result.stateKept && next.exact;
  lab.expect(
    keptAgain,
    { en: 'the next version takes your count over exactly', zh: '下一个版本原样接过你的计数' },
    next.result?.outcome === 'applied' && next.result.stateKept ? next.said : whyLost(next.result),
  );

  for (const [snapshot, shown] of [
    [{ hits: 'lots' }, "{ hits: 'lots' }"],
    [{ seen: ['/ping'] }, "{ seen: ['/ping'] } (no hits)"],
  ]) {
    const { update: handed } = await lab.handOver(snapshot);
    const after = handed?.outcome === 'applied' ? await lab.request('/ping') : null;
    lab.expect(
      handed?.outcome === 'rejected',
      { en: `your migrate throws on ${shown}: the switch is aborted`, zh: `你的 migrate 遇到 ${shown} 会抛出异常：切换被中止` },
      handed?.outcome === 'rejected'
        ? handed.reason
        : {
            en: `the switch to your version went ahead${handed?.notes.length ? ` (${handed.notes.join('; ')})` : ''}; /ping then answered ${JSON.stringify(lab.text(after ?? ''))}`,
            zh: `切换到你的版本照常进行了${handed?.notes.length ? `（${handed.notes.join('; ')}）` : ''}；随后 /ping 回答了 ${JSON.stringify(lab.text(after ?? ''))}`,
          },
    );
  }

  // 0 is a number: a migrate must take { hits: 0 } over like any other count, and count on from it.
  const servedBefore = lab.served();
  const { update: zero } = await lab.handOver({ hits: 0 });
  const fromZero = zero?.outcome === 'applied' ? await lab.counter('/ping') : null;
  lab.expect(
    zero?.outcome === 'applied' && zero.stateKept && fromZero.found && fromZero.values[0] <= fromZero.servedAt[0] - servedBefore,
    { en: 'your migrate takes { hits: 0 } over and counts on from 0', zh: '你的 migrate 接受 { hits: 0 }，并从 0 接着数' },
    zero?.outcome !== 'applied'
      ? { en: `refused: ${zero?.reason}`, zh: `被拒绝：${zero?.reason}` }
      : !zero.stateKept
        ? whyLost(zero)
        : { en: `then ${fromZero.seen}`, zh: `之后 ${fromZero.seen}` },
  );
}
