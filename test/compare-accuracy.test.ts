/**
 * Rules that decide verdicts on real central/local pairs (issue 17): each is checked on a small
 * law and implementing text written in the same style.
 */
import { describe, expect, it } from 'vitest';
import { scorePairs } from '../bench/eval-compare-public.js';
import { notApplicable } from '../pipeline/compare/applicability.js';
import { alignClauses } from '../pipeline/compare/clause-align.js';
import { compareDetail } from '../pipeline/compare/detail.js';
import { compareDuties } from '../pipeline/compare/duties.js';
import { explain } from '../pipeline/compare/explain.js';
import { compare, compareDocFrom, type CompareDoc } from '../pipeline/compare/index.js';
import { cosine, Vocabulary } from '../pipeline/compare/lexical.js';
import type { Unit } from '../pipeline/compare/units.js';
import { processSource } from '../pipeline/flow.js';
import { publicFile } from './helpers/public.js';

async function law(name: string, articles: string[]): Promise<CompareDoc> {
  const text = `${name}\n\n${articles.map((a) => `${a}\n`).join('\n')}`;
  const { documents } = await processSource({ path: `${name}.txt`, bytes: Buffer.from(text) });
  return compareDocFrom(documents[0]!);
}

/** A local text against its law, each opening with a purpose article so both read as articled texts. */
async function comparePair(localArticles: string[], centralArticles: string[]) {
  return compare(
    await law('某省实施办法', ['第一条 为了实施本法，制定本办法。', ...localArticles]),
    await law('中华人民共和国某法', ['第一条 为了规范有关活动，制定本法。', ...centralArticles]),
  );
}

const itemOf = (doc: Awaited<ReturnType<typeof compare>>, snippet: string) => doc.items.find((i) => i.central.text.includes(snippet))!;

describe('a narrower answer whose lower rungs the local text binds elsewhere', () => {
  it('binds as many levels when townships get the duty in an article of their own, and fewer when nothing binds them', async () => {
    const centralArticle = '第二条 地方各级人民政府领导本行政区域内的献血工作，统一规划并负责组织、协调有关部门共同做好献血工作。';
    const county = '第二条 县级以上人民政府领导本行政区域内的献血工作，统一规划并负责组织、协调有关部门共同做好献血工作。';
    const townships = '第三条 城市街道办事处和乡（镇）人民政府应当根据区（县、市）人民政府下达的献血工作计划，动员、组织本辖区内的适龄公民参加献血。';
    const item = (doc: Awaited<ReturnType<typeof compare>>) => itemOf(doc, '地方各级人民政府领导');
    expect(item(await comparePair([county, townships], [centralArticle]))).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }] });
    expect(item(await comparePair([county], [centralArticle]))).toMatchObject({ verdict: 'weakened', reasons: ['scope 各级 → 县级以上'] });
  });
});

describe('a national organ with a provincial counterpart', () => {
  it('is judged when the local text lays the same duty on its own organ, and exempt otherwise', async () => {
    const central = await law('中华人民共和国环境影响评价法', [
      '第一条 国务院生态环境主管部门应当会同国务院有关部门，组织建立和完善环境影响评价的基础数据库和评价指标体系。',
      '第二条 国务院水行政主管部门应当组织编制全国防洪规划纲要。',
    ]);
    const local = await law('某省实施环境影响评价法办法', [
      '第一条 省生态环境行政主管部门应当会同有关部门，组织建立和完善本省环境影响评价基础数据库和评价指标体系。',
      '第二条 建设单位应当依法报批环境影响评价文件。',
    ]);
    const report = compare(local, central);
    expect(itemOf(report, '基础数据库').verdict).toBe('covered');
    expect(itemOf(report, '基础数据库').local[0]!.clausePath).toBe('第一条');
    expect(itemOf(report, '防洪规划纲要').verdict).toBe('not_applicable');
  });

  it('is exempt when the law lays the same duty on local governments beside it: that sentence carries the verdict', async () => {
    const report = await comparePair(
      ['第二条 省和设区的市、县人民政府文化主管部门负责本行政区域内的档案整理工作，并定期开展检查。'],
      [
        '第二条 国务院文化主管部门负责组织档案整理工作，并定期开展检查。',
        '第三条 县级以上地方人民政府文化主管部门负责组织本行政区域内的档案整理工作，并定期开展检查。',
        '第四条 国务院文化主管部门应当编制珍贵档案目录并向社会公布。',
      ],
    );
    expect(itemOf(report, '国务院文化主管部门负责').verdict).toBe('not_applicable');
    expect(itemOf(report, '国务院文化主管部门负责').explanation[0]).toContain('地方各级');
    expect(itemOf(report, '县级以上地方').verdict).toBe('covered');
    // No local-level twin: the national duty stays judged through a counterpart, and here none answers it.
    expect(itemOf(report, '珍贵档案目录').verdict).toBe('not_applicable');
    expect(itemOf(report, '珍贵档案目录').explanation[0]).not.toContain('地方各级');
  });

  it('has one for a duty over the whole country too, but none for what a national organ alone makes', () => {
    expect(notApplicable('国务院林业草原主管部门主管全国陆生野生动物保护工作。')?.counterpart).toBe(true);
    expect(notApplicable('国务院生态环境主管部门应当组织建立基础数据库。')?.counterpart).toBe(true);
    expect(notApplicable('建设项目分类管理名录，由国务院生态环境主管部门制定并公布。')?.counterpart).toBeUndefined();
  });
});

describe('provisions about the central text itself', () => {
  it('exempts transitional clauses, the precedence of other laws or treaties, and adaptation by autonomous areas', () => {
    expect(notApplicable('本法施行前已经批准设立的单位，应当自本法施行之日起六个月内补办相关手续。')?.code).toBe('transition');
    expect(notApplicable('法律、行政法规对森林、草原的消防工作另有规定的，从其规定。')?.code).toBe('precedence');
    expect(notApplicable('中华人民共和国缔结或者参加的国际条约同本法有不同规定的，适用该国际条约的规定。')?.code).toBe('precedence');
    expect(notApplicable('民族自治地方的人民代表大会可以根据本法的原则，结合当地民族的特点，制定变通或者补充的规定。')?.code).toBe('autonomy');
  });

  it('leaves a duty with a precedence tail a duty', () => {
    expect(notApplicable('对事故的发生有过错的责任人，应当承担损害赔偿责任，法律另有规定的，从其规定。')).toBeNull();
  });
});

describe('the clause alignment', () => {
  it('weighs every local clause by the words of all clauses, the first as the last', () => {
    const unit = (path: string, words: string[]): Unit => ({ docId: 'd', path, start: 0, end: 0, text: '', findings: [], words });
    const central = [unit('第一条', ['环境', '评价', '规划']), unit('第二条', ['环境', '听证'])];
    const local = [unit('第一条', ['环境', '评价']), unit('第二条', ['环境', '听证', '公告']), unit('第三条', ['环境', '备案'])];
    const vocabulary = new Vocabulary();
    const counts = [...central, ...local].map((u) => vocabulary.add(u.words));
    const vectors = counts.map((c) => vocabulary.vector(c));
    const pairs = alignClauses(central, local);
    expect(pairs.get(central[0]!)?.local).toBe(local[0]);
    expect(pairs.get(central[0]!)?.score).toBeCloseTo(cosine(vectors[0]!, vectors[2]!), 12);
  });
});

describe('what answers an item', () => {
  it('never takes a local purpose clause as the answer, however many words it shares', async () => {
    const central = await law('中华人民共和国代表法', [
      '第一条 为了保证全国人民代表大会和地方各级人民代表大会代表依法行使代表的职权，制定本法。',
      '第二条 全国人民代表大会和地方各级人民代表大会代表依照法律规定选举产生。',
    ]);
    const local = await law('某省实施代表法办法', [
      '第一条 为了保证本省各级人民代表大会代表依法行使代表的职权，根据《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》，结合本省实际，制定本办法。',
      '第二条 代表应当与原选区选民保持密切联系。',
    ]);
    const item = itemOf(compare(local, central), '选举产生');
    expect(item.verdict).toBe('missing');
    expect(item.closest?.clausePath).not.toBe('第一条');
  });

  it('counts as near-verbatim only text copied in runs, not common characters scattered through a long sentence', async () => {
    const central = await law('中华人民共和国代表法', ['第二条 全国人民代表大会和地方各级人民代表大会代表依照法律规定选举产生。']);
    // Two thirds of the central sentence's character pairs occur here, but not the sentence.
    const scattered = await law('某省实施代表法办法', [
      '第二条 本省地方各级人民代表大会代表是地方各级国家权力机关组成人员，代表人民的利益和意志，依照宪法和法律赋予本级人民代表大会的各项职权，参加行使国家权力。',
    ]);
    const copied = await law('另一省实施代表法办法', ['第二条 全国人民代表大会和地方各级人民代表大会代表依照法律规定选举产生。']);
    const parts = (local: CompareDoc) => itemOf(compare(local, central), '选举产生').scoreParts;
    expect(parts(copied).verbatim).toBe(1);
    expect(parts(scattered).verbatim).toBeLessThan(0.6);
  });
});

