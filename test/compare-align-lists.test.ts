import { describe, expect, it } from 'vitest';
import { alignClauses } from '../pipeline/compare/clause-align.js';
import { compare, compareDocFrom, type CompareDoc } from '../pipeline/compare/index.js';
import { processSource } from '../pipeline/flow.js';
import { contentWords, type Unit } from '../pipeline/compare/units.js';

/** A clause unit over its own text, without findings. */
function unit(text: string, path: string): Unit {
  return { docId: path.startsWith('c') ? 'central' : 'local', path, start: 0, end: text.length, text, findings: [], words: contentWords(text) };
}

describe('clause alignment by article', () => {
  it('pairs a list copied item by item as one article, so it does not push the path past the articles the local text puts before it', () => {
    const central = [
      unit('合作社开展下列业务：', 'c1'),
      unit('（一）农业生产资料的购买和使用；', 'c1/(一)'),
      unit('（二）农产品的生产、销售和加工；', 'c1/(二)'),
      unit('（三）农村民间工艺及制品的开发经营；', 'c1/(三)'),
      unit('（四）农业技术和信息服务。', 'c1/(四)'),
      unit('合作社依照本法登记，取得法人资格。', 'c2'),
      unit('成员以其出资额为限对合作社承担责任。', 'c3'),
      unit('合作社应当遵守社会公德和商业道德，诚实守信。', 'c4'),
    ];
    const local = [
      unit('设立合作社应当申请登记，领取法人营业执照。', 'l1'),
      unit('成员按照章程约定的出资额对合作社承担责任。', 'l2'),
      unit('合作社应当诚实守信，遵守商业道德。', 'l3'),
      unit('合作社可以开展下列业务：', 'l4'),
      unit('（一）农业生产资料的购买和使用；', 'l4/(一)'),
      unit('（二）农产品的生产、销售和加工；', 'l4/(二)'),
      unit('（三）农村民间工艺及制品的开发经营；', 'l4/(三)'),
      unit('（四）农业技术和信息服务。', 'l4/(四)'),
    ];
    const pairs = alignClauses(central, local);
    const to = (path: string) => pairs.get(central.find((u) => u.path === path)!)?.local.path;
    // Read clause by clause, the four copied items (cosine 1 each) outweighed c2–c4 and the path skipped them.
    expect(['c2', 'c3', 'c4'].map(to)).toEqual(['l1', 'l2', 'l3']);
    for (const path of ['c2', 'c3', 'c4']) expect(pairs.get(central.find((u) => u.path === path)!)!.similar.size).toBeGreaterThan(0);
    // The moved list still finds its copy, item by item.
    expect(['c1', 'c1/(一)', 'c1/(二)', 'c1/(三)', 'c1/(四)'].map(to)).toEqual(['l4', 'l4/(一)', 'l4/(二)', 'l4/(三)', 'l4/(四)']);
  });

  it("gives a list item that shares no words with the paired article's clauses that article's first clause, at the articles' cosine", () => {
    const central = [
      unit('教师享有下列权利：', 'c1'),
      unit('（一）进行教育教学活动，开展改革和实验；', 'c1/(一)'),
      unit('（二）参加进修或者其他方式的培训。', 'c1/(二)'),
    ];
    const local = [
      unit('有关部门和学校应当保障教师依法享有的权利，支持教师参加进修培训。', 'l1'),
      unit('学校应当建立教师考核制度。', 'l2'),
    ];
    const pairs = alignClauses(central, local);
    const item = pairs.get(central[1]!)!;
    expect(item.local.path).toBe('l1');
    expect(item.score).toBeGreaterThan(0);
    expect(pairs.get(central[2]!)!.local.path).toBe('l1');
  });
});

async function doc(name: string, text: string): Promise<CompareDoc> {
  const { documents } = await processSource({ path: `${name}.txt`, bytes: Buffer.from(text) });
  return compareDocFrom(documents[0]!);
}

describe('list members under an answered lead-in', () => {
  it('answers a member the local article does not spell out by the sentence answering its lead-in, weaker; not when the local article is a list of its own', async () => {
    const central = await doc('central', '中华人民共和国教师示例法\n\n第一条 为了保障教师的合法权益，制定本法。\n第二条 教师享有下列权利：\n（一）进行教育教学活动，开展教育教学改革和实验；\n（二）从事科学研究、学术交流；\n第三条 学校应当对教师进行考核。\n');
    const general = await doc('local', '某市教师示例办法\n\n第一条 根据《中华人民共和国教师示例法》，制定本办法。\n第二条 各级人民政府和学校应当保障教师依法享有的权利。\n第三条 学校应当对教师进行年度考核。\n');
    const members = compare(general, central).items.filter((i) => i.central.clausePath.startsWith('第二条/'));
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) {
      expect(m.verdict).toBe('weakened');
      expect(m.local[0]?.clausePath).toBe('第二条');
    }
    const listed = await doc('local', '某市教师示例办法\n\n第一条 根据《中华人民共和国教师示例法》，制定本办法。\n第二条 教师依法享有下列权利：\n（一）从事科学研究、学术交流；\n（二）参加专业的学术团体；\n第三条 学校应当对教师进行年度考核。\n');
    const first = compare(listed, central).items.find((i) => i.central.text.includes('进行教育教学活动'));
    expect(first?.verdict).toBe('missing');
  });
});
