/**
 * Verdicts on real central/local pairs (issue 17), session 25: the degree of an answer that was found
 * (covered, strengthened, weakened), each by a general drafting pattern.
 */
import { describe, expect, it } from 'vitest';
import { compare, compareDocFrom, type CompareItem } from '../pipeline/compare/index.js';
import { processSource } from '../pipeline/flow.js';
import { notApplicable } from '../pipeline/compare/applicability.js';
import { compareDetail } from '../pipeline/compare/detail.js';
import { compareDuties } from '../pipeline/compare/duties.js';

/** A law and a province's measures implementing it, each a title and its articles, a blank line between paragraphs. */
async function measuresFor(local: string[], central: string[]): Promise<CompareItem[]> {
  const doc = async (paragraphs: string[], path: string) => compareDocFrom((await processSource({ path, bytes: Buffer.from(paragraphs.join('\n\n')) })).documents[0]!);
  const localDoc = await doc(['某省实施《中华人民共和国某某法》办法', '第一条 为了实施《中华人民共和国某某法》，结合本省实际，制定本办法。', '第二条 本办法适用于本省行政区域。', ...local], 'local.txt');
  const centralDoc = await doc(['中华人民共和国某某法', '第一条 为了规范有关活动，制定本法。', '第二条 本法适用于中华人民共和国领域。', ...central], 'central.txt');
  return compare(localDoc, centralDoc).items;
}

const itemOf = (items: readonly CompareItem[], text: string): CompareItem => items.find((i) => i.central.text.includes(text))!;

describe('a schedule of several years (每两年, 每五年), which analyze reads no period for', () => {
  const verdictOf = async (central: string, local: string) => itemOf(await measuresFor([`第三条 ${local}`], [`第三条 ${central}`]), central.slice(0, 8));
  it('asks less when the act comes round less often (每年一次 → 每两年一次)', async () => {
    expect(await verdictOf('主管部门应当每年组织一次安全检查。', '主管部门应当每两年组织一次安全检查。')).toMatchObject({ verdict: 'weakened', reasons: ['frequency 每年 1 次 → 每两年'] });
  });
  it('asks more when it comes round more often (每五年 → 每三年, 每两年 → 每年两次)', async () => {
    expect(await verdictOf('主管部门应当每五年组织一次资源调查。', '主管部门应当每三年组织一次资源调查。')).toMatchObject({ verdict: 'strengthened' });
    expect(await verdictOf('主管部门应当每两年组织一次安全检查。', '主管部门应当每年组织两次安全检查。')).toMatchObject({ verdict: 'strengthened' });
  });
  it('asks as much on the same schedule', async () => {
    expect(await verdictOf('主管部门应当每五年组织一次资源调查。', '省主管部门应当每五年组织一次资源调查。')).toMatchObject({ verdict: 'covered' });
  });
});

describe('a statement without a modal word restated part by part with an act put between its parts', () => {
  const central = '地方各级人民政府领导本行政区域内的防汛工作，统一规划并负责组织、协调有关部门共同做好防汛工作。';
  it('asks more: the inserted act is the local side\'s own', () => {
    const local = '县级以上人民政府领导本行政区域内的防汛工作，负责制定年度防汛预案，保障防汛工作经费，统一规划并负责组织、协调有关部门共同做好防汛工作。';
    expect(compareDuties(central, [local], local)).toEqual({ effect: 'stronger', reason: 'duty added 负责制定年度防汛预案' });
  });
  it('asks nothing more when the extra part only follows the restated ones (an aim, not an act between them)', () => {
    const local = '县级以上人民政府领导本行政区域内的防汛工作，统一规划并负责组织、协调有关部门共同做好防汛工作，提高群众的防灾减灾意识。';
    expect(compareDuties(central, [local], local)).toBeNull();
  });
  it('asks nothing more when another central sentence asks the inserted act', () => {
    const local = '县级以上人民政府领导本行政区域内的防汛工作，负责制定年度防汛预案，统一规划并负责组织、协调有关部门共同做好防汛工作。';
    expect(compareDuties(central, [local], local, `${central}\n县级以上人民政府负责制定年度防汛预案。`)).toBeNull();
  });
});