describe('an item answered piece by piece', () => {
  it('is answered by the sentences of the aligned clause read together when none scores enough alone', async () => {
    const central = await law('中华人民共和国集会游行示威法', [
      '第五条 集会、游行、示威应当和平地进行，不得携带武器、管制刀具和爆炸物，不得使用暴力或者煽动使用暴力。',
      '第六条 集会、游行、示威的主管机关，是集会、游行、示威举行地的市、县公安局。',
    ]);
    const local = await law('某市集会游行示威条例', [
      '第十九条 集会、游行、示威应当在指定的时间和地点和平进行。参加人员不得携带武器、管制刀具和爆炸物品。任何人不得使用暴力或者煽动使用暴力。',
      '第二十条 集会、游行、示威的主管机关是市公安局和区公安分局。',
    ]);
    // A threshold above each sentence's own score stands for the larger vocabulary of a real pair.
    const item = itemOf(compare(local, central, { threshold: 0.6 }), '和平地进行');
    expect(item.verdict).toBe('covered');
    expect(item.local.map((l) => l.text)).toEqual([
      '集会、游行、示威应当在指定的时间和地点和平进行。', '参加人员不得携带武器、管制刀具和爆炸物品。', '任何人不得使用暴力或者煽动使用暴力。',
    ]);
    expect(item.score).toBeGreaterThanOrEqual(0.6);
    expect(item.alignment).toMatchObject({ localClause: '第十九条', via: 'clause' });
  });
});

describe('what a change of wording does to the demand', () => {
  const verdictOf = async (central: string, local: string) => {
    const report = compare(await law('某法实施办法', [`第一条 ${local}`]), await law('中华人民共和国某法', [`第一条 ${central}`]));
    return report.items[0]!;
  };

  it('reads a duty to encourage (应当鼓励) as an encouragement, and a duty to act as more', async () => {
    expect((await verdictOf('各级人民政府鼓励和扶持社会力量兴办残疾人康复机构。', '各级人民政府应当鼓励和扶持社会力量兴办残疾人康复机构。')).verdict).toBe('covered');
    expect((await verdictOf('各级人民政府鼓励社会力量兴办残疾人康复机构。', '各级人民政府应当兴办残疾人康复机构。')).verdict).toBe('strengthened');
  });

  it('leaves a permission a permission when the local text adds 必要时, but a duty made conditional is weaker', async () => {
    expect((await verdictOf('负责维持交通秩序的人民警察可以临时变通执行交通规则的有关规定。', '必要时，负责维持交通秩序的人民警察可以临时变通执行交通规则的有关规定。')).verdict).toBe('covered');
    const duty = await verdictOf('负责维持交通秩序的人民警察应当临时变通执行交通规则的有关规定。', '必要时，负责维持交通秩序的人民警察应当临时变通执行交通规则的有关规定。');
    expect(duty.verdict).toBe('weakened');
    expect(duty.reasons).toContain('qualifier added 必要时');
  });

  it('does not compare the power to impose a sanction with the modality of a duty', async () => {
    // 集会游行示威法 第三十三条 (有权予以拘留, a penalty) against the local 不得…，违者…有权予以拘留.
    const doc = async (name: string) => compareDocFrom((await processSource(publicFile(name))).documents[0]!);
    const report = compare(await doc('pair02-local-assembly.md'), await doc('pair02-central-assembly.md'));
    const item = itemOf(report, '公安机关有权予以拘留或者强行遣回原地');
    expect(item.central.finding?.kind).toBe('penalty');
    expect(item.reasons.filter((r) => r.startsWith('modality'))).toEqual([]);
    expect(item.verdict).toBe('covered');
  });
});

describe('a permission and a duty in one sentence', () => {
  it('pairs the permission with the permission, so a copy with a step added is stronger, not softened', async () => {
    // 集会游行示威法 第十三条 (可以…申请复议，人民政府应当…作出决定) against the local 第十条, which adds 书面通知.
    const doc = async (name: string) => compareDocFrom((await processSource(publicFile(name))).documents[0]!);
    const report = compare(await doc('pair02-local-assembly.md'), await doc('pair02-central-assembly.md'));
    const item = itemOf(report, '向同级人民政府申请复议');
    expect(item.reasons.filter((r) => r.startsWith('modality'))).toEqual([]);
    expect(item.verdict).toBe('strengthened');
  });
});

describe('a fine and a time limit', () => {
  it('is harsher with a floor the central fine lacks, and milder without the floor it sets', () => {
    const reasons = (c: string, l: string) => compareDetail(c, l, '').map((d) => `${d.effect} ${d.reason}`);
    expect(reasons('对违法单位处五万元以下的罚款。', '对违法单位处一万元以上五万元以下的罚款。')).toEqual(['stronger floor added 一万元以上']);
    expect(reasons('对违法单位处一万元以上十万元以下的罚款。', '对违法单位处十万元以下的罚款。')).toEqual(['weaker floor dropped 一万元以上']);
    // A fine set in multiples of the gains has its floor as one set in money does.
    expect(reasons('没收违法所得，并处违法所得五倍以下的罚款。', '没收违法所得，并处违法所得一倍以上五倍以下的罚款。')).toEqual(['stronger floor added 一倍以上']);
    expect(reasons('并处违法所得二倍以上五倍以下的罚款。', '并处违法所得五倍以下的罚款。')).toEqual(['weaker floor dropped 二倍以上']);
  });

  it('compares a fine\'s range bound by bound, and says which bound', async () => {
    const reasons = (c: string, l: string) => compareDetail(c, l, '').map((d) => `${d.effect} ${d.reason}`);
    expect(reasons('可以处一万元以上十万元以下的罚款。', '可以处五千元以上五万元以下的罚款。')).toEqual(['weaker fine min 1万元 → 5000元', 'weaker fine max 10万元 → 5万元']);
    expect(reasons('处五万元以下的罚款。', '处十万元以下的罚款。')).toEqual(['stronger fine max 5万元 → 10万元']);
    const report = await comparePair(['第二条 建设单位未依法备案的，由主管部门责令备案，处三万元以下的罚款。'], ['第二条 建设单位未依法备案的，由主管部门责令备案，处五万元以下的罚款。']);
    // The judge's counted amounts leave a fine's bounds to this comparison: one reason, not two.
    expect(itemOf(report, '未依法备案')).toMatchObject({ verdict: 'weakened', reasons: ['fine max 5万元 → 3万元'], explanation: ['罚款上限由5万元降为3万元'] });
  });

  it('counts a limit in hours or minutes', () => {
    expect(compareDetail('气象台站应当及时播发灾害性天气警报。', '气象台站应当在接到警报后十五分钟内播发。', '').map((d) => d.reason)).toEqual(['limit added 十五分钟内']);
  });

  it('compares a time limit in hours with one in hours', async () => {
    const central = await law('中华人民共和国某法', ['第一条 发生事故的单位应当在二十四小时内向主管部门报告。']);
    const local = await law('某省实施某法办法', ['第一条 发生事故的单位应当在十二小时内向主管部门报告。']);
    const item = compare(local, central).items[0]!;
    expect(item.reasons).toContain('deadline 二十四小时内 → 十二小时内');
    expect(item.verdict).toBe('strengthened');
  });

  it('reads a time limit written with 以内 or 之内 as a time limit, where fewer days ask more', async () => {
    const report = await comparePair(['第二条 主管部门应当自收到申请之日起十日之内作出决定。'], ['第二条 主管部门应当自收到申请之日起二十日以内作出决定。']);
    expect(itemOf(report, '作出决定')).toMatchObject({ verdict: 'strengthened', reasons: ['deadline 二十日以内 → 十日之内'] });
  });
});

describe('a further duty joined with 并', () => {
  const central = '对环境有重大影响的规划实施后，编制机关应当及时组织环境影响的跟踪评价，并将评价结果报告审批机关。';
  const kept = '对环境有重大影响的规划实施后，编制机关应当及时组织环境影响的跟踪评价。';

  it('is added when the local sentence keeps the central one whole and joins one more', async () => {
    expect(compareDuties('罢免案应当写明罢免的理由。', ['罢免案应当写明罢免的理由，并提供有关的材料。'], '')).toEqual({ effect: 'stronger', reason: 'duty added 并提供有关的材料' });
    const report = compare(await law('某省实施代表法办法', ['第十三条 罢免案应当写明罢免的理由，并提供有关的材料。']), await law('中华人民共和国代表法', ['第十五条 罢免案应当写明罢免的理由。']));
    expect(report.items[0]).toMatchObject({ verdict: 'strengthened', explanation: ['新增：“并提供有关的材料”'] });
  });

  it('is dropped when the local sentence keeps only the rest, and nothing near it says it', () => {
    expect(compareDuties(central, [kept], kept)).toEqual({ effect: 'weaker', reason: 'duty dropped 并将评价结果报告审批机关' });
    expect(compareDuties(central, [kept], `${kept}跟踪评价结束后，编制机关应当将评价结果报告审批机关。`)).toBeNull();
  });

  it('says nothing of a reworded sentence', () => {
    expect(compareDuties(central, ['规划实施后，编制机关应当开展跟踪评价。'], '')).toBeNull();
  });
});

