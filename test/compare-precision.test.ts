/**
 * Wrong answers and wrong applicability on real central/local pairs (issue 17): which central sentences
 * bind only another level, and which local sentences do not answer an item though they share its words.
 */
import { describe, expect, it } from 'vitest';
import { notApplicable, withLocalLevel } from '../pipeline/compare/applicability.js';
import { compare, compareDocFrom, type CompareDoc, type CompareReport } from '../pipeline/compare/index.js';
import { processSource } from '../pipeline/flow.js';

async function law(name: string, articles: string[]): Promise<CompareDoc> {
  const text = `${name}\n\n${articles.map((a) => `${a}\n`).join('\n')}`;
  const { documents } = await processSource({ path: `${name}.txt`, bytes: Buffer.from(text) });
  return compareDocFrom(documents[0]!);
}

/** A local text against its law, each opening with a purpose article so both read as articled texts. */
async function comparePair(localArticles: string[], centralArticles: string[]): Promise<CompareReport> {
  return compare(
    await law('某市实施《教师法》办法', ['第一条 为了实施本法，制定本办法。', ...localArticles]),
    await law('中华人民共和国教师法', ['第一条 为了规范有关活动，制定本法。', ...centralArticles]),
  );
}

const itemOf = (report: CompareReport, text: string) => report.items.find((i) => i.central.text.includes(text))!;

describe('a national organ over the whole country', () => {
  it('is judged through the local organ that takes the same duty, where the law lays none on local governments', async () => {
    const report = await comparePair(
      ['第二条 市和区、县教育行政部门按照各自权限主管教师工作。'],
      [
        '第二条 各级人民政府应当采取措施，加强教师的思想政治教育和业务培训，改善教师的工作条件和生活条件，保障教师的合法权益，提高教师的社会地位。',
        '第三条 国务院教育行政部门主管全国的教师工作。',
      ],
    );
    expect(itemOf(report, '主管全国的教师工作')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }] });
  });

  it('has no local-level twin in a sentence that only repeats one of its words', () => {
    const words = (text: string, w: string[]) => ({ text, words: w });
    const national = words('国务院教育行政部门主管全国的教师工作。', ['国务院', '教育', '行政部门', '主管', '全国', '教师', '工作']);
    const many = words('各级人民政府应当加强教师培训，改善教师的工作条件，保障教师权益，提高教师地位。', ['各级', '人民政府', '教师', '培训', '教师', '工作', '条件', '教师', '权益', '教师', '地位']);
    expect(withLocalLevel(notApplicable(national.text), national, [national, many])?.counterpart).toBe(true);
  });
});

describe('what a national organ alone decides', () => {
  it('is exempt though a modal word stands inside the topic it decides', () => {
    expect(notApplicable('取得中等专业学校、技工学校和职业高中学生实习指导教师资格应当具备的学历，由国务院教育行政部门规定。')?.code).toBe('national');
    // A condition (`…的，`) is no topic: the sentence lays a duty.
    expect(notApplicable('申请人应当提交的材料不齐全的，应当由国务院有关部门一次告知。')).toBeNull();
  });
});

describe('a duty laid on every province', () => {
  it('is no delegation where `规定的` names a thing', () => {
    expect(notApplicable('省、自治区、直辖市人民政府煤炭管理部门根据全国矿产资源规划规定的煤炭资源，组织编制和实施本地区煤炭生产开发规划。')).toBeNull();
    expect(notApplicable('省、自治区、直辖市根据本行政区域的实际情况，可以规定小于二十五度的禁止开垦坡度。')?.code).toBe('delegation');
  });
});

describe('answers by role', () => {
  it('takes a local scope clause for the law\'s own scope, not for a later sentence extending it to a group', async () => {
    const report = await comparePair(
      ['第二条 本市行政区域内农民专业合作社的设立、运行以及相关的扶持、管理等活动，适用本办法。'],
      [
        '第二条 在中华人民共和国境内设立或者加入农民专业合作社，适用本法。',
        '第三条 国有农场、林场等企业中从事农业生产经营的职工，兴办农民专业合作社适用本法。',
      ],
    );
    expect(itemOf(report, '在中华人民共和国境内')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }] });
    expect(itemOf(report, '国有农场').verdict).toBe('missing');
  });

  it('takes a deferral to the law\'s penalties for a sanction imposed, not for one named in a condition', async () => {
    const report = await comparePair(
      ['第二条 违反本办法规定，《教师法》和国家有关法律、法规已规定处理的，依照《教师法》和国家有关法律、法规的规定处理。'],
      [
        '第二条 受到剥夺政治权利或者故意犯罪受到有期徒刑以上刑事处罚的，不能取得教师资格。',
        '第三条 体罚学生，经教育不改的，由所在学校给予行政处分或者解聘。',
      ],
    );
    expect(itemOf(report, '不能取得教师资格').verdict).toBe('missing');
    expect(itemOf(report, '体罚学生').verdict).toBe('covered');
  });
});
