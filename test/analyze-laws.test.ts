import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, LAWS_GOLD, loadGold, loadScopes, PUBLIC_CORPUS, PUBLIC_GOLD, publicDocuments, sameQuantity } from '../bench/eval-findings.js';
import { analyze } from '../pipeline/analyze/index.js';
import { parseFine } from '../pipeline/analyze/penalties.js';
import type { Finding } from '../pipeline/analyze/types.js';
import type { DocType, Section } from '../pipeline/types.js';

/**
 * A statute as the structure stage makes it: each `第X条` an article up to the next, each `（一）`
 * in it a numbered paragraph up to the next or the article's end. Built by hand (excerpts do not
 * start at 第一条, which structure wants); the type too, until the classifier sets law and regulation.
 */
function statute(text: string, type: DocType = 'law'): Finding[] {
  const sections: Section[] = [];
  const close = (kinds: Section['kind'][], at: number) => {
    for (const s of sections) if (kinds.includes(s.kind) && s.end === text.length) s.end = at;
  };
  for (const m of text.matchAll(/^(?:(第[一二三四五六七八九十百]+条(?:之[一二三四五六七八九十]+)?)|（([一二三四五六七八九十]+)）)/gm)) {
    const start = m.index;
    const heading = text.slice(start + m[0].length).split(/[。\n]/)[0]?.trim() ?? '';
    if (m[1]) {
      close(['article', 'section'], start - 1);
      sections.push({ path: m[1], label: m[1], heading, kind: 'article', depth: 1, start, end: text.length });
    } else {
      close(['section'], start - 1);
      const article = sections.filter((s) => s.kind === 'article').pop();
      sections.push({ path: `${article?.path}/(${m[2]})`, label: `(${m[2]})`, heading, kind: 'section', depth: 2, start, end: text.length });
    }
  }
  return analyze({
    id: `test:${type}`, text, sections,
    meta: { title: text.slice(0, text.indexOf('\n')), type, issuer: null, level: 'central', region: null, date: null, year: null, rules: {} },
  }).findings;
}

/** The finding whose sentence contains `needle`. */
function find(findings: Finding[], needle: string): Finding {
  const f = findings.find((x) => x.sentence.includes(needle));
  if (!f) throw new Error(`no finding contains ${needle}; got ${findings.map((x) => x.sentence).join(' | ')}`);
  return f;
}

// Articles of the tuned public files (pair01, pair02, pair03).
const ENV = `中华人民共和国环境影响评价法
第一章 总则
第六条 国家加强环境影响评价的基础数据库和评价指标体系建设，鼓励和支持对环境影响评价的方法、技术规范进行科学研究，建立必要的环境影响评价信息共享制度，提高环境影响评价的科学性。
国务院生态环境主管部门应当会同国务院有关部门，组织建立和完善环境影响评价的基础数据库和评价指标体系。
第七条 国务院有关部门、设区的市级以上地方人民政府及其有关部门，对其组织编制的土地利用的有关规划，区域、流域、海域的建设、开发利用规划，应当在规划编制过程中组织进行环境影响评价，编写该规划有关环境影响的篇章或者说明。
未编写有关环境影响的篇章或者说明的规划草案，审批机关不予审批。
第十四条 审查小组提出修改意见的，专项规划的编制机关应当根据环境影响报告书结论和审查意见对规划草案进行修改完善，并对环境影响报告书结论和审查意见的采纳情况作出说明；不采纳的，应当说明理由。
第十六条 建设单位应当按照下列规定组织编制环境影响报告书、环境影响报告表或者填报环境影响登记表：
（一）可能造成重大环境影响的，应当编制环境影响报告书，对产生的环境影响进行全面评价；
（二）对环境影响很小、不需要进行环境影响评价的，应当填报环境影响登记表。
第十九条 接受委托为建设单位编制建设项目环境影响报告书、环境影响报告表的技术单位，不得与负责审批建设项目环境影响报告书、环境影响报告表的生态环境主管部门存在任何利益关系。
第二十一条 除国家规定需要保密的情形外，对环境可能造成重大影响、应当编制环境影响报告书的建设项目，建设单位应当在报批建设项目环境影响报告书前，举行论证会、听证会，征求有关单位、专家和公众的意见。
第二章 法律责任
第三十一条 建设单位未依法备案建设项目环境影响登记表的，由县级以上生态环境主管部门责令备案，处五万元以下的罚款。
第三十二条 接受委托编制建设项目环境影响报告书的技术单位违反国家有关规定的，由设区的市级以上人民政府生态环境主管部门对技术单位处所收费用三倍以上五倍以下的罚款；情节严重的，禁止从事环境影响报告书编制工作；有违法所得的，没收违法所得。
第三十三条 负责审批建设项目环境影响评价文件的部门在审批中收取费用的，由其上级机关或者监察机关责令退还；情节严重的，对直接负责的主管人员和其他直接责任人员依法给予行政处分。
`;