describe('a further act listed after the modal word', () => {
  const central = '被约见的有关国家机关负责人应当听取代表的建议、批评和意见。';

  it('is added when the local sentence keeps the central one whole and lists one more', () => {
    expect(compareDuties(central, ['被约见的有关国家机关负责人应当如实汇报情况，回答代表提出的问题，听取代表的建议、批评和意见。'], ''))
      .toEqual({ effect: 'stronger', reason: 'duty added 回答代表提出的问题' });
  });

  it('is dropped when the local sentence keeps only the rest', () => {
    const fuller = '各级人民政府应当密切联系残疾人，听取社会各界的意见，做好残疾人工作。';
    expect(compareDuties(fuller, ['各级人民政府应当密切联系残疾人，做好残疾人工作。'], '')).toEqual({ effect: 'weaker', reason: 'duty dropped 听取社会各界的意见' });
  });

  it('is neither another subject\'s duty nor a circumstance', () => {
    expect(compareDuties('遇突发事件的，必须立即报告主管机关。', ['遇突发事件的，必须立即报告主管机关，主管机关接到报告后，应当立即作出决定。'], '')).toBeNull();
    expect(compareDuties('议案应当有案由、案据和方案。', ['议案应当有案由、案据和方案，在大会规定的截止日期前提出。'], '')).toBeNull();
  });

  it('reads the modal word as analyze does: the 应 of 相应 or 应急 is none', () => {
    expect(compareDuties('有关部门应当组织检查。', ['有关部门应当组织检查，采取相应措施。'], '')).toEqual({ effect: 'stronger', reason: 'duty added 采取相应措施' });
    expect(compareDuties('制定相应的应急预案，组织检查。', ['制定相应的应急预案。'], '')).toBeNull();
  });
});

describe('the acts of a reworded answer', () => {
  const supply = '血站应当为献血者提供各种安全、卫生、便利的条件。';
  const fuller = '血站应当设置布局合理的采血点或者流动采血车，为献血者提供卫生、便利的条件，保证献血者安全。';

  it('ask more when one more act stands beside every central one', async () => {
    expect(compareDuties(supply, [fuller], '')).toEqual({ effect: 'stronger', reason: 'duty added 设置布局合理的采血点或者流动采血车' });
    expect(compareDuties('编制保护规划，应当征求专家和公众的意见。', ['编制保护规划应当广泛征求专家、社会公众和有关单位意见，并充分论证。'], ''))
      .toEqual({ effect: 'stronger', reason: 'duty added 并充分论证' });
    const report = await comparePair([`第二条 ${fuller}`], [`第二条 ${supply}`]);
    expect(itemOf(report, '便利的条件')).toMatchObject({ verdict: 'strengthened', explanation: ['新增：“设置布局合理的采血点或者流动采血车”'] });
  });

  it('ask nothing more when another central sentence asks the act, or the act spells a central one out', () => {
    expect(compareDuties(supply, [fuller], '', `${supply}\n血站应当设置布局合理的采血点或者流动采血车。`)).toBeNull();
    expect(compareDuties('在坡地种植中药材，应当采取水土保持措施。', ['种植中药材的，应当采取修建水平梯地，配套水系道路工程等水土保持措施。'], '')).toBeNull();
  });

  it('are read so only where the answer holds most of the central sentence, not in a looser paraphrase', () => {
    expect(compareDuties('县级以上地方人民政府野生动物保护主管部门应当组织开展野生动物收容救护工作。', ['省林业部门应当组织开展野生动物收容救护工作，设立专门场所。'], '')).toBeNull();
  });

  it('ask less when the principal act and most acts are lacking, and the clauses of the answer state them neither', () => {
    const central = '各级人民政府和有关部门，应当密切联系残疾人，听取残疾人的意见，按照各自的职责，做好残疾人工作。';
    const local = '民政、教育等部门应当按照各自职责，做好残疾人工作，保障残疾人合法权益。';
    expect(compareDuties(central, [local], local)).toEqual({ effect: 'weaker', reason: 'duty dropped 密切联系残疾人' });
    expect(compareDuties(central, [local], `${local}各级人民政府应当密切联系残疾人，听取残疾人的意见。`)).toBeNull();
  });

  it('ask as much when the principal act is kept, however many further acts are lacking, or when most acts are kept', () => {
    expect(compareDuties('各级人民政府和有关部门，应当密切联系残疾人，听取残疾人的意见，做好残疾人工作。', ['各区人民政府应当认真听取残疾人和残疾人组织的意见，切实做好残疾人工作。'], '')).toBeNull();
    expect(compareDuties('易涝地区的有关地方人民政府，应当制定除涝治涝规划，组织有关部门、单位采取相应的治理措施，完善排水系统，发展耐涝农作物种类和品种。',
      ['易涝地区的人民政府应当根据全省治涝规划制定本行政区域的治涝规划。'], '')).toBeNull();
  });

  it('leave a part with a modal word of its own to the requirement it states', () => {
    expect(compareDuties('在坡地开垦种植农作物，应当采取水土保持措施。', ['开垦坡地种植农作物的，应当采取水土保持措施，禁止顺坡耕种。'], '')).toBeNull();
  });

  it('ask nothing more of the bearer when the act comes after the matter is handed to another body, or sets when the act is done', () => {
    expect(compareDuties('主管机关应当派出人民警察维持秩序。', ['主管机关应当根据实际需要，派出人民警察维持秩序。'], '')).toBeNull();
    expect(compareDuties('发现有明显不良环境影响的，应当及时提出改进措施。',
      ['规划实施后有明显不良环境影响的，主管部门应当向同级人民政府报告，由人民政府责成编制机关组织跟踪评价，及时提出改进措施。'], '')).toBeNull();
  });
});

describe('a list the local answer shortens', () => {
  it('drops the members it leaves out of a closed list', () => {
    expect(compareDetail('公民不得在其居住地以外的城市发动、组织、参加当地公民的集会、游行、示威。', '居住地不在本市的公民，不得在本市发动、组织当地居民集会、游行、示威。', ''))
      .toEqual([{ effect: 'weaker', reason: 'listed 参加 dropped' }]);
  });

  it('narrows nothing when the list only names examples (…等)', () => {
    expect(compareDetail('在国家机关、军事机关、广播电台、电视台、外国驻华使馆领馆等单位所在地举行的，可以设置警戒线。', '在国家机关、军事机关、广播电台、电视台等单位所在地举行的，可以设置警戒线。', '')).toEqual([]);
  });
});

describe('a list of those a duty binds that the local answer names more of', () => {
  const central = '宾馆、商场、餐馆、银行、机场、车站、港口、影剧院等经营场所的经营者，应当对消费者尽到安全保障义务。';
  const addressees = (c: string, l: string) => compareDetail(c, l, '').filter((d) => d.reason.startsWith('addressees'));

  it('is stronger: more addressees, read member by member at 、 (客运场站 is one member)', () => {
    const [d] = addressees(central, '宾馆、商场、餐馆、银行、客运场站、影剧院、游泳池、洗浴室、健身房等经营场所的经营者，应当对消费者尽到安全保障义务。');
    expect(d).toEqual({ effect: 'stronger', reason: 'addressees added 客运场站、游泳池、洗浴室、健身房' });
    expect(explain(d!.reason, d!.effect)).toBe('义务主体增列：“客运场站、游泳池、洗浴室、健身房”');
    // A closed list kept whole with a member of its own.
    expect(addressees('国家机关、社会团体和企业事业组织应当动员本单位职工参加献血。', '国家机关、社会团体、企业事业组织和个体工商户应当动员本单位职工参加献血。').map((x) => x.reason)).toEqual(['addressees added 个体工商户']);
  });

  it('is none for a list of examples named no longer, a closed list shortened, or a list after the modal word', () => {
    expect(addressees(central, '宾馆、商场、餐馆、游泳池等经营场所的经营者，应当对消费者尽到安全保障义务。')).toEqual([]);
    expect(addressees('国家机关、社会团体和企业事业组织应当动员本单位职工参加献血。', '国家机关、个体工商户和企业事业组织应当动员本单位职工参加献血。')).toEqual([]);
    expect(addressees('残疾人应当遵守法律、法规。', '残疾人应当遵守法律、法规、规章。')).toEqual([]);
  });
});

describe('a central sentence answered across the items of a local list', () => {
  it('is answered by the lead-in and items read together', async () => {
    const report = await comparePair([
      '第二条 集会、游行、示威的负责人必须在举行日期的五日前向主管机关递交书面申请。',
      '第三条 经许可举行的集会、游行、示威应当和平地进行。\n\n举行集会、游行、示威应当遵守下列规定：\n\n（一）按照许可的目的、方式、时间、地点、路线进行；\n\n（二）不得侮辱、诽谤他人或者造谣生事；\n\n（三）不得携带武器、管制刀具和爆炸物品；\n\n（四）不得进行其他违法犯罪活动。',
    ], [
      '第二条 集会、游行、示威应当和平地进行，不得携带武器、管制刀具和爆炸物，不得使用暴力或者煽动使用暴力。',
      '第三条 集会、游行、示威的负责人必须在举行日期的五日前向主管机关递交书面申请。',
    ]);
    const item = itemOf(report, '和平地进行');
    expect(item.local.map((l) => l.clausePath)).toEqual(['第三条', '第三条/(三)']);
  });
});

