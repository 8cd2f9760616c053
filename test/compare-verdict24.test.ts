/**
 * Verdicts on real central/local pairs (issue 17), session 24: the degree of an answer that was found
 * (covered, strengthened, weakened), each by a general drafting pattern.
 */
import { describe, expect, it } from 'vitest';
import { notApplicable } from '../pipeline/compare/applicability.js';
import { compareDetail } from '../pipeline/compare/detail.js';
import { compare, compareDocFrom, type CompareItem } from '../pipeline/compare/index.js';
import { processSource } from '../pipeline/flow.js';

/** A law and a province's measures implementing it, each a title and its articles, a blank line between paragraphs. */
async function measuresFor(law: string, local: string[], central: string[]): Promise<CompareItem[]> {
  const doc = async (paragraphs: string[], path: string) => compareDocFrom((await processSource({ path, bytes: Buffer.from(paragraphs.join('\n\n')) })).documents[0]!);
  const localDoc = await doc([`某省实施《中华人民共和国${law}》办法`, `第一条 为了实施《中华人民共和国${law}》，结合本省实际，制定本办法。`, '第二条 本办法适用于本省行政区域。', ...local], 'local.txt');
  const centralDoc = await doc([`中华人民共和国${law}`, '第一条 为了规范有关活动，制定本法。', '第二条 本法适用于中华人民共和国领域。', ...central], 'central.txt');
  return compare(localDoc, centralDoc).items;
}

const itemOf = (items: readonly CompareItem[], text: string): CompareItem => items.find((i) => i.central.text.includes(text))!;

describe('a prohibition answered only by an item of a list of punished acts (guide 3.8)', () => {
  const penalties = [
    '第三条 行政机关及其工作人员有下列行为之一的，对直接负责的主管人员和其他直接责任人员依法给予行政处分：',
    '（一）弄虚作假骗取国家财政补助资金的；',
    '（二）其他玩忽职守、滥用职权、徇私舞弊侵犯农民专业合作社及其成员合法权益的行为。',
  ];
  it('is weakened: the list item punishes one breach, the prohibition itself is not laid', async () => {
    const items = await measuresFor('农民专业合作社法', penalties, ['第三条 国家保护农民专业合作社及其成员的合法权益，任何单位和个人不得侵犯。']);
    expect(itemOf(items, '任何单位和个人不得侵犯')).toMatchObject({ verdict: 'weakened', reasons: ['duty → sanction only'], local: [{ clausePath: '第三条/(二)' }] });
  });
  it('is the same list carried over when the central sentence is itself an item of a list of prohibited acts', async () => {
    const items = await measuresFor('农民专业合作社法', [
      '第三条 农民专业合作社的理事长、理事和管理人员有下列行为之一，造成农民专业合作社财产损失的，应当依法承担赔偿责任；构成犯罪的，依法追究刑事责任：',
      '（一）侵占、挪用或者私分本社资产的；',
      '（二）违反章程规定或者未经成员大会同意，将本社资金借贷给他人的；',
      '（三）接受他人与本社交易的佣金归为己有的。',
    ], [
      '第三条 农民专业合作社的理事长、理事和管理人员不得有下列行为：',
      '（一）侵占、挪用或者私分本社资产；',
      '（二）违反章程规定或者未经成员大会同意，将本社资金借贷给他人；',
      '（三）接受他人与本社交易的佣金归为己有；',
      '（四）从事损害本社经济利益的其他活动。',
    ]);
    expect(itemOf(items, '侵占、挪用或者私分本社资产')).toMatchObject({ verdict: 'covered', reasons: [] });
  });
});

describe("a party's right answered by the other party's duty to honour it", () => {
  const central = '第三条 经营者提供的商品或者服务不符合质量要求的，消费者可以依照国家规定、当事人约定退货，或者要求经营者履行更换、修理等义务。';
  it('is the same requirement (消费者可以…要求经营者履行 → 经营者对消费者提出的…要求，应当…履行义务)', async () => {
    const items = await measuresFor('消费者权益保护法', ['第三条 经营者对消费者提出的修理、更换、退货的要求，应当按照国家规定或者当事人约定履行义务，不得故意拖延或者无理拒绝。'], [central]);
    expect(itemOf(items, '消费者可以依照国家规定')).toMatchObject({ verdict: 'covered', reasons: [] });
  });
  it('is stronger when the holder of the permission is bound itself (可以 → 应当)', async () => {
    const items = await measuresFor('消费者权益保护法', ['第三条 经营者提供的商品或者服务不符合质量要求的，消费者应当依照国家规定、当事人约定退货，或者要求经营者履行更换、修理等义务。'], [central]);
    expect(itemOf(items, '消费者可以依照国家规定')).toMatchObject({ verdict: 'strengthened', reasons: ['modality 可以 → 应当'] });
  });
});