const ASSEMBLY = `重庆市实施《中华人民共和国集会游行示威法》办法
第三条 各级人民政府应当依法保障公民行使集会、游行、示威的权利。
公民行使集会、游行、示威权利的时候，必须遵守宪法、法律、法规和本办法，不得反对宪法所确定的基本原则。
第八条 主管机关接到集会、游行、示威的申请后，应在申请举行日期的二日前，将许可或不许可的决定，书面通知申请集会、游行、示威的负责人。不许可的，应当说明理由。
第十七条 游行队伍在行进中遇有前方路段临时发生交通事故，致使游行队伍不能按照许可的路线行进时，人民警察现场负责人有权临时决定改变游行队伍的行进路线。
第十九条 举行集会、游行、示威应当遵守下列规定：
（一）按照许可的目的、方式、时间、地点、路线和其他事项进行；
（二）爱护公共设施和市容环境，不得沿途刻画、涂写和张贴宣传品。
第二十一条 居住地不在本市的公民，不得在本市发动、组织当地居民集会、游行、示威，违者，主管机关有权予以拘留或者强行遣送回原住地。
第二十二条 外国人未经主管机关批准不得参加本市公民举行的集会、游行、示威。
第二十二条之一 公众聚集场所未经消防救援机构许可的，不得投入使用、营业。乡镇人民政府、城市街道办事处应当指导、支持和帮助居民委员会开展群众性的消防工作。
第二十二条之二 县级以上的地方各级人民代表大会代表有权依照法律规定的程序提出质询案。代表应当按时出席本级人民代表大会会议。
第二十三条 对违反本办法的行为，由公安机关依照《中华人民共和国集会游行示威法》和《中华人民共和国治安管理处罚法》的有关规定予以处罚；构成犯罪的，依法追究刑事责任。
`;

describe('statutes: one requirement per obligation', () => {
  const env = statute(ENV);
  const assembly = statute(ASSEMBLY, 'regulation');

  it('reads the first sentence of an article, which the structure stage takes for its heading', () => {
    expect(find(env, '应当在规划编制过程中组织进行环境影响评价')).toMatchObject({ clausePath: '第七条', modality: 'mandatory' });
  });

  it('splits an article at each modal, each with its own modality and condition', () => {
    const revise = find(env, '应当根据环境影响报告书结论');
    const explain = find(env, '应当说明理由');
    expect(revise).not.toBe(explain);
    expect(explain).toMatchObject({ modality: 'mandatory', condition: '不采纳的', actor: '专项规划的编制机关' });
    expect(find(env, '审批机关不予审批')).toMatchObject({ modality: 'prohibited', actor: '审批机关', marker: '不予' });
    expect(find(assembly, '有权临时决定')).toMatchObject({ modality: 'discretionary', marker: '有权', actor: '人民警察现场负责人' });
  });

  it('takes no marker inside a condition or a relative clause for an obligation', () => {
    // `不能按照…行进时` is the condition; `应当编制…的建设项目` names the projects.
    expect(assembly.filter((f) => f.sentence.includes('不能按照'))).toHaveLength(1);
    expect(find(env, '举行论证会')).toMatchObject({ actor: '建设单位', rule: 'modal:应当' });
    expect(env.filter((f) => f.clausePath === '第二十一条')).toHaveLength(1);
  });

  it('never takes the title for an obligation', () => {
    expect(assembly.filter((f) => f.sentence.includes('办法') && f.start < 40)).toHaveLength(0);
  });
});