describe('principles a duty is held to', () => {
  const central = '图书馆应当遵循公益、均等的原则开放馆藏资源。';
  it('are dropped when the local answer and its clauses do not state them', () => {
    expect(compareDetail(central, '图书馆应当向公众开放馆藏资源。', '')).toEqual([{ effect: 'weaker', reason: 'principle dropped 遵循公益、均等的原则' }]);
    expect(compareDetail(central, '图书馆应当向公众开放馆藏资源。', '', '', '图书馆应当向公众开放馆藏资源。开放工作坚持公益原则。')).toEqual([]);
    expect(compareDetail('图书馆应当开放馆藏资源。', '图书馆应当向公众开放馆藏资源。', '')).toEqual([]);
  });
});

describe('a local answer that only asks conformity with the law', () => {
  it('is weakened where the central sentence spells the duty out', async () => {
    const report = await comparePair(
      ['第二条 快递企业应当依法履行保护寄件人信息的义务。', '第三条 快递企业的服务协议应当符合法律、法规规定。'],
      ['第二条 快递企业对寄件人信息必须严格保密，不得泄露或者出售。', '第三条 快递企业不得以服务协议免除其赔偿责任。'],
    );
    expect(itemOf(report, '严格保密')).toMatchObject({ verdict: 'weakened', reasons: ['procedure → reference 依法履行保护寄件人信息的义务'] });
    expect(itemOf(report, '服务协议免除')).toMatchObject({ verdict: 'weakened', reasons: ['procedure → reference 符合法律、法规规定'] });
    const same = await comparePair(['第二条 快递企业应当依法履行保护寄件人信息的义务。'], ['第二条 快递企业应当依法履行保护寄件人信息的义务。']);
    expect(itemOf(same, '依法履行').verdict).toBe('covered');
  });
});

describe('a local answer that gives whatever rules elsewhere make corresponding (相应)', () => {
  it('is weakened where the central sentence names what is given', async () => {
    const central = ['第二条 各级人民政府对接受义务教育的残疾学生提供免费教科书，并给予寄宿生活费等费用补助。'];
    const report = await comparePair(['第二条 各级人民政府对接受义务教育的残疾学生，依照本市有关规定，给予相应的免费待遇。'], central);
    expect(itemOf(report, '免费教科书')).toMatchObject({ verdict: 'weakened', reasons: ['procedure → reference 依照本市有关规定，给予相应'] });
    const spelled = await comparePair(['第二条 各级人民政府对接受义务教育的残疾学生免费提供教科书，并给予寄宿生活费补助。'], central);
    expect(itemOf(spelled, '免费教科书').verdict).not.toBe('weakened');
  });
});

describe('a blanket reference naming the central law', () => {
  const central = [
    '第二条 经营者提供商品，应当遵守本法。',
    '第三条 经营者应当标明其真实名称和标记。',
    '第四条 消费者享有自主选择商品的权利。',
    '第五条 消费者组织不得从事商品经营。',
    '第六条 经营者提供的商品造成消费者损害的，应当赔偿损失。',
    '第七条 违反本法规定，经营者未标明真实名称的，由市场监督管理部门处以罚款。',
  ];
  const blanket = [
    '第二条 消费者享有《中华人民共和国某法》等有关法律、法规规定的各项权利。',
    '经营者应当遵守《中华人民共和国某法》等有关法律、法规的规定，履行保障消费者权益的义务。',
    '第三条 预付卡发卡企业应当公示预付卡章程。',
  ];

  it('answers the party\'s general duty, and weakly each concrete right or duty of that party nothing else answers', async () => {
    const report = await comparePair(blanket, central);
    expect(itemOf(report, '遵守本法')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }] });
    expect(itemOf(report, '真实名称和标记')).toMatchObject({ verdict: 'weakened', local: [{ clausePath: '第二条' }], explanation: ['仅以概括性援引回应（第二条）'] });
    expect(itemOf(report, '自主选择')).toMatchObject({ verdict: 'weakened', local: [{ text: blanket[0]!.slice(4) }] });
  });

  it('answers neither another party (an organisation named after the party), nor liability, nor a penalty', async () => {
    const report = await comparePair(blanket, central);
    for (const snippet of ['消费者组织', '赔偿损失', '处以罚款']) expect(itemOf(report, snippet).verdict, snippet).toBe('missing');
  });

  it('is not a scope clause binding everyone in the territory to the law and the local text', async () => {
    const report = await comparePair(['第二条 本省行政区域内的单位和个人，均应遵守《中华人民共和国某法》和本办法。', blanket[2]!], central);
    expect(itemOf(report, '真实名称和标记').verdict).toBe('missing');
  });

  it('answers the items of a list by the party its lead-in names', async () => {
    const report = await comparePair(blanket, ['第二条 经营者采用邮购方式销售的，买受人可以在收货后七日内无理由退回，但下列物品除外：\n（一）定作的；\n（二）鲜活易腐的。']);
    expect(itemOf(report, '鲜活易腐')).toMatchObject({ verdict: 'weakened', local: [{ clausePath: '第二条' }], explanation: ['仅以概括性援引回应（第二条）'] });
  });

  it('weakens an item the alignment answers with it', async () => {
    const report = await comparePair(
      ['第二条 快递企业应当遵守《中华人民共和国某法》，履行保护寄件人信息的义务。'],
      ['第二条 快递企业应当履行保护寄件人信息的义务，对寄件人信息严格保密。'],
    );
    expect(itemOf(report, '严格保密')).toMatchObject({ verdict: 'weakened', reasons: ['procedure → reference 应当遵守《中华人民共和国某法》，履行保护寄件人信息的义务'] });
  });
});

describe('a duty the local text only sanctions', () => {
  it('is weakened, and a sanction answering a sanction is not', async () => {
    const local = ['第二条 仓储单位应当建立出入库登记制度。', '第三条 仓储单位违反本办法规定，将过期药品出库的，由市场监督管理部门责令改正，给予警告。'];
    const report = await comparePair(local, ['第二条 仓储单位应当建立出入库登记制度。', '第三条 仓储单位应当定期清点库存，不得将过期药品出库。']);
    expect(itemOf(report, '定期清点')).toMatchObject({ verdict: 'weakened', reasons: ['duty → sanction only'] });
    expect(itemOf(report, '出入库登记').verdict).toBe('covered');
    const sanction = await comparePair(local, ['第二条 仓储单位应当建立出入库登记制度。', '第三条 仓储单位将过期药品出库的，由市场监督管理部门责令改正，给予警告。']);
    expect(itemOf(sanction, '给予警告').verdict).toBe('covered');
  });
});

describe('a penalty answered by a local penalty', () => {
  const local = [
    '第二条 医疗机构应当建立临床用血管理制度。',
    '第三条 医疗机构的医务人员违反本办法规定，将不符合国家规定标准的血液用于患者的，由县级以上人民政府卫生行政部门责令改正，给予警告。',
  ];

  it('is not answered by a sanction of another breach', async () => {
    const report = await comparePair(local, ['第二条 医疗机构应当建立临床用血管理制度。', '第三条 临床用血的包装、储存、运输，不符合国家规定的卫生标准和要求的，由县级以上地方人民政府卫生行政部门责令改正，给予警告。']);
    expect(itemOf(report, '包装、储存、运输')).toMatchObject({ verdict: 'missing', local: [] });
  });

  it('is answered by a sanction of the same breach', async () => {
    const report = await comparePair(local, ['第二条 医疗机构应当建立临床用血管理制度。', '第三条 医疗机构的医务人员违反本法规定，将不符合国家规定标准的血液用于患者的，由县级以上地方人民政府卫生行政部门责令改正，给予警告。']);
    expect(itemOf(report, '用于患者')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第三条' }] });
  });
});

describe('a deferral to the central law\'s penalties', () => {
  const central = [
    '第二条 建设单位未依法报批环境影响报告书，擅自开工建设的，由生态环境主管部门责令停止建设，处五万元以下的罚款。',
    '第三条 审批部门在审批中收取费用的，由其上级机关责令退还，依法给予处分。',
  ];

  it('naming an article carries that article\'s penalties over, not the law\'s others', async () => {
    const report = await comparePair(['第二条 违反本办法规定，有关单位有违法行为的，依照《中华人民共和国某法》第二条的规定处罚。'], central);
    expect(itemOf(report, '擅自开工建设')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }] });
    expect(itemOf(report, '收取费用').verdict).toBe('missing');
  });

  it('naming no article carries every penalty over', async () => {
    const report = await comparePair(['第二条 违反本办法规定的行为，依照《中华人民共和国某法》的规定处罚。'], central);
    expect(itemOf(report, '收取费用')).toMatchObject({ verdict: 'covered', reasons: ['penalty deferred to the central law: 第二条'] });
  });
});

describe('a public body\'s duty laid on anyone instead', () => {
  const survey = '应当定期组织野生动物资源调查。';
  const anyone = '任何单位和个人发现重点保护野生动物受到自然灾害威胁时，应当采取紧急救护措施，并及时报告当地野生动物行政主管部门。';
  const government = '重点保护野生动物受到自然灾害等突发事件威胁时，当地人民政府应当及时采取应急救助措施。';

  it('is weakened', async () => {
    const report = await comparePair([`第二条 野生动物行政主管部门${survey}`, `第三条 ${anyone}`], [`第二条 野生动物保护主管部门${survey}`, `第三条 ${government}`]);
    expect(itemOf(report, '应急救助措施')).toMatchObject({
      verdict: 'weakened', reasons: ['bearer 当地人民政府 → 任何单位和个人'], explanation: ['义务主体由“当地人民政府”改为“任何单位和个人”'],
    });
    expect(itemOf(report, '资源调查').verdict).toBe('covered');
  });
});

