/**
 * Verdicts on real central/local pairs (issue 17), session 23: article numbers are no amounts, a local
 * sentence that follows a named central article carries its force, a blanket cue needs conformity wording,
 * and an answer must share the item's act, not only its subject.
 */
import { describe, expect, it } from 'vitest';
import { compareQuantity } from '../pipeline/compare/judge.js';
import type { Finding } from '../pipeline/analyze/types.js';
import { compare, compareDocFrom, type CompareDoc, type CompareReport } from '../pipeline/compare/index.js';
import { processSource } from '../pipeline/flow.js';
import { notApplicable } from '../pipeline/compare/applicability.js';
import { Roles } from '../pipeline/compare/roles.js';
import { References } from '../pipeline/compare/refs.js';
import type { Sentence } from '../pipeline/compare/sentences.js';

const itemOf = (report: CompareReport, text: string) => report.items.find((i) => i.central.text.includes(text))!;

describe('an article number', () => {
  it('is no quantity: citing another article changes no amount', () => {
    const finding = (sentence: string) => ({ sentence, frequency: null }) as unknown as Finding;
    const c = finding('违反本法第四十三条的规定，在煤炭产品中掺杂、掺假，以次充好的，责令停止销售，没收违法所得，并处违法所得一倍以上五倍以下的罚款');
    const l = finding('违反本办法第二十条规定，在煤炭产品中掺杂、掺假，以次充好的，责令停止销售，没收违法所得，并处违法所得一倍以上五倍以下的罚款');
    expect(compareQuantity(c, l)).toBeNull();
    // A counted amount still counts.
    expect(compareQuantity(finding('应当配备三名专职人员'), finding('应当配备两名专职人员'))?.effect).toBe('weaker');
  });
});

/** A comparison of two texts, each given whole (title, blank line, one article a line). */
async function compareTexts(local: string, central: string): Promise<CompareReport> {
  const doc = async (text: string, path: string): Promise<CompareDoc> => compareDocFrom((await processSource({ path, bytes: Buffer.from(text) })).documents[0]!);
  return compare(await doc(local, 'local.txt'), await doc(central, 'central.txt'));
}

/** A text with its title and articles, a blank line between paragraphs. */
const articled = (title: string, paragraphs: string[]): string => [title, ...paragraphs].join('\n\n');

/** A law and a province's measures implementing it, each opening with a purpose and a scope article before the given ones. */
function lawAndMeasures(law: string, local: string[], central: string[]): Promise<CompareReport> {
  return compareTexts(
    articled(`某省实施《中华人民共和国${law}》办法`, [`第一条 为了实施《中华人民共和国${law}》，结合本省实际，制定本办法。`, '第二条 本办法适用于本省行政区域。', ...local]),
    articled(`中华人民共和国${law}`, ['第一条 为了规范有关活动，制定本法。', '第二条 本法适用于中华人民共和国领域。', ...central]),
  );
}

/** A teachers' law and a city's measures, each with a purpose and a scope article before the third, given as its paragraphs. */
function teachersPair(local: string[], central: string[]): Promise<CompareReport> {
  return compareTexts(
    ['某市实施《中华人民共和国教师法》办法', '', '第一条 为实施《中华人民共和国教师法》（以下简称《教师法》），结合本市实际，制定本办法。', '', '第二条 本办法适用于本市各级各类学校的教师。', '', ...local].join('\n'),
    ['中华人民共和国教师法', '', '第一条 为了保障教师的合法权益，制定本法。', '', '第二条 本法适用于在各级各类学校中专门从事教育教学工作的教师。', '', ...central].join('\n'),
  );
}

describe('a local sentence that takes on the duties a named law lays', () => {
  const local = [
    '某市实施《中华人民共和国教师法》办法', '',
    '第一条 为实施《中华人民共和国教师法》（以下简称《教师法》），结合本市实际，制定本办法。', '',
    '第二条 本办法适用于本市各级各类学校的教师。', '',
    '第三条 教师承担教书育人的使命，应当忠诚于人民的教育事业，履行《教师法》规定的义务，遵守教师的职业道德，为人师表。', '',
    '第四条 教师退休后，其待遇按照市人民政府的规定执行。',
  ].join('\n');
  const central = [
    '中华人民共和国教师法', '',
    '第一条 为了保障教师的合法权益，制定本法。', '',
    '第二条 本法适用于在各级各类学校中专门从事教育教学工作的教师。', '',
    '第三条 教师应当履行下列义务：', '（一）遵守宪法、法律和职业道德，为人师表；', '（二）贯彻国家的教育方针，遵守规章制度，执行学校的教学计划，履行教师聘约，完成教育教学工作任务；',
    '（三）对学生进行宪法所确定的基本原则的教育和爱国主义、民族团结的教育，法制教育以及思想品德、文化、科学技术教育，组织、带领学生开展有益的社会活动；',
    '（四）关心、爱护全体学生，尊重学生人格，促进学生在品德、智力、体质等方面全面发展；', '',
    '第四条 教师的聘任应当遵循双方地位平等的原则，由学校和教师签订聘任合同，明确规定双方的权利、义务和责任。',
  ].join('\n');

  it('answers, by reference only, a listed duty of that party nothing else answers', async () => {
    const report = await compareTexts(local, central);
    const item = itemOf(report, '关心、爱护全体学生');
    expect(item.verdict).toBe('weakened');
    expect(item.local).toMatchObject([{ clausePath: '第三条' }]);
  });

  it('answers nothing the law does not list as the party\'s duty', async () => {
    const report = await compareTexts(local, central);
    expect(itemOf(report, '教师的聘任').verdict).toBe('missing');
  });
});