describe('statutes: actors', () => {
  const env = statute(ENV);
  const assembly = statute(ASSEMBLY, 'regulation');

  it('is the subject before the modal, both bodies of a coordinated one, a whole noun phrase', () => {
    expect(find(env, '组织建立和完善')).toMatchObject({ actor: '国务院生态环境主管部门', kind: 'mechanism' });
    expect(find(env, '应当在规划编制过程中').actor).toBe('国务院有关部门、设区的市级以上地方人民政府及其有关部门');
    expect(find(env, '不得与负责审批').actor).toBe('接受委托为建设单位编制建设项目环境影响报告书、环境影响报告表的技术单位');
  });

  it('is found in a leading condition, and carried to a sentence of the same paragraph that names none', () => {
    expect(find(assembly, '应当依法保障').actor).toBe('各级人民政府');
    expect(find(assembly, '必须遵守宪法')).toMatchObject({ actor: '公民' });
    expect(find(assembly, '不得反对宪法')).toMatchObject({ actor: '公民', modality: 'prohibited' });
    expect(find(assembly, '书面通知申请')).toMatchObject({ actor: '主管机关' });
    expect(find(assembly, '不许可的，应当说明理由').actor).toBe('主管机关');
    expect(find(env, '国家加强').actor).toBe('国家');
    expect(find(assembly, '不得参加本市公民')).toMatchObject({ actor: '外国人', modality: 'prohibited' });
    // A place is no body, and 未经 opens a condition, not a longer name.
    expect(find(assembly, '不得投入使用').actor).toBeNull();
    expect(find(assembly, '应当指导').actor).toBe('乡镇人民政府、城市街道办事处');
    expect(find(assembly, '有权依照法律规定的程序提出质询案').actor).toBe('县级以上的地方各级人民代表大会代表');
    expect(find(assembly, '应当按时出席').actor).toBe('代表');
  });

  it('is inherited by the items of a lead-in to duties, which also inherit its modality', () => {
    expect(find(env, '应当编制环境影响报告书，对产生的环境影响')).toMatchObject({ actor: '建设单位', actorFrom: 'lead-in', clausePath: '第十六条/(一)' });
    expect(find(env, '应当填报环境影响登记表').actor).toBe('建设单位');
    expect(find(assembly, '按照许可的目的')).toMatchObject({ modality: 'mandatory', rule: 'inherited:应当' });
    expect(find(assembly, '爱护公共设施')).toMatchObject({ modality: 'mandatory' });
    expect(find(assembly, '不得沿途刻画')).toMatchObject({ modality: 'prohibited' });
  });
});

describe('statutes: the maker of a rule', () => {
  it('reads X of `办法由X参照…的规定制定` as the actor, not a body inside a `…的` modifier after 由', () => {
    const found = statute('第一条 具体办法由省、自治区、直辖市参照本法第二章的规定制定。\n第二条 参加人应当佩戴由主管机关统一制发的标志。');
    expect(found.map((f) => f.actor)).toEqual(['省、自治区、直辖市', '参加人']);
  });
});

describe('statutes: actors named by role or institution', () => {
  it('reads 扶养人 (a verb made a role), 所在单位, 院校 and 残疾人联合会 as bodies', () => {
    const found = statute('第一条 残疾人的扶养人必须对残疾人履行扶养义务。\n第二条 残疾职工所在单位应当提供适当的劳动条件。\n第三条 医学院校和其他有关院校应当开设康复课程。\n第四条 残疾人联合会应当组织职业培训。');
    expect(found.map((f) => f.actor)).toEqual(['残疾人的扶养人', '残疾职工所在单位', '医学院校和其他有关院校', '残疾人联合会']);
  });
});