describe('the contents of a document the local text lists', () => {
  it('ask more than the document named alone', () => {
    expect(compareDetail('审查小组应当提出书面审查意见。', '审查小组提出的书面审查意见，应当包括下列内容：', '')).toEqual([{ effect: 'stronger', reason: 'contents listed' }]);
    expect(compareDetail('申请书应当载明下列事项：', '申请书应当载明下列事项：', '')).toEqual([]);
    expect(compareDetail('设立学校应当符合当地需求。', '设立学校应当具备下列条件：', '')).toEqual([]);
  });

  it('and the measures a duty is met by, but not the cases a rule applies to', () => {
    expect(compareDetail('在三度以下的坡地建设道路，应当采取防护措施。', '在坡地建设道路应当采取以下防护措施：', '')).toEqual([{ effect: 'stronger', reason: 'contents listed' }]);
    expect(compareDetail('经营者应当履行安全保障义务。', '经营者应当履行下列安全保障义务：', '')).toEqual([{ effect: 'stronger', reason: 'contents listed' }]);
    expect(compareDetail('有关单位不得擅自变更用途。', '有关单位有下列行为之一的，责令改正：', '')).toEqual([]);
    expect(compareDetail('应当采取下列措施：', '应当采取以下措施：', '')).toEqual([]);
  });
});

describe('a local answer stronger in one element and weaker in another', () => {
  it('is covered: the core demand is answered in a different shape', async () => {
    const report = await comparePair(
      ['第二条 有关部门根据需要组织野生动物资源调查，调查结果报省人民政府备案。', '第三条 猎捕者应当在两个月内报告猎捕情况。'],
      ['第二条 有关部门应当组织野生动物资源调查，调查结果报本级人民政府。', '第三条 猎捕者应当在一个月内报告猎捕情况。'],
    );
    expect(itemOf(report, '资源调查')).toMatchObject({ verdict: 'covered', reasons: ['qualifier added 根据需要', 'step added 备案', 'modality 应当 → 根据需要'] });
    // The number of a time limit is the deadline's, not a count where more asks more.
    expect(itemOf(report, '猎捕情况')).toMatchObject({ verdict: 'weakened', reasons: ['deadline 一个月内 → 两个月内'] });
  });
});

describe('the session a demand is held to', () => {
  it('is a limit before the act it times, not the setting that opens a sentence', () => {
    expect(compareDetail('质询案由受质询机关答复。', '质询案由受质询机关在人民代表大会会议期间负责答复。', '')).toEqual([{ effect: 'stronger', reason: 'limit added 会议期间' }]);
    expect(compareDetail('代表参加小组会议，审议各项议案。', '代表在本级人民代表大会会议期间，参加小组会议，审议各项议案。', '')).toEqual([]);
  });
});

describe('a fixed time for what the central text asks promptly', () => {
  it('is a limit added', () => {
    expect(compareDetail('决定不举行的，应当及时告知主管机关。', '决定不举行的，应当在原定举行时间前告知主管机关。', '')).toEqual([{ effect: 'stronger', reason: 'limit added 在原定举行时间前' }]);
    expect(compareDetail('发现疫情的，应当及时报告主管部门。', '发现疫情的，应当立即报告主管部门。', '')).toEqual([{ effect: 'stronger', reason: 'limit added 立即' }]);
    expect(compareDetail('发现疫情的，应当及时报告主管部门。', '发现疫情的，应当及时报告主管部门并立即处置。', '')).toEqual([]);
    expect(compareDetail('决定不举行的，应当及时告知主管机关。', '决定不举行的，应当及时告知主管机关。', '')).toEqual([]);
  });
});

