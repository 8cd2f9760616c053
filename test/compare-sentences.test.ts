import { describe, expect, it } from 'vitest';
import { notApplicable } from '../pipeline/compare/applicability.js';
import { compareDocFrom } from '../pipeline/compare/index.js';
import { alignClauses, withinPair } from '../pipeline/compare/clause-align.js';
import { compareDetail } from '../pipeline/compare/detail.js';
import { explain, missingExplanation } from '../pipeline/compare/explain.js';
import { isItem, sentencesOf, splitClause } from '../pipeline/compare/sentences.js';
import { contentWords, LEVEL_TERM, matchWords, ORGAN_TERM, unitsOf, type Unit } from '../pipeline/compare/units.js';
import { processSource } from '../pipeline/flow.js';

/** A clause unit over its own text (offsets from 0), without findings. */
function unit(text: string, path = '第一条', start = 0): Unit {
  return { docId: 'd', path, start, end: start + text.length, text, findings: [], words: contentWords(text) };
}

describe('sentences of a clause', () => {
  it('cuts at sentence ends, line breaks and a colon opening a list, never at a comma; drops the article label', () => {
    const text = '第十条 专项规划的环境影响报告书应当包括下列内容：（一）分析、预测和评估；（二）对策和措施。\n审批部门应当自收到报告书之日起六十日内，作出审批决定。';
    const parts = splitClause(unit(text)).map((s) => s.text);
    expect(parts).toEqual([
      '专项规划的环境影响报告书应当包括下列内容：',
      '（一）分析、预测和评估；',
      '（二）对策和措施。',
      '审批部门应当自收到报告书之日起六十日内，作出审批决定。',
    ]);
    for (const s of splitClause(unit(text, '第十条', 100))) expect(text.slice(s.start - 100, s.end - 100)).toBe(s.text);
  });

  it('takes every normative sentence as an item, not a purpose clause or a heading', () => {
    const items = (text: string) => sentencesOf([unit(text)]).filter(isItem).map((s) => s.text);
    expect(items('第一条 为了保护野生动物，维护生态平衡，制定本法。')).toEqual([]);
    expect(items('二、加强组织领导\n各地应当建立工作机制。')).toEqual(['各地应当建立工作机制。']);
    // No modal word, still a requirement: a definition and who makes the list.
    expect(items('本法所称集会，是指聚集于露天公共场所，发表意见的活动。名录由县级以上人民政府制定。')).toHaveLength(2);
    // A short list item ending its line stays an item; a numbered name running into its clause is a heading.
    expect(items('（七）环境影响评价的结论。')).toEqual(['（七）环境影响评价的结论。']);
    expect(items('1.提案质量。政协委员提交提案应当坚持质量第一。')).toEqual(['政协委员提交提案应当坚持质量第一。']);
  });
});

describe('excerpts numbered from the middle', () => {
  it('reads each numbered paragraph as a clause, also when it has no title of its own', async () => {
    for (const [labels, paths] of [[['4．', '5．'], ['4', '5']], [['（四）', '（五）'], ['(四)', '(五)']]] as const) {
      const text = `关于加强协商工作的意见（摘要）\n\n${labels[0]}各级政协应当于每年第一季度制定年度协商工作计划。\n\n${labels[1]}政协办公室应当汇总整理协商议题。\n`;
      const { documents } = await processSource({ path: 'excerpt.txt', bytes: Buffer.from(text) });
      const units = unitsOf(compareDocFrom(documents[0]!));
      expect(units.map((u) => u.path)).toEqual(paths);
      expect(units[0]!.text).toContain('应当于每年第一季度制定');
    }
  });
});

