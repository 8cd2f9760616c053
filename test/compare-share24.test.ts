import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compare, compareDocFrom } from '../pipeline/compare/index.js';
import { processSource } from '../pipeline/flow.js';
import { PUBLIC_DIR } from './helpers/public.js';

/** A document with a title and articles 第一条, 第二条, … */
const law = async (name: string, title: string, articles: readonly string[]) => compareDocFrom((await processSource({
  path: `${name}.txt`,
  bytes: Buffer.from([title, '', ...articles.map((a, i) => `第${'一二三四五六'[i]}条 ${a}`)].join('\n')),
})).documents[0]!);

const itemAt = (report: ReturnType<typeof compare>, path: string, text: string) => report.items.find((i) => i.central.clausePath === path && i.central.text.includes(text))!;

describe('one local sentence answering several central items', () => {
  const central = () => law('central', '中华人民共和国合作社示例法', [
    '为了规范合作社的组织和行为，制定本法。',
    '合作社应当按照国务院财政部门制定的财务会计制度进行财务管理和会计核算。',
    '合作社应当为每个成员设立成员账户，记载该成员的出资额。',
  ]);

  /** The local text with `second` as its 第二条. */
  const local = (second: string) => law('local', '某省实施《中华人民共和国合作社示例法》办法', [
    '根据《中华人民共和国合作社示例法》，结合本省实际，制定本办法。',
    second,
    '合作社的盈余按照章程分配。',
  ]);

  it('answers a further item with a part of its own when another item took the sentence', async () => {
    // The local sentence joins two acts: its first part answers 第二条 (below the threshold), its last part 第三条.
    const report = compare(await local('合作社应当建立财务管理制度，设置会计账簿，为每个成员设立成员账户。'), await central());
    expect(itemAt(report, '第三条', '成员账户').local.map((l) => l.clausePath)).toEqual(['第二条']);
    const shared = itemAt(report, '第二条', '财务会计制度');
    expect(shared.score).toBeLessThan(0.4);
    expect(shared.verdict).not.toBe('missing');
    expect(shared.local.map((l) => l.clausePath)).toEqual(['第二条']);
  });

  it('does not answer it when the sentence holds only the taker’s act', async () => {
    const report = compare(await local('合作社应当依照章程管理财务，为每个成员设立成员账户。'), await central());
    expect(itemAt(report, '第三条', '成员账户').verdict).not.toBe('missing');
    expect(itemAt(report, '第二条', '财务会计制度').verdict).toBe('missing');
  });

  it('does not answer an item whose only own part names who acts', async () => {
    const c = await law('central', '中华人民共和国教师示例法', [
      '为了保障教师的合法权益，制定本法。',
      '各级人民政府应当保障教师的工资待遇。国家机关、企业事业单位应当为教师的社会调查和社会实践提供方便，给予协助。',
    ]);
    const local = await law('local', '某市实施《中华人民共和国教师示例法》办法', [
      '根据《中华人民共和国教师示例法》，制定本办法。',
      '国家机关、企业事业单位举办的学校，应当保障教师的工资待遇，按时足额发放教师工资，逐步提高教师工资水平。',
    ]);
    const report = compare(local, c);
    expect(itemAt(report, '第二条', '工资待遇').verdict).not.toBe('missing');
    // The sentence's first part is all the item's actor: it says who runs the schools, not what they provide.
    const item = itemAt(report, '第二条', '社会实践');
    expect(item.score).toBeGreaterThanOrEqual(0.25);
    expect(item.verdict).toBe('missing');
  });
});

/** A tuned pair of the public corpus (`pair06`) or of its extra set from the scale corpus (`pair13`–`pair18`), compared. */
async function tunedPair(name: string) {
  if (!/^pair(0[1-6]|1[3-8])$/.test(name)) throw new Error(`${name} is not a tuned pair`);
  const dir = /^pair0/.test(name) ? PUBLIC_DIR : fileURLToPath(new URL('../corpus/public-extra/', import.meta.url));
  const file = (side: string) => readdirSync(dir).find((f) => f.startsWith(`${name}-${side}-`))!;
  const doc = async (f: string) => compareDocFrom((await processSource({ path: join(dir, f), bytes: readFileSync(join(dir, f)) })).documents[0]!);
  return compare(await doc(file('local')), await doc(file('central')));
}

describe('one local sentence answering several central items, on real pairs', () => {
  it('残疾人保障: the second act of `…招收…随班就读，保障残疾儿童、少年接受义务教育的权利` answers `帮助其完成义务教育`', async () => {
    const item = itemAt(await tunedPair('pair06'), '第二十一条', '帮助其完成义务教育');
    expect(item.local.map((l) => l.clausePath)).toEqual(['第二十六条']);
  });

  it('煤炭: `坚持开发利用与环境保护并重的原则` answers `遵守有关环境保护的法律…保护生态环境` in the aligned article, though `统一规划、合理布局` took the sentence', async () => {
    const item = itemAt(await tunedPair('pair18'), '第十一条', '开发利用煤炭资源，应当遵守有关环境保护');
    expect(item.alignment.localClause).toBe('第三条');
    expect(item.local.map((l) => l.clausePath)).toEqual(['第三条']);
  });
});