describe('a threshold of harm a sanction waits for', () => {
  const central = '国家工作人员对侵害残疾人权益的行为未及时制止，造成严重后果的，由其所在单位依法给予处分。';

  it('is dropped when the local sanction does not wait for it, and added the other way round', () => {
    expect(compareDetail(central, '工作人员对侵害残疾人权益的行为未及时制止的，由其所在单位给予警告处分。', '')).toEqual([{ effect: 'stronger', reason: 'condition dropped 造成严重' }]);
    expect(compareDetail('工作人员弄虚作假的，依法给予处分。', '工作人员弄虚作假，造成严重后果的，依法给予处分。', '')).toEqual([{ effect: 'weaker', reason: 'condition added 造成严重' }]);
  });

  it('is kept when a list item of the answering lead-in states it', async () => {
    const report = compare(
      await law('某省实施办法', [
        '第二十五条 建设单位应当依法报批环境影响评价文件。',
        '第二十六条 各级人民政府及其工作人员有下列情形之一的，对直接负责的主管人员和其他直接责任人员，由上级机关或者监察机关依法给予行政处分：\n\n（一）违法干预审批的；\n\n（二）弄虚作假，造成评价严重失实的。',
      ]),
      await law('中华人民共和国某法', ['第二十八条 建设单位应当依法报批环境影响评价文件。', '第二十九条 规划编制机关弄虚作假，造成评价严重失实的，对直接负责的主管人员和其他直接责任人员，由上级机关或者监察机关依法给予行政处分。']),
    );
    expect(itemOf(report, '规划编制机关')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二十六条' }] });
  });
});

describe('a schedule the central sentence leaves open', () => {
  it('is a limit added when the local answer does the duty every year', () => {
    const local = '市和区人民政府应当建立健全残疾统计和分析报告制度，每年向社会公布残疾人口变动的主要信息和数据。';
    expect(compareDetail('国家建立健全残疾人统计调查制度。', local, '')).toEqual([{ effect: 'stronger', reason: 'limit added 每年' }]);
    expect(compareDetail('县级以上人民政府每年向社会公布残疾人统计数据。', local, '')).toEqual([]);
  });
});

describe('a limit the central document states elsewhere', () => {
  const law = '有关机关、组织应当认真研究办理代表建议、批评和意见，并自交办之日起三个月内答复。对报告中提出的意见和建议的研究处理情况应当向代表反馈。';
  const feedback = '对报告中提出的意见和建议的研究处理情况应当向代表反馈。';

  it('is added when the local answer is closer to this item than to the sentence that states it', () => {
    const local = '对报告中提出的意见和建议的研究处理情况，有关机关、组织应当在三个月内向代表和转交机关反馈。';
    expect(compareDetail(feedback, local, law).map((d) => d.reason)).toEqual(['limit added 三个月内']);
  });

  it('belongs to the other item when the local answer restates that one', () => {
    const local = '有关机关、组织应当认真研究办理代表建议、批评和意见，自交办之日起三个月内答复，并向代表反馈。';
    expect(compareDetail(feedback, local, law)).toEqual([]);
  });
});

describe('what a local clause spells out beside its answer', () => {
  const local = '第七条 以国家机关、社会团体的名义组织集会，必须经本单位负责人批准。申请书必须有本单位负责人的批准签字，并加盖单位公章。';

  it('counts a step in a sentence no item took for the item it is closest to', async () => {
    const central = await law('中华人民共和国集会法', ['第十七条 以国家机关、社会团体的名义组织集会，必须经本单位负责人批准。']);
    const item = compare(await law('某市集会办法', [local]), central).items[0]!;
    expect(item.verdict).toBe('strengthened');
    expect(item.reasons).toContain('step added 签字');
  });

  it('counts a priority, a fund or a manner there as it counts a step, but not a limit or a time', () => {
    const duty = '县级以上人民政府应当扶持社区养老服务。';
    expect(compareDetail(duty, duty, '', '所需经费列为专项经费。').map((d) => d.reason)).toEqual(['commitment added 专项经费']);
    expect(compareDetail('用能单位应当报送能耗数据。', '用能单位应当报送能耗数据。', '', '报送的数据应当如实填写。').map((d) => d.reason)).toEqual(['manner added 如实']);
    // A limit or a time beside the answer mostly times another act of the clause.
    expect(compareDetail(duty, duty, '', '服务机构应当每年接受评估。')).toEqual([]);
    expect(compareDetail('发现险情应当及时报告。', '发现险情应当及时报告。', '', '接到报告的部门应当立即处置。')).toEqual([]);
  });

  it('leaves it to the item that sentence answers', async () => {
    const central = await law('中华人民共和国集会法', ['第十七条 以国家机关、社会团体的名义组织集会，必须经本单位负责人批准。申请书必须有本单位负责人的批准签字，并加盖单位公章。']);
    const report = compare(await law('某市集会办法', [local]), central);
    expect(itemOf(report, '必须经本单位负责人批准').verdict).toBe('covered');
  });
});

describe('a paraphrase in the aligned clause', () => {
  const paraphrase = '各级人民政府应当将残疾人教育作为国家教育事业的组成部分，统一规划，加强领导。';
  const answer = '各级人民政府应当将残疾人教育纳入教育事业发展规划，完善残疾人教育体系。';
  const local = () => law('某市残疾人保障条例', [`第二十一条 ${answer}`, '第二十二条 残疾人教育实行普及与提高相结合、以普及为主的方针。']);
  // A threshold above the paraphrase's score stands for the larger vocabulary of a real pair.
  const opts = { threshold: 0.6 };

  it('answers below the threshold when no other item took the sentence', async () => {
    const central = await law('中华人民共和国残疾人保障法', [`第二十一条 ${paraphrase}`, '第二十二条 残疾人教育，实行普及与提高相结合、以普及为主的方针。']);
    const item = itemOf(compare(await local(), central, opts), '国家教育事业的组成部分');
    expect(item.score).toBeLessThan(opts.threshold);
    expect(item.verdict).toBe('covered');
    expect(item.alignment).toMatchObject({ localClause: '第二十一条', via: 'clause' });
  });

  it('stays missing when the sentence answers another item', async () => {
    const central = await law('中华人民共和国残疾人保障法', [`第二十一条 ${answer}${paraphrase}`, '第二十二条 残疾人教育，实行普及与提高相结合、以普及为主的方针。']);
    expect(itemOf(compare(await local(), central, opts), '国家教育事业的组成部分').verdict).toBe('missing');
  });
});

describe('a reference to rules the local answer leaves unnamed', () => {
  it('is weaker where the central sentence names the rule', () => {
    expect(compareDetail('猎捕者应当按照特许猎捕证、狩猎证规定的种类、数量和期限进行猎捕。', '猎捕者应当按照规定实施猎捕活动。', ''))
      .toEqual([{ effect: 'weaker', reason: 'rule unnamed 按照特许猎捕证、狩猎证规定 → 按照规定' }]);
    expect(compareDetail('专家应当依照本法第十条进行审查。', '专家应当依照有关规定进行审查。', '').map((d) => d.reason)).toEqual(['rule unnamed 依照本法第十条 → 依照有关规定']);
  });

  it('is no change where the central sentence names none either', () => {
    expect(compareDetail('猎捕者应当按照国家有关规定进行猎捕。', '猎捕者应当按照规定实施猎捕活动。', '')).toEqual([]);
    expect(compareDetail('猎捕者应当按照国务院的规定进行猎捕。', '猎捕者应当按照国务院的规定进行猎捕。', '')).toEqual([]);
  });
});

describe('a priority or a dedicated fund the local answer gives', () => {
  it('asks more than the central duty', async () => {
    expect(compareDetail('各级人民政府应当对蓄滞洪区予以扶持。', '省人民政府应当建立蓄滞洪区补偿、扶持专项资金。', '')).toEqual([{ effect: 'stronger', reason: 'commitment added 专项资金' }]);
    const report = compare(
      await law('某省实施办法', ['第二条 高等学校对达到录取要求的残疾考生，同等条件下优先录取。']),
      await law('中华人民共和国某法', ['第二条 高等学校必须招收达到录取要求的残疾考生。']),
    );
    expect(report.items[0]).toMatchObject({ verdict: 'strengthened', explanation: ['增加优先安排：“优先”'] });
  });

  it('is no change when the central sentence has it too', () => {
    expect(compareDetail('代表应当优先执行代表职务。', '代表应当优先执行代表职务。', '')).toEqual([]);
  });

  it('is any fund set aside or service given free, not only the words 专项资金 and 优先', () => {
    const [fund] = compareDetail('县级以上人民政府应当支持社区养老服务。', '县级以上人民政府应当安排社区养老服务专项经费。', '');
    expect(fund).toEqual({ effect: 'stronger', reason: 'commitment added 专项经费' });
    expect(explain(fund!.reason, fund!.effect)).toBe('增加资金保障：“专项经费”');
    const [free] = compareDetail('公共文化设施应当向老年人开放。', '公共文化设施应当向老年人免费开放。', '');
    expect(free).toEqual({ effect: 'stronger', reason: 'commitment added 免费' });
    expect(explain(free!.reason, free!.effect)).toBe('增加免费提供：“免费”');
    expect(compareDetail('公共文化设施应当向老年人免费开放。', '公共文化设施应当对老年人免费开放。', '')).toEqual([]);
  });
});

describe('a figure the central sentence leaves open', () => {
  it('is added when the local answer sets an amount, a share or a time', () => {
    expect(compareDetail('各级人民政府对贫困残疾学生给予生活费补助。', '区人民政府对贫困残疾学生给予生活费补助二千元。', '')).toEqual([{ effect: 'stronger', reason: 'figure added 二千元' }]);
    expect(compareDetail('负责人应当指定专人协助维持秩序。', '负责人应当指定十分之二的参加者协助维持秩序。', '').map((d) => d.reason)).toEqual(['figure added 十分之二']);
  });

  it('is none for a cited article, a distance, a schedule, or a figure the central sentence has', () => {
    expect(compareDetail('主管部门应当依法审批。', '主管部门应当依照本办法第十九条审批。', '')).toEqual([]);
    expect(compareDetail('主管机关可以在附近设置临时警戒线。', '主管机关可以在周边五米至三百米内设置临时警戒线。', '')).toEqual([]);
    expect(compareDetail('主管部门应当定期组织资源调查。', '主管部门对资源每五年调查一次。', '')).toEqual([]);
    expect(compareDetail('对违法单位处五万元以下的罚款。', '对违法单位处五万元以下的罚款。', '')).toEqual([]);
  });

  it('is none when a central sentence closer to the answer states it: the answer restates that sentence too', () => {
    const item = '严格禁止血站违反前款规定对献血者超量、频繁采集血液。';
    const answer = '血站对献血者每次采集血液量一般为二百毫升，两次采集间隔期不少于六个月。';
    expect(compareDetail(item, answer, item).map((d) => d.reason)).toContain('figure added 两次');
    expect(compareDetail(item, answer, `${answer}\n${item}`)).toEqual([]);
  });
});

describe('the approving or consulted body lowered to the acting body\'s own level', () => {
  it('is weaker than the national or provincial organ the central sentence names', async () => {
    expect(compareDetail('审批部门在审批环境影响评价文件时，应当征求国务院野生动物保护主管部门意见。', '环境保护部门在审批时，应当征求同级野生动物行政主管部门的意见。', ''))
      .toEqual([{ effect: 'weaker', reason: 'approver 国务院野生动物保护主管部门 → 同级野生动物行政主管部门' }]);
    const report = await comparePair(['第二条 县级人民政府水行政主管部门编制的防洪规划，报本级人民政府批准。'], ['第二条 县级人民政府水行政主管部门编制的防洪规划，报上一级人民政府批准。']);
    expect(report.items.find((i) => i.central.text.includes('防洪规划'))).toMatchObject({
      verdict: 'weakened', explanation: ['批准或征求意见的机关由“上一级人民政府”降为“本级人民政府”'],
    });
  });

  it('is the counterpart when a provincial body asks its own level, and no change when the central sentence asks the same level', () => {
    expect(compareDetail('防洪规划由国务院水行政主管部门编制，报国务院批准。', '防洪规划由省水行政主管部门编制，报本级人民政府批准。', '')).toEqual([]);
    expect(compareDetail('防洪规划由水行政主管部门编制，报本级人民政府批准。', '防洪规划由水行政主管部门编制，报同级人民政府批准。', '')).toEqual([]);
  });
});

describe('a local sentence naming all members of a central list', () => {
  it('answers a further member its siblings already took, and the list\'s lead-in', async () => {
    const report = await comparePair(
      ['第二条 机场、火车站、重要码头、军事设施等场所为不许可集会、游行、示威区域。', '第三条 举行集会，应当向主管机关提出申请。'],
      ['第二条 在下列场所周边距离十米至三百米内，不得举行集会、游行、示威，经国务院或者省、自治区、直辖市的人民政府批准的除外：\n（一）军事设施；\n（二）重要码头；\n（三）航空港、火车站和港口。', '第三条 举行集会，必须依照本法规定向主管机关提出申请并获得许可。'],
    );
    expect(itemOf(report, '航空港')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }] });
    expect(itemOf(report, '在下列场所')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }] });
  });
});

describe('a loose paraphrase in the aligned clause', () => {
  it('answers an item whose closer candidate elsewhere also falls short of the threshold', async () => {
    const report = await comparePair(
      [
        '第二条 医学院校应当有计划地开设康复课程，培养康复专业人才。\n\n卫生部门应当采取措施，将康复医学技术纳入社区医疗卫生人员的培训内容。',
        '第三条 人力资源社会保障部门应当对残疾人采取多种形式开展职业技能培训。',
      ],
      ['第二条 医学院校应当有计划地开设康复课程，培养康复专业人才。\n\n政府和社会采取多种形式对从事康复工作的人员进行技术培训。'],
    );
    const item = itemOf(report, '技术培训');
    expect(item).toMatchObject({ verdict: 'covered', alignment: { via: 'clause' } });
    expect(item.local[0]!.text).toContain('培训内容');
  });
});

describe('a candidate at the margin that lays the duty on another actor', () => {
  it('does not answer the item, and one on the same actor does', async () => {
    const central = ['第二条 专项规划的编制机关对可能造成不良环境影响并直接涉及公众环境权益的规划，应当在该规划草案报送审批前，举行论证会、听证会，或者采取其他形式，征求有关单位、专家和公众对环境影响报告书草案的意见。'];
    const other = await comparePair(['第二条 对环境可能造成重大影响的建设项目，建设单位应当在报批建设项目环境影响报告书前，采取问卷调查、公告等方式，征求专家和公众的意见。'], central);
    expect(itemOf(other, '征求有关单位')).toMatchObject({ verdict: 'missing', reasons: [expect.stringContaining('another actor')] });
    const same = await comparePair(['第二条 对环境可能造成重大影响的专项规划，编制机关应当在报批专项规划环境影响报告书前，采取问卷调查、公告等方式，征求专家和公众的意见。'], central);
    expect(itemOf(same, '征求有关单位').verdict).toBe('covered');
  });
});

