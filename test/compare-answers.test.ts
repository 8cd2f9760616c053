import { describe, expect, it } from 'vitest';
import { compare, compareDocFrom, type CompareDoc, type CompareReport } from '../pipeline/compare/index.js';
import { processSource } from '../pipeline/flow.js';

async function doc(name: string, text: string): Promise<CompareDoc> {
  const { documents } = await processSource({ path: `${name}.txt`, bytes: Buffer.from(text) });
  return compareDocFrom(documents[0]!);
}

/** A made-up wetland law (articles from 第二条) against a city's rules citing it (articles from 第二条). */
async function wetlands(law: readonly string[], rules: readonly string[]): Promise<CompareReport> {
  const numbered = (articles: readonly string[]) => articles.map((a, i) => `第${'二三四五六七八九'[i]}条 ${a}\n`).join('');
  const central = await doc('central', `中华人民共和国湿地示例法\n\n第一条 为了保护湿地，制定本法。\n${numbered(law)}`);
  const local = await doc('local', `某市湿地示例办法\n\n第一条 根据《中华人民共和国湿地示例法》，结合本市实际，制定本办法。\n${numbered(rules)}`);
  return compare(local, central);
}

describe('penalties', () => {
  it('answers a penalty by the deferral to the central law\'s penalties, not by the local sentence restating the duty it enforces, nor by a deferral of a procedure', async () => {
    const report = await wetlands(
      ['湿地保护规划由县级以上人民政府林业主管部门组织编制。', '违反本法规定，在湿地内开垦围垦、排干自然湿地的，处以罚款。'],
      [
        '湿地保护规划的编制，按照《中华人民共和国湿地示例法》第四条规定执行。',
        '任何单位和个人不得在湿地内开垦围垦、排干自然湿地。',
        '违反本办法规定的行为，《中华人民共和国湿地示例法》已有处罚规定的，从其规定。',
      ],
    );
    const penalty = report.items.find((i) => i.central.clausePath === '第三条')!;
    expect(penalty).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第四条' }] });
  });
});

describe('answers below the threshold', () => {
  it('takes a loose paraphrase from a second local article at least as close to the central one as the article the order pairs', async () => {
    const report = await wetlands(
      ['县级以上人民政府应当建立湿地巡护制度。县级以上人民政府对湿地周边的农户给予生态补偿，并组织开展替代生计培训。', '湿地周边的农户应当参加湿地巡护。'],
      ['市、区人民政府应当组织专业队伍，定期对河湖岸线开展日常巡查。', '对因保护湿地利益受损的村民，市、区人民政府应当给予适当补偿。湿地周边的农户应当参加湿地巡护。'],
    );
    const item = report.items.find((i) => i.central.text.includes('生态补偿'))!;
    expect(item.alignment.localClause).toBe('第二条');
    expect(item.local.map((l) => l.text)).toEqual(['对因保护湿地利益受损的村民，市、区人民政府应当给予适当补偿。']);
  });
});