describe('clause alignment', () => {
  it('pairs clauses in order, skipping clauses with no counterpart on either side', () => {
    const central = ['建立协商议题征集制度', '召开专题协商会议', '组织委员视察调研', '健全提案办理反馈'].map((t, i) => unit(t, `c${i}`));
    const local = ['召开专题协商会议每年两次', '本地新增的档案管理', '组织委员开展视察调研', '健全提案办理和反馈机制'].map((t, i) => unit(t, `l${i}`));
    const pairs = alignClauses(central, local);
    expect([...pairs].map(([c, p]) => `${c.path}→${p.local.path}`)).toEqual(['c1→l0', 'c2→l2', 'c3→l3']);
    for (const p of pairs.values()) expect(p.score).toBeGreaterThan(0);
  });

  it('pairs a clause with its counterpart on another rung of government, not with one that shares only the rung', () => {
    const central = [unit('县级以上地方人民政府应当组织编制湿地保护规划。', 'c0')];
    const local = [
      unit('县级以上地方人民政府应当组织编制土壤治理规划。', 'l0'),
      unit('区、县人民政府应当组织编制湿地保护计划。', 'l1'),
    ];
    expect(alignClauses(central, local).get(central[0]!)?.local.path).toBe('l1');
    // Every rung word is one term in matching; the words themselves stay for judging.
    const terms = (text: string) => [...new Set(matchWords(contentWords(text)))].sort();
    expect(terms('区、县人民政府')).toEqual(terms('县级以上地方人民政府'));
    expect(terms('省、自治区、直辖市人民政府')).toContain(LEVEL_TERM);
    expect(contentWords('区、县人民政府')).toContain('县');
  });

  it('matches a body the local text names by its own organ (委员会) with the kind of department the law names', () => {
    const terms = (text: string) => new Set(matchWords(contentWords(text)));
    const shared = (a: string, b: string) => [...terms(a)].filter((w) => terms(b).has(w)).sort();
    expect(shared('县级以上人民政府卫生行政部门', '省卫生健康委员会')).toEqual([LEVEL_TERM, ORGAN_TERM, '卫生'].sort());
    expect(shared('水行政主管部门', '有关部门')).toEqual([ORGAN_TERM]);
    // What a clause is about stays its own word; judging still reads the organ's own name.
    expect(terms('本行政区域')).not.toContain(ORGAN_TERM);
    expect(contentWords('省卫生健康委员会')).toContain('委员会');
  });

  it('counts the paired clause\'s list, and a local clause at least as close as the paired one, as the pair\'s own', () => {
    const central = [
      unit('县级以上人民政府应当建立湿地巡护制度，并对湿地周边农户给予生态补偿。', 'c0'),
      unit('湿地周边农户应当参加湿地巡护，接受巡护培训。', 'c1'),
    ];
    const local = [
      unit('市、区人民政府应当建立巡护制度。', 'l0'),
      unit('湿地周边农户应当参加湿地巡护，接受巡护培训；市、区人民政府对其给予生态补偿。', 'l1'),
      unit('本市编制湿地名录，向社会公布湿地名录。', 'l2'),
    ];
    const pairs = alignClauses(central, local);
    const pair = pairs.get(central[0]!)!;
    // Order gives c0 the first local clause though the second is closer to it.
    expect([pair.local.path, pairs.get(central[1]!)!.local.path]).toEqual(['l0', 'l1']);
    expect(pair.similar.get(local[1]!)).toBeGreaterThanOrEqual(pair.score);
    expect(withinPair(pair, local[1]!, 0.2)).toBe(true);
    expect(withinPair(pair, local[2]!, 0.2)).toBe(false);
    // Less similar than the paired clause: another clause that shares only part of the frame.
    expect(withinPair(pairs.get(central[1]!)!, local[0]!, 0)).toBe(false);
    // A list item of the paired clause is the pair's own whatever its cosine.
    expect(withinPair(pair, unit('（一）巡护人员应当持证上岗。', 'l0/(一)'), 0.2)).toBe(true);
  });

  it('gives a clause the local text moved out of order its most similar local clause', () => {
    const central = ['召开专题协商会议', '组织委员视察调研', '健全提案办理反馈', '建立协商议题征集制度'].map((t, i) => unit(t, `c${i}`));
    const local = ['建立健全协商议题征集制度', '召开专题协商会议每年两次', '组织委员开展视察调研', '健全提案办理和反馈机制'].map((t, i) => unit(t, `l${i}`));
    const pairs = alignClauses(central, local);
    // The path keeps c0–c2 in order; c3 comes first in the local text.
    expect([...central].map((c) => `${c.path}→${pairs.get(c)?.local.path}`)).toEqual(['c0→l1', 'c1→l2', 'c2→l3', 'c3→l0']);
    // Paired by similarity alone, the moved clause has no further close clauses (see withinPair).
    expect(pairs.get(central[3]!)!.similar.size).toBe(0);
    expect(pairs.get(central[0]!)!.similar.get(local[1]!)).toBeGreaterThan(0);
  });
});