describe('a definition the local text repeats with part of what it covers left out', () => {
  it('is weaker: the term covers less', () => {
    expect(compareDetail('本法规定的野生动物及其制品，是指野生动物的整体（含卵、蛋）、部分及其衍生物。', '本办法所称野生动物产品，是指野生动物的任何部分及其衍生物。', ''))
      .toEqual([{ effect: 'weaker', reason: 'definition narrowed 整体、含卵、蛋' }]);
    expect(explain('definition narrowed 整体、含卵、蛋', 'weaker')).toBe('定义的范围缩小，未含：“整体、含卵、蛋”');
  });

  it('says nothing of a definition reworded with words of its own, nor of one kept whole', () => {
    expect(compareDetail('本法规定保护的野生动物，是指珍贵、濒危的陆生、水生野生动物和有重要生态、科学、社会价值的陆生野生动物。',
      '本办法规定保护的野生动物，是指国家和省重点保护的珍贵、濒危陆生、水生野生动物以及国家保护的有益的或者有重要经济价值、科学研究价值的陆生野生动物。', '')).toEqual([]);
    expect(compareDetail('本法所称集会，是指聚集于露天公共场所，发表意见、表达意愿的活动。', '本办法所称集会，是指聚集于露天公共场所，发表意见、表达意愿的活动。', '')).toEqual([]);
  });
});

describe('a notice period before an event', () => {
  it('asks more when longer and less when shorter', () => {
    const central = '其负责人必须在举行日期的五日前向主管机关递交书面申请。';
    expect(compareDetail(central, '其负责人必须在举行日期的三日前向主管机关递交书面申请。', '')).toEqual([{ effect: 'weaker', reason: 'notice 五日前 → 三日前' }]);
    expect(compareDetail(central, '其负责人必须在举行日期的七日以前向主管机关递交书面申请。', '')).toEqual([{ effect: 'stronger', reason: 'notice 五日前 → 七日以前' }]);
    expect(explain('notice 五日前 → 三日前', 'weaker')).toBe('提前期限由“五日前”推迟为“三日前”');
  });

  it('says nothing when the period is the same', () => {
    expect(compareDetail('会议召开十日前通知代表。', '会议召开十日前通知代表。', '')).toEqual([]);
  });
});

describe('a local answer applying the paragraph before it to a further case', () => {
  const central = '依照本法规定需要申请的集会，其负责人必须向主管机关递交申请。';

  it('is stronger where the central sentence applies no paragraph of its own', () => {
    const [d] = compareDetail(central, '更换负责人必须按前款规定重新申请。', '');
    expect(d).toEqual({ effect: 'stronger', reason: 'case added 按前款规定' });
    expect(explain(d!.reason, d!.effect)).toBe('将前款要求延及另一情形：“按前款规定”');
    expect(compareDetail('违反前款规定的，由公安机关予以警告。', '违反前款规定的，由公安机关予以警告。', '')).toEqual([]);
  });

  it('is stronger where a sentence beside the answer puts a further case under the local text, but not a breach', () => {
    const protectedBy = '消费者为生活消费需要购买、使用商品或者接受服务，其权益受本法保护。';
    const answer = '消费者为生活消费需要购买、使用商品或者接受服务，其权益受本办法保护。';
    const [d] = compareDetail(protectedBy, answer, '', '单位为职工生活需要购买商品或者服务的，依照本办法规定执行。');
    expect(d).toEqual({ effect: 'stronger', reason: 'case added 单位为职工生活需要购买商品或者服务的，依照本办法规定执行' });
    expect(explain(d!.reason, d!.effect)).toBe('将地方规定延及另一情形：“单位为职工生活需要购买商品或者服务的，依照本办法规定执行”');
    expect(compareDetail(protectedBy, answer, '', '违反本办法规定的，依照本办法规定执行。')).toEqual([]);
  });
});

describe('a statement with no modal word whose local answer only permits the act', () => {
  it('is weakened where nothing more specific is found', async () => {
    const report = await comparePair(['第二条 代表小组的活动可以由本级人民代表大会常务委员会组织。'], ['第二条 代表小组的活动由本级人民代表大会常务委员会组织。']);
    expect(report.items.find((i) => i.central.text.includes('代表小组'))).toMatchObject({
      verdict: 'weakened', reasons: ['modality none → 可以'], explanation: ['中央为无情态词的陈述，地方改为“可以”'],
    });
    const same = await comparePair(['第二条 代表小组的活动由本级人民代表大会常务委员会组织。'], ['第二条 代表小组的活动由本级人民代表大会常务委员会组织。']);
    expect(same.items.find((i) => i.central.text.includes('代表小组'))).toMatchObject({ verdict: 'covered', reasons: [] });
  });

  it('is missing where the local text only permits another act of the same party', async () => {
    const report = await comparePair(['第二条 代表小组的成员有权向本级人民代表大会常务委员会提出活动建议。'], ['第二条 代表小组的活动由本级人民代表大会常务委员会组织。']);
    expect(report.items.find((i) => i.central.text.includes('代表小组'))).toMatchObject({ verdict: 'missing', local: [] });
  });
});

describe('an object word much of the local text uses', () => {
  const others = ['第四条 有关部门应当落实文物保护措施。', '第五条 任何单位应当遵守水源保护规定。', '第六条 林业部门应当开展古树保护调查。'];
  const central = ['第二条 渔业部门应当公布禁渔期。对不具备条件的，县级以上人民政府可以划定禁猎区予以保护。'];

  it('does not make a requirement elsewhere agree, but still does inside the aligned clause', async () => {
    const elsewhere = await comparePair(['第二条 渔业部门应当公布禁渔期。', '第三条 县级以上人民政府应当编制湿地保护名录。', ...others], central);
    expect(itemOf(elsewhere, '禁猎区')).toMatchObject({ verdict: 'missing', scoreParts: { findings: 0 } });
    const inClause = await comparePair(['第二条 渔业部门应当公布禁渔期。县级以上人民政府应当编制湿地保护名录。', '第三条 县级以上人民政府应当保护湿地。', ...others], central);
    expect(itemOf(inClause, '禁猎区').scoreParts.findings).toBe(1);
  });
});

describe('the real pairs', () => {
  it('keep tuned item-level accuracy at its floor, and no near-verbatim item is called missing', async () => {
    // Tuned pairs only (01–06): a held-out file is never read by a test.
    const { tallies: { tuned, 'held out': heldOut } } = await scorePairs((name) => /^pair0[1-6]$/.test(name));
    expect(heldOut.total).toBe(0);
    expect(tuned.total).toBe(339);
    // 0.770 when issue 17's accuracy work began, 0.920 now; the target is 0.90.
    expect(tuned.right / tuned.total).toBeGreaterThanOrEqual(0.91);
    expect(tuned.nearVerbatimMissing).toEqual([]);
    // The items marked for review are right less often than the rest, and hold most of the wrong verdicts.
    const { review } = tuned;
    expect(review.right / review.total).toBeLessThan((tuned.right - review.right) / (tuned.total - review.total));
    expect(review.total - review.right).toBeGreaterThanOrEqual((tuned.total - tuned.right) / 2);
  }, 120_000);
});

describe('a recurring schedule the local article sets after the duty it opens with', () => {
  const article = '第二条 代表可以按照便于组织和开展活动的原则组成代表小组。代表可以参加其他代表小组的活动。代表小组每年活动不少于两次。';
  const central = ['第二条 代表可以按照便于组织和开展活动的原则组成代表小组。代表可以参加其他代表小组的活动。'];

  it('strengthens the item the opening sentence answers, not the side rule after it', async () => {
    const report = await comparePair([article], central);
    expect(itemOf(report, '组成代表小组')).toMatchObject({
      verdict: 'strengthened', reasons: ['schedule added 代表小组每年活动不少于两次'], explanation: ['本条另定周期性安排：“代表小组每年活动不少于两次”'],
    });
    expect(itemOf(report, '参加其他代表小组')).toMatchObject({ verdict: 'covered', reasons: [] });
  });

  it('says nothing of a later sentence that is a further duty with its own modal word', async () => {
    const report = await comparePair(['第二条 代表可以按照便于组织和开展活动的原则组成代表小组。常务委员会应当每年向代表通报代表小组活动情况。'], central);
    expect(itemOf(report, '组成代表小组')).toMatchObject({ verdict: 'covered', reasons: [] });
  });

  it('leaves a later sentence that answers another item to that item', async () => {
    const report = await comparePair(
      ['第二条 代表可以按照便于组织和开展活动的原则组成代表小组。代表小组的活动情况每年向社会公布。'],
      ['第二条 代表可以按照便于组织和开展活动的原则组成代表小组。', '第三条 代表小组的活动情况定期向社会公布。'],
    );
    expect(itemOf(report, '组成代表小组')).toMatchObject({ verdict: 'covered', reasons: [] });
    expect(itemOf(report, '活动情况定期').local.map((l) => l.text)).toEqual(['代表小组的活动情况每年向社会公布。']);
  });

  it('says nothing when the central text sets the same schedule itself', async () => {
    const report = await comparePair([article], [`${central[0]}代表小组每年活动不少于两次。`]);
    expect(itemOf(report, '组成代表小组')).toMatchObject({ verdict: 'covered', reasons: [] });
  });
});