describe('statutes: actors named by kinship, by a role made of a predicate verb, or in a list closed by 等', () => {
  it('reads 配偶, 亲属, 兄弟姐妹, 举办者 and `…之间` as the bodies obliged', () => {
    const found = statute(
      '第一条 赡养人的配偶应当协助赡养人履行赡养义务。\n第二条 子女或者其他亲属不得干涉老年人的婚姻。\n第三条 兄弟姐妹应当扶养。\n' +
      '第四条 民办学校的举办者应当按时、足额履行出资义务。\n第五条 赡养人之间可以就履行赡养义务签订协议。\n' +
      '第六条 特殊教育学校、残疾人福利企业和社会福利机构等根据需要，设置康复场所。',
    );
    expect(found.map((f) => f.actor)).toEqual([
      '赡养人的配偶', '子女或者其他亲属', '兄弟姐妹', '民办学校的举办者', '赡养人', '特殊教育学校、残疾人福利企业和社会福利机构等',
    ]);
  });

  it('reads offices, boards, members by function and the parties of a contract as bodies', () => {
    const found = statute('第一条 民办学校的校长应当具备相应的资格。\n第二条 理事长、理事或者董事应当品行良好。\n第三条 董事会应当每年召开会议。\n第四条 律师应当提供法律服务。\n第五条 承包方应当支付费用。\n第六条 驾驶员应当遵守规定。');
    expect(found.map((f) => f.actor)).toEqual(['民办学校的校长', '理事长、理事或者董事', '董事会', '律师', '承包方', '驾驶员']);
  });

  it('takes no one from an exception, an approval, a layout or a bare 组织, and stops the subject at 依法 and 报请', () => {
    const found = statute(
      '第一条 除新闻媒体外，经国务院批准，应当发布。\n第二条 城乡消防安全布局不符合消防安全要求的，应当调整、完善。\n' +
      '第三条 管理节能工作的部门报请本级人民政府批准后，应当公布。\n第四条 国务院标准化主管部门和国务院有关部门依法组织制定标准。\n' +
      '第五条 经营者应当明码标价。',
    );
    expect(found.map((f) => f.actor)).toEqual([null, null, '管理节能工作的部门', '国务院标准化主管部门和国务院有关部门', '经营者']);
  });

  it('takes no one from a condition that only says some are there (`有盲人参加的，…`)', () => {
    const found = statute('第一条 国家举办的各类考试，有盲人参加的，应当为盲人提供盲文试卷。');
    expect(found.map((f) => f.actor)).not.toContain('有盲人');
  });

  it('takes the imposing body of `由X依据…责令…` without 由', () => {
    const found = statute('第一章 法律责任\n第一条 违反本法规定，贬低损害残疾人人格的，由文化、新闻出版或者其他有关主管部门依据各自的职权责令改正。');
    expect(found[0]).toMatchObject({ kind: 'penalty', actor: '文化、新闻出版或者其他有关主管部门' });
  });
});

describe('statutes: penalties', () => {
  const env = statute(ENV);
  const assembly = statute(ASSEMBLY, 'regulation');
  const penalties = (fs: Finding[]) => fs.filter((f) => f.kind === 'penalty');

  it('makes one penalty per part of a 法律责任 clause, with the body that imposes it and the fine', () => {
    expect(find(env, '处五万元以下的罚款')).toMatchObject({
      kind: 'penalty', modality: 'mandatory', actor: '县级以上生态环境主管部门', condition: '建设单位未依法备案建设项目环境影响登记表的',
      sanction: { measures: ['责令备案', '罚款'], fine: { min: null, max: 50000, unit: '元' } },
    });
    const art32 = penalties(env).filter((f) => f.clausePath === '第三十二条');
    expect(art32.map((f) => f.sanction?.measures[0])).toEqual(['罚款', '禁止从事环境影响报告书编制工作', '没收违法所得']);
    expect(art32[0]?.sanction?.fine).toEqual({ min: 3, max: 5, unit: '倍' });
    for (const f of art32) expect(f.actor).toBe('设区的市级以上人民政府生态环境主管部门');
    expect(find(env, '依法给予行政处分')).toMatchObject({ kind: 'penalty', actor: '上级机关或者监察机关', sanction: { measures: ['行政处分'] } });
  });

  it('finds penalties outside a penalty chapter only where a body imposes them or a violator is named', () => {
    expect(find(assembly, '予以处罚')).toMatchObject({ kind: 'penalty', actor: '公安机关', sanction: { measures: ['处罚'] } });
    expect(find(assembly, '追究刑事责任')).toMatchObject({ kind: 'penalty', actor: '公安机关' });
    expect(find(assembly, '违者')).toMatchObject({ kind: 'penalty', modality: 'discretionary', actor: '主管机关' });
    // The duty before `违者` stays a duty of its own.
    expect(find(assembly, '不得在本市发动')).toMatchObject({ kind: 'prohibition', actor: '居住地不在本市的公民' });
    expect(penalties(env).filter((f) => f.clausePath === '第二十一条')).toHaveLength(0);
  });

  it('makes a sanction the body may add (`，可以并处…`) a discretionary penalty of its own', () => {
    const found = statute('第一条 违反本法规定的，由县级以上人民政府生态环境主管部门责令改正，处五万元以下的罚款，可以并处没收违法所得。');
    expect(found.map((f) => [f.kind, f.modality, f.actor, f.sanction?.measures[0]])).toEqual([
      ['penalty', 'mandatory', '县级以上人民政府生态环境主管部门', '责令改正'],
      ['penalty', 'discretionary', '县级以上人民政府生态环境主管部门', '没收违法所得'],
    ]);
  });

  it('takes a call to account in a notice for a penalty, and 问责 as a noun for none', () => {
    const notice = statute('对弄虚作假冒领奖售粮的，要追究责任。对突出问题，要严肃追责问责。开展监督检查、问责处置等工作。', 'notice');
    expect(notice.map((f) => [f.kind, f.sanction?.measures ?? null])).toEqual([
      ['penalty', ['追究责任']],
      ['penalty', ['追责问责']],
    ]);
  });

  it('takes 追究…责任 with whom it calls to account, but not a pointer to the article that imposes it', () => {
    const notice = statute('导致行政执法决定错误的，要依纪依法追究相关人员责任。', 'notice');
    expect(notice.map((f) => [f.kind, f.sanction?.measures ?? null])).toEqual([['penalty', ['追究相关人员责任']]]);
    expect(statute('第一条 质量问题严重的，依照本法第三十二条的规定追究建设单位及其相关责任人员的法律责任。', 'notice').filter((f) => f.kind === 'penalty')).toEqual([]);
  });

  it('reads a fine’s range in yuan with its scale, per cent of a base, or times an amount', () => {
    expect(parseFine('处五十万元以上二百万元以下的罚款')).toEqual({ min: 500_000, max: 2_000_000, unit: '元' });
    expect(parseFine('处建设项目总投资额百分之一以上百分之五以下的罚款')).toEqual({ min: 1, max: 5, unit: '%' });
    expect(parseFine('并处1.5万元以上3万元以下罚款')).toEqual({ min: 15_000, max: 30_000, unit: '元' });
    expect(parseFine('处二千元罚款')).toEqual({ min: 2000, max: 2000, unit: '元' });
    expect(parseFine('处五千元以上的罚款')).toEqual({ min: 5000, max: null, unit: '元' });
    expect(parseFine('给予警告')).toBeNull();
  });
});