describe('not applicable', () => {
  it('exempts what binds only national organs or every province, and the text itself', () => {
    expect(notApplicable('本法自2003年9月1日起施行。')?.code).toBe('commencement');
    expect(notApplicable('建设项目的环境影响评价分类管理名录，由国务院生态环境主管部门制定并公布。')?.code).toBe('national');
    expect(notApplicable('国务院水行政主管部门负责全国防洪的组织、协调、监督、指导等日常工作。')?.code).toBe('national');
    expect(notApplicable('规划区的调整、修改，必须报国务院批准。')?.code).toBe('national');
    // The armed forces, which no province governs (the guide's military addressees).
    expect(notApplicable('现役军人献血的动员和组织办法，由中国人民解放军卫生主管部门制定。')?.code).toBe('national');
    expect(notApplicable('中国人民武装警察部队应当执行国家赋予的抢险救灾任务。')?.code).toBe('national');
    expect(notApplicable('各级人民政府卫生行政部门应当组织制定献血计划。')).toBeNull();
    // A duty laid on a body of its own, with only the details handed to a national organ, is an item.
    expect(notApplicable('医疗机构应当积极推行按血液成份针对医疗实际需要输血，具体管理办法由国务院卫生行政部门制定。')).toBeNull();
    expect(notApplicable('前款所列场所的具体周边距离，由省、自治区、直辖市的人民政府规定。')?.code).toBe('delegation');
    expect(notApplicable('省、自治区、直辖市的人民代表大会常务委员会可以根据本法制定实施办法。')).not.toBeNull();
  });

  it('exempts what the law hands to every province, not a duty it lays on the provincial body itself', () => {
    expect(notApplicable('无偿献血者的配偶和直系亲属临床需要用血时，可以按照省、自治区、直辖市人民政府的规定免交或者减交前款规定的费用。')?.code).toBe('delegation');
    expect(notApplicable('省、自治区、直辖市人民政府可以制定严于国家标准的地方节能标准。')?.code).toBe('delegation');
    expect(notApplicable('省、自治区、直辖市人民政府水行政主管部门负责本行政区域的水土流失调查并公告调查结果。')).toBeNull();
    expect(notApplicable('省、自治区、直辖市根据本行政区域的实际情况，可以规定小于二十五度的禁止开垦坡度。')?.code).toBe('delegation');
    // Every province's act that is only a step of another's duty is no delegation.
    expect(notApplicable('经营者应当按照省、自治区、直辖市人民政府主管部门核验的数量取得标识。')).toBeNull();
  });

  it('keeps a sentence that also binds local bodies', () => {
    expect(notApplicable('国务院有关部门、设区的市级以上地方人民政府及其有关部门，应当组织进行环境影响评价。')).toBeNull();
    expect(notApplicable('全国人民代表大会和地方各级人民代表大会代表依照法律规定选举产生。')).toBeNull();
    expect(notApplicable('县级以上人民政府应当将残疾人事业纳入国民经济和社会发展规划。')).toBeNull();
  });
});