describe('a local modal word that binds another step than the central act', () => {
  const central = ['第二条 审批部门也可以责成建设单位进行环境影响的后评价，采取改进措施。'];

  it('says nothing of the central act\'s force when the local sentence gives that act to a body with 由', async () => {
    const report = await comparePair(['第二条 规划实施后有明显不良环境影响的，主管部门应当向同级人民政府报告，由人民政府责成建设单位进行环境影响的后评价，采取改进措施。'], central);
    expect(itemOf(report, '责成建设单位')).toMatchObject({ verdict: 'covered', reasons: [] });
  });

  it('still reads a stricter modal word that governs the act itself', async () => {
    const report = await comparePair(['第二条 规划实施后有明显不良环境影响的，审批部门应当责成建设单位进行环境影响的后评价，采取改进措施。'], central);
    expect(itemOf(report, '责成建设单位')).toMatchObject({ verdict: 'strengthened', reasons: ['modality 可以 → 应当'] });
  });
});

describe('a duty the local answer asks to be done truthfully', () => {
  it('asks more where the central sentence does not say so', () => {
    const [d] = compareDetail('被约见的负责人应当汇报情况。', '被约见的负责人应当如实汇报情况。', '');
    expect(d).toEqual({ effect: 'stronger', reason: 'manner added 如实' });
    expect(explain(d!.reason, d!.effect)).toBe('增加“如实”要求');
    expect(compareDetail('被约见的负责人应当如实汇报情况。', '被约见的负责人应当如实汇报情况。', '')).toEqual([]);
  });

  it('is the drafting formula of truth and accuracy too, but not an adjective alone nor the 据实 inside 根据实际', () => {
    expect(compareDetail('重点用能单位应当报送能源利用状况报告。', '重点用能单位报送的能源利用状况报告应当真实、准确、完整。', '').map((d) => d.reason)).toContain('manner added 真实、准确');
    expect(compareDetail('主管部门应当把握节能工作重点。', '主管部门应当准确把握节能工作重点。', '')).toEqual([]);
    expect(compareDetail('公安机关应当派出人民警察维持秩序。', '公安机关应当根据实际需要派出人民警察维持秩序。', '').map((d) => d.reason)).toEqual(['qualifier added 根据实际需要']);
  });
});

describe('advice the local text turns into a prohibition', () => {
  it('is stronger, and a prohibition turned into advice weaker', async () => {
    const up = await comparePair(['第二条 禁止在公共场所吸烟。'], ['第二条 提倡在公共场所不吸烟。']);
    expect(itemOf(up, '公共场所')).toMatchObject({ verdict: 'strengthened', reasons: ['modality 提倡 → 禁止'] });
    const down = await comparePair(['第二条 提倡在公共场所不吸烟。'], ['第二条 禁止在公共场所吸烟。']);
    expect(itemOf(down, '公共场所')).toMatchObject({ verdict: 'weakened', reasons: ['modality 禁止 → 提倡'] });
  });
});

describe('a list item that names another thing', () => {
  const contents = '第二条 报告书应当包括下列内容：\n（一）环境影响的分析、预测和评估；';

  it('does not answer an item it only qualifies (分析、预测和评估 → 分析、预测和评估的可靠性), and one naming the same thing does', async () => {
    const criteria = await comparePair(['第二条 审查意见应当包括下列内容：\n（一）基础资料、数据的真实性；\n（二）环境影响分析、预测和评估的可靠性；'], [contents]);
    expect(itemOf(criteria, '分析、预测')).toMatchObject({ verdict: 'missing', reasons: [expect.stringContaining('another thing')] });
    const same = await comparePair(['第二条 报告书应当包括下列内容：\n（一）规划实施后环境影响的分析、预测和评估；'], [contents]);
    expect(itemOf(same, '分析、预测').verdict).toBe('covered');
  });

  it('is spoken for: an item below the threshold does not take it for lying in its aligned clause', async () => {
    const report = await comparePair(
      ['第二条 审查意见应当包括下列内容：\n（一）基础资料、数据的真实性；\n（二）环境影响分析、预测和评估的可靠性；'],
      [contents, '第三条 环境影响评价，是指对规划实施后可能造成的环境影响进行分析、预测和评估，提出预防或者减轻不良环境影响的对策和措施，进行跟踪监测的方法与制度。'],
    );
    expect(itemOf(report, '是指').verdict).toBe('missing');
  });
});

describe('a central list the local text carries over by naming the law', () => {
  it('answers the list\'s items with the lead-in\'s answer when that answer cites the central law', async () => {
    const local = ['第二条 在本省举行集会、游行、示威，必须依照本办法的规定，向主管机关提出申请并获得许可。《中华人民共和国某法》规定不需申请的除外。'];
    const central = ['第二条 举行集会、游行、示威，必须依照本法规定向主管机关提出申请并获得许可。\n下列活动不需申请：\n（一）国家举行或者根据国家决定举行的庆祝、纪念等活动；\n（二）宗教团体依照章程举行的宗教活动。'];
    const named = await comparePair(local, central);
    expect(itemOf(named, '下列活动')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }] });
    expect(itemOf(named, '庆祝、纪念')).toMatchObject({ verdict: 'covered', local: [{ text: expect.stringContaining('《中华人民共和国某法》') }] });
    // A lead-in answered without the law's name carries nothing over.
    const unnamed = await comparePair([local[0]!.replace('《中华人民共和国某法》', '法律')], central);
    expect(itemOf(unnamed, '庆祝、纪念').verdict).toBe('missing');
  });
});

describe('the territory a law binds, with what is to be done there under it', () => {
  it('is answered by the local text\'s own scope of application', async () => {
    const central = ['第二条 编制本法第五条所规定的范围内的规划，在中华人民共和国领域和中华人民共和国管辖的其他海域内建设对环境有影响的项目，应当依照本法进行环境影响评价。'];
    const withScope = await comparePair(['第二条 在本省行政区域内从事规划和建设项目环境影响评价活动以及相关管理活动的，应当遵守本办法。'], central);
    expect(itemOf(withScope, '中华人民共和国领域')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }], reasons: [expect.stringContaining('scope of application')] });
    const without = await comparePair(['第二条 县级以上人民政府应当将生态环境保护工作纳入国民经济和社会发展规划。'], central);
    expect(itemOf(without, '中华人民共和国领域').verdict).toBe('missing');
  });

  it('binds the territory by asking that the law be observed there (遵守本法) as by asking that acts follow it', async () => {
    const report = await comparePair(['第二条 本市行政区域内从事水土保持活动适用本办法。'], ['第二条 在中华人民共和国境内从事水土保持活动，应当遵守本法。']);
    expect(itemOf(report, '遵守本法')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第二条' }], reasons: [expect.stringContaining('scope of application')] });
  });
});

describe('a matter the aligned local clause leaves to rules written elsewhere', () => {
  const central = ['第二条 河道、湖泊管理实行按水系统一管理和分级管理相结合的原则，加强防护，确保畅通。\n\n有堤防的河道、湖泊，其管理范围为两岸堤防之间的水域、沙洲、滩地、行洪区和堤防及护堤地。'];
  it('answers what the central text spells out, and is weaker', async () => {
    const report = await comparePair(['第二条 河道管理实行按水系统一管理和分级管理相结合原则，加强防护，确保畅通。\n\n河道、水库的管理范围，由县级以上人民政府按照国家和本省有关规定划定。'], central);
    const item = itemOf(report, '有堤防的河道');
    expect(item).toMatchObject({ verdict: 'weakened', local: [{ text: expect.stringContaining('有关规定划定') }], alignment: { via: 'clause' } });
    expect(item.score).toBeLessThan(0.4);
    expect(item.explanation[0]).toContain('援引其他规定');
  });
  it('does not when the rules only govern a side matter of a sentence that says more', async () => {
    const report = await comparePair(['第二条 河道管理实行按水系统一管理和分级管理相结合原则，加强防护，确保畅通。\n\n河道管理单位应当定期巡查堤防，并按照国家和本省有关规定缴纳河道工程修建维护管理费。'], central);
    expect(itemOf(report, '有堤防的河道').verdict).toBe('missing');
  });
});

describe('a local answer that closes by leaving the matter to rules written elsewhere', () => {
  it('is weaker than the duty the central sentence spells out, whatever verb follows the rules', async () => {
    const central = ['第二条 养老机构应当每年组织入住老年人进行一次健康检查。'];
    const deferred = await comparePair(['第二条 养老机构对入住老年人的健康检查，按照国家和本省有关规定组织。'], central);
    expect(itemOf(deferred, '健康检查')).toMatchObject({ verdict: 'weakened', reasons: ['procedure → reference 按照国家和本省有关规定组织'] });
    // Rules that govern only a side matter of a sentence that says what to do leave nothing open.
    const spelled = await comparePair(['第二条 养老机构应当每年组织入住老年人进行一次健康检查，检查费用按照国家和本省有关规定减免。'], central);
    expect(itemOf(spelled, '健康检查').reasons.filter((r) => r.startsWith('procedure'))).toEqual([]);
  });
});