describe('a local sentence that follows the central article by number', () => {
  it('carries that article\'s time limit: nothing is dropped', async () => {
    const report = await teachersPair(
      ['第三条 市和区、县人民政府及其教育、劳动行政部门、有关部门，应当指定相应的职能机构按照《教师法》第三条的规定，接受教师申诉。申诉的具体办法由市人民政府制定。'],
      [
        '第三条 教师对学校或者其他教育机构侵犯其合法权益的，或者对学校或者其他教育机构作出的处理不服的，可以向教育行政部门提出申诉，教育行政部门应当在接到申诉的三十日内，作出处理。', '',
        '教师认为当地人民政府有关行政部门侵犯其根据本法规定享有的权利的，可以向同级人民政府或者上一级人民政府有关部门提出申诉，同级人民政府或者上一级人民政府有关部门应当作出处理。',
      ],
    );
    const item = itemOf(report, '三十日内');
    expect(item.local).toMatchObject([{ clausePath: '第三条' }]);
    expect(item).toMatchObject({ verdict: 'covered', reasons: [] });
  });
});

describe('a rule stated before its details are handed to a national organ', () => {
  it('binds where a local text restates it; a sentence that only names what the organ makes stays exempt', () => {
    expect(notApplicable('国家实行教师职务制度，具体办法由国务院规定。')).toBeNull();
    expect(notApplicable('中小学教师和职业学校教师享受教龄津贴和其他津贴，具体办法由国务院教育行政部门会同有关部门制定。')).toBeNull();
    expect(notApplicable('建立正常晋级增薪制度，具体办法由国务院规定。')?.code).toBe('national');
    expect(notApplicable('农民专业合作社登记办法由国务院规定。')?.code).toBe('national');
  });
});

describe('a local sentence that follows the central article by number, with a modal word of its own', () => {
  it('does not change the force of the article\'s act', async () => {
    const report = await teachersPair(
      ['第三条 在本市取得教师资格应当具备的条件，按照《教师法》第三条的规定执行。'],
      ['第三条 中国公民凡遵守宪法和法律，热爱教育事业，具有良好的思想品德，具备本法规定的学历或者经国家教师资格考试合格，有教育教学能力，经认定合格的，可以取得教师资格。'],
    );
    expect(itemOf(report, '可以取得教师资格')).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第三条' }] });
  });
});

describe('a right stated without a modal word', () => {
  it('is no less a right where the local text says its holder 可以享有 it', async () => {
    const report = await lawAndMeasures(
      '农民专业合作社法',
      [
        '第三条 农民专业合作社成员大会选举和表决，成员各享有基本表决权。',
        '出资额或者与本社交易量（额）较大的成员按照章程规定，可以享有附加表决权。',
        '农民专业合作社章程可以规定附加表决权不得行使的情形，也可以规定基本表决权与附加表决权相加行使的上限。',
      ],
      ['第三条 农民专业合作社成员享有下列权利：', '（一）参加成员大会，并享有表决权、选举权和被选举权，按照章程规定对本社实行民主管理；', '（二）利用本社提供的服务和生产经营设施；'],
    );
    const item = itemOf(report, '享有表决权、选举权');
    expect(item).toMatchObject({ verdict: 'covered', local: [{ clausePath: '第三条' }, { clausePath: '第三条' }, { clausePath: '第三条' }] });
  });
});

describe('`可` in `可供利用`', () => {
  it('qualifies a state and grants nothing: a local 应当 is no stronger', async () => {
    const report = await lawAndMeasures(
      '煤炭法',
      ['第三条 因开采煤炭造成地表土地塌陷、挖损的，应当由煤矿企业依法承担复垦义务。复垦的土地应当达到可供利用的状态。'],
      ['第三条 因开采煤炭压占土地或者造成地表土地塌陷、挖损，由采矿者负责进行复垦，恢复到可供利用的状态。'],
    );
    expect(itemOf(report, '由采矿者负责进行复垦')).toMatchObject({ verdict: 'covered', reasons: [] });
  });
});

describe('a reference that takes on the duties a named law lays', () => {
  const sentence = (text: string) => ({ text, findings: [], unit: { docId: 'd', path: '第三条' } }) as unknown as Sentence;
  const roles = new Roles(
    [sentence('教师承担教书育人的使命，应当忠诚于人民的教育事业，履行《教师法》规定的义务，遵守教师的职业道德，为人师表。')],
    ['中华人民共和国教师法'],
    new References([]),
  );

  it('restates the lead-in of the party\'s duties whole, and answers its items only by reference', () => {
    const lead = sentence('教师应当履行下列义务：');
    expect(roles.blanket(lead)?.verdict).toBe('covered');
    expect(roles.blanket(sentence('（二）贯彻国家的教育方针，遵守规章制度，完成教育教学工作任务；'), lead)?.verdict).toBe('weakened');
  });

  it('answers no sentence that names the party\'s duties without laying them', () => {
    expect(roles.blanket(sentence('教师是履行教育教学职责的专业人员。'))).toBeNull();
  });
});