describe('a matter whose regime the State Council\'s rules set, with no duty laid and no local body named', () => {
  it('binds only the national level', () => {
    expect(notApplicable('农作物种子的进出口依照国务院的规定，实行统一管理。')).toMatchObject({ code: 'national' });
  });
  it('is a duty when a modal word lays it or a local body bears it', () => {
    expect(notApplicable('县级以上地方人民政府应当依照国务院的规定，对种子的进出口实行统一管理。')).toBeNull();
    expect(notApplicable('种子经营者依照国务院的规定，可以申请进出口许可。')).toBeNull();
  });
  it('is not a regime when only a procedure is the State Council\'s (按照国务院规定的审批程序批准)', () => {
    expect(notApplicable('城市排水规划，由城市人民政府组织编制，按照国务院规定的审批程序批准后纳入城市总体规划。')).toBeNull();
  });
});

describe('a sanction made discretionary, or made to wait for a refusal to put things right', () => {
  const central = '违反本法规定的，由主管部门责令改正，处一万元以上五万元以下的罚款。';
  const reasons = (c: string, l: string) => compareDetail(c, l, c).map((d) => `${d.effect} ${d.reason}`);
  it('asks less when the fine is only permitted (处 → 可以处)', () => {
    expect(reasons(central, '违反本办法规定的，由主管部门责令改正，可以处一万元以上五万元以下的罚款。')).toContain('weaker sanction 处 → 可以处');
  });
  it('asks more when a permitted sanction is imposed outright (可以没收 → 没收)', () => {
    expect(reasons('违反本法规定的，由主管部门责令停止违法行为，可以没收违法所得。', '违反本办法规定的，由主管部门责令停止违法行为，没收违法所得。')).toContain('stronger sanction 可以处 → 处');
  });
  it('asks less when the fine waits for a refusal (拒不改正的), more when the wait is dropped', () => {
    expect(reasons(central, '违反本办法规定的，由主管部门责令改正；拒不改正的，处一万元以上五万元以下的罚款。')).toContain('weaker condition added 拒不改正的');
    expect(reasons('逾期不改正的，处一万元以上五万元以下的罚款。', '违反本办法规定的，由主管部门责令改正，处一万元以上五万元以下的罚款。')).toContain('stronger condition dropped 逾期不改正的');
  });
  it('asks as much with the same force and the same wait', () => {
    expect(reasons(central, '违反本办法规定的，由主管部门责令改正，处一万元以上五万元以下的罚款。')).toEqual([]);
  });
});

describe('a duty made to wait for conditions (条件具备时)', () => {
  it('asks less', () => {
    const central = '县级以上人民政府应当建立农村饮水安全保障机制。';
    expect(compareDetail(central, '县级以上人民政府在条件具备时，应当建立农村饮水安全保障机制。', central).map((d) => d.reason)).toContain('qualifier added 条件具备时');
  });
});

describe('a list of prohibited acts carried over into a list of acts that incur liability', () => {
  const central = [
    '第三条 供销合作社的理事长、理事和管理人员不得有下列行为：',
    '（一）侵占、挪用或者私分本社资产；',
    '（二）违反章程规定或者未经社员大会同意，将本社资金借贷给他人或者以本社资产为他人提供担保；',
  ];
  const local = (second: string) => [
    '第三条 供销合作社的理事长、理事和管理人员有下列行为之一，造成供销合作社财产损失和其他合法利益损害的，应当依法承担赔偿责任；构成犯罪的，依法追究刑事责任：',
    '（一）侵占、挪用或者私分本社资产的；',
    second,
  ];
  it('is covered item for item: the lead-ins (不得 / 应当承担赔偿责任) frame the lists, they do not change the force', async () => {
    const items = await measuresFor(local('（二）违反章程规定或者未经社员大会同意，将本社资金借贷给他人或者以本社资产为他人提供担保的。'), central);
    expect(itemOf(items, '将本社资金借贷给他人')).toMatchObject({ verdict: 'covered', reasons: [] });
  });
  it('asks more when an item carried over whole prohibits one more act (…借贷给他人、对外投资或者…)', async () => {
    const items = await measuresFor(local('（二）违反章程规定或者未经社员大会同意，将本社资金借贷给他人、对外投资或者以本社资产为他人提供担保的。'), central);
    expect(itemOf(items, '将本社资金借贷给他人')).toMatchObject({ verdict: 'strengthened', reasons: ['act added 对外投资'] });
  });
});