describe('one of two things joined by 和 left out', () => {
  const central = '煤矿企业必须坚持安全第一、预防为主的安全生产方针，建立健全安全生产的责任制度和群防群治制度。';
  const reasons = (local: string, context = local) => compareDetail(central, local, central, '', context).map((d) => d.reason);
  it('asks less (…的责任制度和群防群治制度 → …责任制度)', () => {
    expect(reasons('煤矿企业必须坚持安全第一、预防为主的方针，建立健全安全生产责任制度，确保安全生产。')).toContain('listed 群防群治制度 dropped');
  });
  it('asks as much when the clause states the other elsewhere, or the answer joins things of its own there', () => {
    const local = '煤矿企业必须坚持安全第一、预防为主的方针，建立健全安全生产责任制度，确保安全生产。';
    expect(reasons(local, `${local}\n煤矿企业应当建立群防群治制度。`)).not.toContain('listed 群防群治制度 dropped');
    expect(reasons('煤矿企业必须坚持安全第一、预防为主的方针，建立健全安全生产责任制度、隐患排查制度和事故报告制度。')).not.toContain('listed 群防群治制度 dropped');
  });
});

describe('a list of places left shorter', () => {
  const central = '在山区、丘陵区、风沙区以及水土保持规划确定的容易发生水土流失的其他区域开办可能造成水土流失的生产建设项目，生产建设单位应当编制水土保持方案。';
  const listed = (local: string) => compareDetail(central, local, central).map((d) => d.reason).filter((r) => r.startsWith('listed'));
  it('asks as much when only a kind of terrain the province lacks is left out (风沙区, guide 3.11)', () => {
    expect(listed('在山区、丘陵区以及水土保持规划确定的容易发生水土流失的其他区域开办可能造成水土流失的生产建设项目，生产建设单位应当编制水土保持方案。')).toEqual([]);
  });
  it('asks less when a place that is no kind of terrain is left out', () => {
    const zones = '禁止在饮用水水源保护区、自然保护区、风景名胜区内新建排污口。';
    expect(compareDetail(zones, '禁止在饮用水水源保护区、自然保护区内新建排污口。', zones).filter((d) => d.reason.startsWith('listed'))).toMatchObject([{ effect: 'weaker' }]);
  });
});

describe('sentences that bind only the national level', () => {
  it('a national policy bank, which exists only at the national level, is a national organ', () => {
    expect(notApplicable('国家政策性金融机构应当采取多种形式，为农民专业合作社提供多渠道的资金支持。')).toMatchObject({ code: 'national' });
    expect(notApplicable('商业银行应当采取多种形式，为农民专业合作社提供资金支持。')).toBeNull();
  });
  it('the state making laws: only the national legislature makes 法律', () => {
    expect(notApplicable('国家制定有关消费者权益的法律、法规、规章和强制性标准，应当听取消费者和消费者协会等组织的意见。')).toMatchObject({ code: 'national' });
    expect(notApplicable('国家制定并实施残疾人事业发展纲要。')).toBeNull();
  });
});

describe('a step of enforcement the local answer adds', () => {
  const central = '已经取得教师资格的，丧失教师资格。';
  const steps = (local: string) => compareDetail(central, local, central).map((d) => d.reason).filter((r) => r.startsWith('step added'));
  it('asks more when the certificate is to be taken back (由…收回教师资格证书)', () => {
    expect(steps('丧失或者撤销教师资格的，由认定的部门或者学校收回教师资格证书。')).toEqual(['step added 收回教师资格证书']);
  });
  it('adds nothing where the central sentence takes it back itself', () => {
    const revoke = '丧失教师资格的，由教育行政部门收回教师资格证书。';
    expect(compareDetail(revoke, '丧失教师资格的，由认定机关收回教师资格证书。', revoke).map((d) => d.reason).filter((r) => r.startsWith('step added'))).toEqual([]);
  });
});

describe('an answer in the same frame about other things', () => {
  const central = '对可能危及人身、财产安全的商品和服务，应当向消费者作出真实的说明和明确的警示。';
  const topic = (local: string) => compareDetail(central, local, central).filter((d) => d.reason.startsWith('topic'));
  it('asks less: the central things are bound nowhere (商品和服务 → 场所和设施)', () => {
    expect(topic('对可能危及消费者人身、财产安全的场所和设施，经营者应当以显著的方式设置安全使用说明、警示标识。')).toMatchObject([{ effect: 'weaker', reason: 'topic 商品和服务 → 场所和设施' }]);
  });
  it('asks as much when the answer names the central things too', () => {
    expect(topic('对可能危及消费者人身、财产安全的商品，经营者应当向消费者作出真实的说明和明确的警示。')).toEqual([]);
  });
});
