import { describe, expect, it } from 'vitest';
import { alignClauses } from '../pipeline/compare/clause-align.js';
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
