// reflection-patch's refusals (engine/source/patch-refusals.ts) in Chinese: lesson 7 is about reading them, and a zh
// learner read them in English. The code quoted in them stays as written; what they say around it is translated.

type Rule = [pattern: RegExp, zh: (...groups: string[]) => string];

const INSTEAD = 'Use file-watch or binary-replace';
const INSTEAD_ZH = '请改用 file-watch 或 binary-replace';

const KINDS: Record<string, string> = {
  'a function': '普通函数',
  'an async function': 'async 函数',
  'a generator function': '生成器函数',
  'an async generator function': 'async 生成器函数',
  'a class': '类',
  'a statement': '语句',
};

function kind(text: string): string {
  const binding = /^a (`\w+`) binding$/.exec(text);
  return binding ? `${binding[1]} 绑定` : (KINDS[text] ?? text);
}

/** "running `a`, new `b`" → "运行中 `a`，新 `b`". */
function quoted(text: string): string {
  return text.replace(/^running (.*), new (.*)$/s, '运行中 $1，新 $2');
}

const tail = (english: string): string => `\\. ${english.replace(/[.()]/g, '\\$&')}\\.$`;

export const PATCH_REFUSAL_RULES: readonly Rule[] = [
  [
    new RegExp(`^\`(.+?)\` changed kind: running (.+?), new (.+?)${tail(`Reflection-patch only replaces a function with a function of the same kind, as Go's reflect needs the same type. ${INSTEAD}`)}`, 's'),
    (name, before, after) => `\`${name}\` 的种类变了：运行中是 ${kind(before)}，新的是 ${kind(after)}。反射修补只能用同一种类的函数替换函数，正如 Go 的 reflect 要求类型相同。${INSTEAD_ZH}。`,
  ],
  [
    new RegExp(`^class \`(.+?)\` changed: (.+)${tail(`Reflection-patch replaces top-level functions only; a class is state, and objects built from it keep the old one. ${INSTEAD}, or move the logic into a top-level function`)}`, 's'),
    (name, change) => `类 \`${name}\` 变了：${quoted(change)}。反射修补只替换顶层函数；类属于状态，用它创建的对象仍保留旧类。${INSTEAD_ZH}，或把逻辑移到顶层函数里。`,
  ],
  [
    new RegExp(`^the top-level initialiser changed: (.+)\\. Reflection-patch replaces functions only; initialisers do not run again and the live values? of (.+?) (?:is|are) kept${tail(`${INSTEAD} to re-initialise`)}`, 's'),
    (change, names) => `顶层初始化变了：${quoted(change)}。反射修补只替换函数；初始化不会再运行，${names} 的当前值保持不变。${INSTEAD_ZH} 来重新初始化。`,
  ],
  [
    new RegExp(`^the top-level binding (.+?) became (.+?): (.+)${tail(`Reflection-patch cannot rename or add state in the running program. ${INSTEAD}`)}`, 's'),
    (before, after, change) => `顶层绑定 ${before} 变成了 ${after}：${quoted(change)}。反射修补不能在运行中的程序里重命名或新增状态。${INSTEAD_ZH}。`,
  ],
  [
    new RegExp(`^(a top-level statement|the top-level code) changed: (.+)${tail(`Reflection-patch replaces functions only; top-level code ran once at start and does not run again. ${INSTEAD} to run it`)}`, 's'),
    (what, change) => `${what === 'a top-level statement' ? '一条顶层语句' : '顶层代码'}变了：${quoted(change)}。反射修补只替换函数；顶层代码在启动时运行过一次，不会再运行。${INSTEAD_ZH} 来运行它。`,
  ],
  [
    new RegExp(`^(a new class|a new top-level binding) (.+?) was added: (.+)${tail(`Reflection-patch replaces functions only and cannot add state to the running program. ${INSTEAD} to add it`)}`, 's'),
    (what, names, code) => `新增了${what === 'a new class' ? '类' : '顶层绑定'} ${names}：${code}。反射修补只替换函数，不能给运行中的程序新增状态。${INSTEAD_ZH} 来添加它。`,
  ],
  [
    new RegExp(`^a new top-level statement was added: (.+)${tail(`Reflection-patch replaces functions only, so it would never run. ${INSTEAD} to run it`)}`, 's'),
    (code) => `新增了一条顶层语句：${code}。反射修补只替换函数，所以它永远不会运行。${INSTEAD_ZH} 来运行它。`,
  ],
  [
    new RegExp(`^the top-level (class|binding) (.+?) was removed \\((.+), line (\\d+) of the running version\\)${tail(`Reflection-patch cannot remove state from the running program. ${INSTEAD} to drop it`)}`, 's'),
    (what, names, code, line) => `顶层${what === 'class' ? '类' : '绑定'} ${names} 被删除了（${code}，运行中版本的第 ${line} 行）。反射修补不能从运行中的程序里删除状态。${INSTEAD_ZH} 来去掉它。`,
  ],
  [
    new RegExp(`^a top-level statement was removed \\((.+), line (\\d+) of the running version\\)${tail(`Reflection-patch cannot undo what it already did in the running program. ${INSTEAD}`)}`, 's'),
    (code, line) => `一条顶层语句被删除了（${code}，运行中版本的第 ${line} 行）。反射修补无法撤销它已经在运行中的程序里做过的事。${INSTEAD_ZH}。`,
  ],
  [
    new RegExp(`^function \`(.+?)\` was removed \\(line (\\d+) of the running version\\)${tail(`Reflection-patch only replaces or adds functions: live code may still call it. ${INSTEAD} to remove it`)}`, 's'),
    (name, line) => `函数 \`${name}\` 被删除了（运行中版本的第 ${line} 行）。反射修补只替换或新增函数：运行中的代码可能还在调用它。${INSTEAD_ZH} 来删除它。`,
  ],
  [
    new RegExp(`^the shape changed: (.+)${tail("Reflection-patch keeps the running module's exports; use plugin-swap, file-watch or binary-replace")}`, 's'),
    (change) => `模块的形状变了：${change}。反射修补保持运行中模块的导出不变；请改用 plugin-swap、file-watch 或 binary-replace。`,
  ],
];
