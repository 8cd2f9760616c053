import { describe, expect, it } from 'vitest';
import { compare, compareDocFrom } from '../pipeline/compare/index.js';
import { processSource } from '../pipeline/flow.js';

/** A document with a title and articles 第一条, 第二条, … */
const law = async (name: string, title: string, articles: readonly string[]) => compareDocFrom((await processSource({
  path: `${name}.txt`,
  bytes: Buffer.from([title, '', ...articles.map((a, i) => `第${'一二三四五六'[i]}条 ${a}`)].join('\n')),
})).documents[0]!);

const itemAt = (report: ReturnType<typeof compare>, path: string) => report.items.find((i) => i.central.clausePath === path)!;

describe('a loose paraphrase in the aligned local article', () => {
  const central = () => law('central', '中华人民共和国教师示例法', [
    '为了保障教师的合法权益，制定本法。',
    '教师的平均工资水平应当不低于或者高于当地公务员的平均工资水平。',
    '地方各级人民政府对到少数民族地区和边远贫困地区从事教育教学工作的教师，应当予以补贴。',
    '教师的医疗同当地公务员享受同等的待遇。',
  ]);
  /** The local text with `third` as its 第三条, between two near copies. */
  const local = (third: string) => law('local', '某市实施《中华人民共和国教师示例法》办法', [
    '根据《中华人民共和国教师示例法》，制定本办法。',
    '教师的平均工资水平应当不低于本市公务员的平均工资水平，并逐步提高。',
    third,
    '教师的医疗同本市公务员享受同等的待遇。',
  ]);

  it('answers the item though it shares little more than the object (score 0.22–0.25)', async () => {
    const item = itemAt(compare(await local('市和区、县人民政府应当对从城镇到山区学校任职的中小学教师，给予奖励性补贴。'), await central()), '第三条');
    expect(item.score).toBeGreaterThanOrEqual(0.22);
    expect(item.score).toBeLessThan(0.25);
    expect(item.local.map((l) => l.clausePath)).toEqual(['第三条']);
    expect(item.verdict).not.toBe('missing');
  });

  it('leaves it missing when the aligned sentence shares less (below 0.22)', async () => {
    const item = itemAt(compare(await local('市和区、县人民政府应当对到山区任教的中小学教师发放奖励性津贴。'), await central()), '第三条');
    expect(item.score).toBeLessThan(0.22);
    expect(item.verdict).toBe('missing');
  });
});
