// Lesson 03: one save swapped a route's handler and added a route, with traffic on both, and nothing failed.

const show = (res) => `${res.status} ${JSON.stringify(res.body)}`;

/** @param {import('../../src/engine/lessons/check-types.ts').CheckLab} lab */
export async function check(lab) {
  const { update } = lab;
  lab.expect(
    update.outcome === 'applied',
    { en: 'your new route table was applied', zh: '新的路由表已生效' },
    update.outcome === 'applied'
      ? `v${update.previousVersion} → v${update.version}`
      : { en: `rejected: ${update.reason}`, zh: `被拒绝：${update.reason}` },
  );
  if (update.outcome !== 'applied') return;

  const ping = await lab.request('/ping');
  lab.expect(
    ping.status === 200 && lab.text(ping) === 'pong v2',
    { en: 'GET /ping has its new handler: pong v2', zh: 'GET /ping 换上了新的处理函数：pong v2' },
    { en: `before: ${show(lab.before)}, now: ${show(ping)}`, zh: `之前：${show(lab.before)}，现在：${show(ping)}` },
  );
  const named = await lab.request('/hello?name=gopher');
  lab.expect(
    named.status === 200 && lab.text(named) === 'hello, gopher',
    { en: 'GET /hello?name=gopher answers hello, gopher', zh: 'GET /hello?name=gopher 回复 hello, gopher' },
    { en: `it answered ${show(named)}`, zh: `它回答了 ${show(named)}` },
  );
  const plain = await lab.request('/hello');
  lab.expect(
    plain.status === 200 && lab.text(plain) === 'hello, world',
    { en: 'GET /hello without a name answers hello, world', zh: '不带 name 的 GET /hello 回复 hello, world' },
    { en: `it answered ${show(plain)}`, zh: `它回答了 ${show(plain)}` },
  );
  const posted = await lab.request('/hello', { method: 'POST' });
  const missing = await lab.request('/no-such-route');
  lab.expect(
    posted.status === 404 && missing.status === 404,
    { en: 'other methods and paths still get 404 (the method is part of a route, as in Gin)', zh: '其他方法和路径仍然返回 404（和 Gin 一样，方法是路由的一部分）' },
    { en: `POST /hello: ${show(posted)}, GET /no-such-route: ${show(missing)}`, zh: `POST /hello：${show(posted)}，GET /no-such-route：${show(missing)}` },
  );
  lab.expect(
    update.failedRequests === 0,
    { en: 'no request failed while the table was swapped', zh: '替换路由表期间没有请求失败' },
    { en: `${update.failedRequests} failed`, zh: `${update.failedRequests} 个失败` },
  );
}