describe('differences of detail', () => {
  const effects = (c: string, l: string) => compareDetail(c, l, c).map((d) => `${d.effect}: ${d.reason}`);

  it('reads who is bound, conditional qualifiers and limits the central text leaves open', () => {
    expect(effects('设区的市级以上人民政府应当组织审查。', '县级以上人民政府应当组织审查。')).toEqual(['stronger: scope 设区的市级以上 → 县级以上']);
    expect(effects('县级以上人民政府应当组织审查。', '设区的市以上人民政府应当组织审查。')).toEqual(['weaker: scope 县级以上 → 设区的市以上']);
    // The county government named alone binds the county level.
    expect(effects('设区的市级以上人民政府应当组织审查。', '县级人民政府应当组织审查。')).toEqual(['stronger: scope 设区的市级以上 → 县级']);
    expect(effects('应当根据需要设立康复科室。', '应当设立康复科室。')).toEqual(['stronger: qualifier dropped 根据需要']);
    expect(effects('应当创造条件开展康复训练。', '根据需要开展康复训练。')).toEqual(['weaker: qualifier added 根据需要']);
    expect(effects('研究处理情况应当向代表反馈。', '有关机关应当在三个月内向代表反馈。')).toEqual(['stronger: limit added 三个月内']);
    expect(effects('应当在三个月内反馈。', '应当在三个月内反馈。')).toEqual([]);
    expect(effects('代表不能出席会议的，应当请假。', '代表不能出席会议的，应当书面请假。')).toEqual(['stronger: step added 书面']);
  });

  it('reads the levels a duty reaches: 县级以上地方各级 is the county level and up, townships and street offices the lowest', () => {
    expect(effects('县级以上地方各级人民政府应当组织节水宣传。', '县级以上人民政府应当组织节水宣传。')).toEqual([]);
    expect(effects('县级以上地方各级人民政府应当组织节水宣传。', '各级人民政府应当组织节水宣传。')).toEqual(['stronger: scope 县级以上 → 各级']);
    expect(effects('县级以上人民政府应当组织节水宣传。', '县级以上人民政府和乡镇人民政府应当组织节水宣传。')).toEqual(['stronger: scope 县级以上 → 乡镇人民政府']);
    expect(effects('地方各级人民政府应当组织节水宣传。', '县级以上人民政府、乡镇人民政府和街道办事处应当组织节水宣传。')).toEqual([]);
    // Whose rights a congress's deputies hold is not how far a duty reaches.
    expect(effects('各级人民代表大会代表有权提出意见。', '县级以上的地方各级人民代表大会代表有权提出意见。')).toEqual([]);
  });

  it('reads a narrower answer as binding fewer only where the levels it leaves out are bound nowhere around it', () => {
    const central = '各级人民政府应当加强领导，做好保护消费者合法权益的工作。';
    const answer = '县级以上人民政府应当加强对消费者权益保护工作的领导。';
    expect(compareDetail(central, answer, central).map((d) => d.reason)).toEqual(['scope 各级 → 县级以上']);
    // The answer's own article lays the whole text on every level.
    expect(compareDetail(central, answer, central, '', `本办法由各级人民政府组织实施。${answer}`)).toEqual([]);
    // A sentence elsewhere lays the matter on townships and street offices.
    expect(compareDetail(central, answer, central, '', answer, `${answer}\n街道办事处和乡（镇）人民政府应当做好消费者权益保护工作。`)).toEqual([]);
  });

  it('reads a form or step of the whole class as added, and one the central sentence asks in other words as none', () => {
    const steps = (c: string, l: string) => effects(c, l).filter((e) => e.includes('step'));
    expect(steps('学校应当制定收费标准。', '学校应当制定收费标准，并在校内公示。')).toEqual(['stronger: step added 公示']);
    expect(steps('主管部门应当制定补偿办法。', '主管部门制定补偿办法，应当举行听证会。')).toEqual(['stronger: step added 听证']);
    expect(steps('检查人员应当记录检查情况。', '检查人员应当记录检查情况，并存档备查。')).toEqual(['stronger: step added 存档']);
    expect(steps('主管部门作出决定后应当通知申请人。', '主管部门作出决定后应当通知申请人，并抄送同级财政部门。')).toEqual(['stronger: step added 抄送']);
    expect(steps('申请人应当提交申请书。', '申请人应当提交申请书，并签名。')).toEqual(['stronger: step added 签名']);
    expect(steps('申请人应当提交申请书。', '申请书应当加盖单位印章。')).toEqual(['stronger: step added 加盖']);
    // A central 公开/公布 already puts the matter before the public; a central 签署 already asks a signature.
    expect(steps('评审结果应当向社会公开。', '评审结果应当向社会公示。')).toEqual([]);
    expect(steps('负责人应当签署意见。', '负责人应当签字。')).toEqual([]);
    // Publishing and registering restate the central duty rather than add to it.
    expect(steps('名录应当定期调整。', '名录应当定期调整并予以公告。')).toEqual([]);
  });

  it('reads each kind of condition on a duty as a qualifier: need, the case, means, effort and discretion', () => {
    const duty = '县级以上人民政府应当设立救助站。';
    expect(effects(duty, '县级以上人民政府根据工作需要设立救助站。')).toEqual(['weaker: qualifier added 根据工作需要']);
    expect(effects(duty, '县级以上人民政府视情况设立救助站。')).toEqual(['weaker: qualifier added 视情况']);
    expect(effects(duty, '条件具备的县级以上人民政府应当设立救助站。')).toEqual(['weaker: qualifier added 条件具备的']);
    expect(effects(duty, '县级以上人民政府应当尽可能设立救助站。')).toEqual(['weaker: qualifier added 尽可能']);
    expect(effects(duty, '县级以上人民政府可以酌情设立救助站。')).toEqual(['weaker: qualifier added 酌情']);
    expect(effects(duty, '县级以上人民政府原则上应当设立救助站。')).toEqual(['weaker: qualifier added 原则上']);
    // 一般 and 原则上 are the same hedge (a rule with exceptions), read by analyze as the same force.
    expect(effects('审批期限一般不超过六个月。', '审批期限原则上不超过六个月。')).toEqual([]);
    expect(effects('审批期限原则上不超过六个月。', '审批期限一般不超过六个月。')).toEqual([]);
    expect(effects('县级以上人民政府应当根据防灾需要设立救助站。', duty)).toEqual(['stronger: qualifier dropped 根据防灾需要']);
    // The basis a plan is drawn on is no condition on whether it is drawn.
    expect(effects('省人民政府应当编制救助规划。', '省人民政府应当根据经济社会发展的需要编制救助规划。')).toEqual([]);
  });

  it('reads a time limit, count or schedule the central sentence leaves open in each of its usual wordings', () => {
    const duty = '经营单位应当检查消防设施。';
    expect(effects(duty, '经营单位应当在开业十日以前检查消防设施。')).toEqual(['stronger: limit added 十日以前']);
    expect(effects(duty, '经营单位应当在接到通知三日之内检查消防设施。')).toEqual(['stronger: limit added 三日之内']);
    expect(effects(duty, '经营单位应当每日检查消防设施。')).toEqual(['stronger: limit added 每日']);
    expect(effects(duty, '经营单位每周检查消防设施不得少于一次。').filter((e) => e.includes('limit'))).toEqual(['stronger: limit added 每周检查消防设施不得少于一次']);
    expect(effects('企业应当组织职工培训。', '企业组织的职工培训不得少于二十学时。').filter((e) => e.includes('limit'))).toEqual(['stronger: limit added 不得少于二十']);
    expect(effects('经营单位应当每日检查消防设施。', '经营单位应当每日检查消防设施。')).toEqual([]);
  });

  it('reads a consequence of not doing the act the central sentence requires as asking more, not one of another act', () => {
    const consequence = (c: string, clause: string) => compareDetail(c, clause, c, '', clause).map((d) => `${d.effect}: ${d.reason}`);
    const clause = '报批的报告书应当附具意见采纳情况的说明。未附具的，主管部门不予受理。';
    expect(consequence('报批的报告书应当附具意见采纳情况的说明。', clause)).toEqual(['stronger: consequence added 未附具的，主管部门不予受理']);
    expect(consequence('编制单位应当征求专家意见。', clause)).toEqual([]);
    expect(explain('consequence added 未附具的，主管部门不予受理', 'stronger')).toBe('增加不履行的后果：“未附具的，主管部门不予受理”');
  });
});

describe('plain Chinese reasons', () => {
  it('says what changed as a reader would', () => {
    expect(explain('modality 必须 → 可以', 'weaker')).toBe('“必须”改为“可以”');
    expect(explain('frequency 每年至少 2 次 → 每年 1 次', 'weaker')).toBe('频次由每年至少两次降为每年一次');
    expect(explain('frequency 每届至少 1 次 → 每年至少 1 次', 'stronger')).toBe('频次由每届至少一次提高为每年至少一次');
    expect(explain('scope 设区的市级以上 → 县级以上', 'stronger')).toBe('适用范围由“设区的市级以上”改为“县级以上”');
    expect(explain('listed 参加 dropped', 'weaker')).toBe('列举中删去：“参加”');
    expect(explain('condition dropped 造成严重', 'stronger')).toBe('删去条件：“造成严重”');
    expect(missingExplanation({ path: '第十二条', score: 0.213 })).toBe('未见对应条款；最接近：第十二条（相似度 0.21）');
    // A local text without numbered clauses: its closest sentence lies in the 正文, never an empty name.
    expect(missingExplanation({ path: '', score: 0.3 })).toBe('未见对应条款；最接近：正文（相似度 0.30）');
  });
});
