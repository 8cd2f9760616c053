import { describe, expect, it } from 'vitest';
import { compare, compareDocFrom, type CompareDoc } from '../pipeline/compare/index.js';
import { processSource } from '../pipeline/flow.js';

async function doc(name: string, text: string): Promise<CompareDoc> {
  const { documents } = await processSource({ path: `${name}.txt`, bytes: Buffer.from(text) });
  return compareDocFrom(documents[0]!);
}

describe('penalties', () => {
  it('answers a penalty by the deferral to the central law\'s penalties, not by the local sentence restating the duty it enforces, nor by a deferral of a procedure', async () => {
    const central = await doc('central', '中华人民共和国湿地示例法\n\n第一条 为了保护湿地，制定本法。\n'
      + '第二条 湿地保护规划由县级以上人民政府林业主管部门组织编制。\n'
      + '第三条 违反本法规定，在湿地内开垦围垦、排干自然湿地的，处以罚款。\n');
    const local = await doc('local', '某省湿地示例办法\n\n第一条 根据《中华人民共和国湿地示例法》，结合本省实际，制定本办法。\n'
      + '第二条 湿地保护规划的编制，按照《中华人民共和国湿地示例法》第四条规定执行。\n'
      + '第三条 任何单位和个人不得在湿地内开垦围垦、排干自然湿地。\n'
      + '第四条 违反本办法规定的行为，《中华人民共和国湿地示例法》已有处罚规定的，从其规定。\n');
    const penalty = compare(local, central).items.find((i) => i.central.clausePath === '第三条')!;
    expect(penalty).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第四条' }] });
  });
});