// The public corpus lives beside the repository (`../shared/corpus/public/`), not in it.
describe.skipIf(!existsSync(PUBLIC_CORPUS))('gold: a law and a local regulation of the public corpus', async () => {
  const gold = loadGold(LAWS_GOLD);
  const r = evaluate(await publicDocuments(gold), gold);
  const req = r.pairs.filter((p) => p.gold.type === 'requirement');

  it('finds the labelled requirements with their modality, actor and fine', () => {
    expect(r.pairs.length / r.predicted.length).toBeGreaterThanOrEqual(0.95);
    expect(r.pairs.length / r.gold.length).toBeGreaterThanOrEqual(0.95);
    expect(req.filter((p) => p.pred.modality === p.gold.modality).length / req.length).toBeGreaterThanOrEqual(0.95);
    const withActor = req.filter((p) => p.gold.actor);
    expect(withActor.filter((p) => p.pred.actor === p.gold.actor).length / withActor.length).toBeGreaterThanOrEqual(0.9);
    const fined = req.filter((p) => p.gold.fine);
    expect(fined.every((p) => JSON.stringify(p.pred.sanction?.fine) === JSON.stringify(p.gold.fine))).toBe(true);
  });
});

describe.skipIf(!existsSync(PUBLIC_CORPUS))('gold: opinions, notices and work reports of the public corpus (tuned files)', async () => {
  const gold = loadGold(PUBLIC_GOLD);
  const r = evaluate(await publicDocuments(gold), gold, loadScopes(PUBLIC_GOLD));
  const rate = (type: string) => {
    const tp = r.pairs.filter((p) => p.gold.type === type).length;
    return { p: tp / r.predicted.filter((f) => f.type === type).length, r: tp / r.gold.filter((g) => g.type === type).length };
  };

  it('finds requirements, achievements and plans inside the passages labelled whole', () => {
    expect(rate('requirement').p).toBeGreaterThanOrEqual(0.9);
    expect(rate('requirement').r).toBeGreaterThanOrEqual(0.9);
    expect(rate('achievement').r).toBeGreaterThanOrEqual(0.9);
    expect(rate('plan').p).toBeGreaterThanOrEqual(0.75);
    expect(rate('plan').r).toBeGreaterThanOrEqual(0.75);
  });

  it('reads their figures as labelled: value, unit, change and bound', () => {
    const quantified = r.pairs.filter((p) => p.gold.quantity !== undefined);
    const same = quantified.filter((p) => sameQuantity(p.gold.quantity ?? null, p.pred.quantity));
    expect(same.length / quantified.length).toBeGreaterThanOrEqual(0.95);
  });
});