describe('a duty of a private party laid on another party instead', () => {
  const central = '第三条 设施的所有权人或者使用权人应当加强对灌溉设施的管理与维护，落实管护责任，保障其功能正常发挥。';
  it('asks less when the local answer names the central bearer nowhere (所有权人或者使用权人 → 乡镇人民政府和村民委员会)', async () => {
    const items = await measuresFor(['第三条 乡镇人民政府和村民委员会应当加强对灌溉工程的管理与维护，落实管护责任，保障其功能正常发挥。'], [central]);
    expect(itemOf(items, '所有权人或者使用权人')).toMatchObject({ verdict: 'weakened' });
    expect(itemOf(items, '所有权人或者使用权人').reasons.join()).toMatch(/^bearer (?:设施的)?所有权人或者使用权人 → /);
  });
  it('asks as much when the local bearer names the same party', async () => {
    const items = await measuresFor(['第三条 设施所有权人、使用权人应当加强对灌溉设施的管理与维护，落实管护责任，保障其功能正常发挥。'], [central]);
    expect(itemOf(items, '所有权人或者使用权人').reasons.filter((r) => r.startsWith('bearer'))).toEqual([]);
  });
  it('leaves a public body\'s duty to its counterparts (国务院…部门 → 省…部门 is judged elsewhere)', async () => {
    const items = await measuresFor(['第三条 市水行政主管部门应当加强对灌溉设施的监督检查。'], ['第三条 县级以上人民政府水行政主管部门应当加强对灌溉设施的监督检查。']);
    expect(itemOf(items, '加强对灌溉设施的监督检查').reasons.filter((r) => r.startsWith('bearer'))).toEqual([]);
  });
});

describe('counties named as a local text names its own (市、县（市、区）, 区、县)', () => {
  const central = '设区的市级以上人民政府应当组织编制本行政区域的防洪规划。';
  const reasons = (local: string) => compareDetail(central, local, central).map((d) => `${d.effect} ${d.reason}`);
  it('reach one level lower than a central sentence binding cities and above', () => {
    expect(reasons('市、县（市、区）人民政府应当组织编制本行政区域的防洪规划。')).toContain('stronger scope 设区的市级以上 → 县（市、区）');
    expect(reasons('市和区、县人民政府应当组织编制本行政区域的防洪规划。')).toContain('stronger scope 设区的市级以上 → 区、县');
  });
  it('are not read against a central sentence that binds every level', () => {
    const every = '各级人民政府应当组织编制本行政区域的防洪规划。';
    expect(compareDetail(every, '市、区县人民政府应当组织编制本行政区域的防洪规划。', every).filter((d) => d.reason.startsWith('scope'))).toEqual([]);
  });
});

describe('a rule with exceptions (一般应当) and an act done on the spot (当场)', () => {
  const reasons = (c: string, l: string) => compareDetail(c, l, c).map((d) => `${d.effect} ${d.reason}`);
  it('asks less when the duty holds only as a rule (应当 → 一般应当)', () => {
    expect(reasons('主管机关应当自受理之日起十五日内作出决定。', '主管机关一般应当自受理之日起十五日内作出决定。')).toContain('weaker qualifier added 一般');
  });
  it('asks more when a prompt act is done on the spot (及时 → 当场)', () => {
    expect(reasons('执法人员应当及时出具收据。', '执法人员应当当场出具收据。').some((r) => r.startsWith('stronger'))).toBe(true);
  });
  it('reads no hedge in 一般 used as an adjective (一般项目)', () => {
    expect(reasons('建设单位应当编制环境影响报告表。', '一般项目的建设单位应当编制环境影响报告表。').filter((r) => r.includes('qualifier'))).toEqual([]);
  });
});
