/**
 * Degree once an answer is found (issue 17): what a local answer adds or drops that makes it ask more
 * (strengthened) or less (weakened) than the central sentence, and what only looks like it.
 */
import { describe, expect, it } from 'vitest';
import { compareDetail } from '../pipeline/compare/detail.js';
import { compareDuties } from '../pipeline/compare/duties.js';
import { explain } from '../pipeline/compare/explain.js';

describe('compare degree: further duties', () => {
  const central = '教师应当忠诚于人民的教育事业。';
  const document = `${central}\n教师应当履行下列义务：\n（一）遵守宪法、法律和职业道德，为人师表；`;

  it('a part binding the bearer to the law\'s duties is a reference, not a further duty', () => {
    expect(compareDuties(central, ['教师应当忠诚于人民的教育事业，履行《教师法》规定的义务。'], '', document)).toBeNull();
    expect(compareDuties(central, ['教师应当忠诚于人民的教育事业，遵守有关法律、法规。'], '', document)).toBeNull();
  });

  it('a further duty another central sentence asks belongs to that item', () => {
    expect(compareDuties(central, ['教师应当忠诚于人民的教育事业，遵守教师的职业道德，为人师表。'], '', document)).toBeNull();
    expect(compareDuties(central, ['教师应当忠诚于人民的教育事业，每学期参加一次家访。'], '', document))
      .toEqual({ effect: 'stronger', reason: 'duty added 每学期参加一次家访' });
  });
});

describe('compare degree: figures', () => {
  const reasons = (central: string, local: string) => compareDetail(central, local, central).map((d) => d.reason);

  it('reads a span of time the central sentence leaves open as a figure added', () => {
    expect(reasons('取得教师资格的人员首次任教时，应当有试用期。', '取得教师资格的人员首次任教，应当有1年的试用期。')).toEqual(['figure added 1年']);
    expect(reasons('国家鼓励毕业生到中小学任教。', '毕业生到中小学任教，工作满5年的，发给一次性奖金。')).toEqual(['figure added 5年']);
  });

  it('does not read a date, an age, a plant\'s life or a one-off as a figure', () => {
    expect(reasons('应当开展宣传活动。', '每年4月21日至27日为宣传周，应当开展宣传活动。').filter((r) => r.startsWith('figure'))).toEqual([]);
    expect(reasons('应当采取水土保持措施。', '种植一年生林草的，应当采取水土保持措施。')).toEqual([]);
    expect(reasons('应当给予奖励。', '应当给予一次性奖励。')).toEqual([]);
    expect(reasons('应当给予补助。', '自第三年起应当给予补助。')).toEqual([]);
    expect(reasons('定期对教师进行身体健康检查。', '学校应当每两年至少组织教师进行一次健康检查。')).toEqual([]);
  });
});

describe('compare degree: steps', () => {
  it('reads putting a result on file (记入…档案) as a step added', () => {
    expect(compareDetail('教师考核结果是晋升工资的依据。', '考核结果记入考绩档案，作为晋升工资的依据。', '').map((d) => d.reason)).toEqual(['step added 记入考绩档案']);
    expect(compareDetail('考核结果应当存入档案。', '考核结果记入考绩档案。', '')).toEqual([]);
  });
});

describe('compare degree: beyond the law', () => {
  it('reads 除…法律规定…外，还应当 as asking more than the law', () => {
    const central = '农民专业合作社应当为每个成员设立成员账户，主要记载下列内容：';
    const local = '成员账户除了记载法律规定的内容外，还应当记载下列内容：';
    const found = compareDetail(central, local, central).filter((d) => d.reason.startsWith('beyond'));
    expect(found).toEqual([{ effect: 'stronger', reason: 'beyond the law 除了记载法律规定的内容外，还应当' }]);
    expect(explain(found[0]!.reason, 'stronger')).toBe('在法律规定之外另加要求：“除了记载法律规定的内容外，还应当”');
    expect(compareDetail('应当记载下列内容：', '除记载下列内容外，还应当载明日期。', '').filter((d) => d.reason.startsWith('beyond'))).toEqual([]);
  });
});

describe('compare degree: commitments beside the answer', () => {
  it('counts a fund written beside the answer, not one a companion gives to a duty of its own', () => {
    const duty = '教育行政部门应当安排教师参加进修、培训。';
    expect(compareDetail(duty, duty, '', '所需经费列为专项经费。').map((d) => d.reason)).toEqual(['commitment added 专项经费']);
    expect(compareDetail(duty, duty, '', '市人民政府应当划拨专项经费，办好教师进修院校。')).toEqual([]);
    expect(compareDetail(duty, '教育行政部门应当安排专项经费，组织教师参加进修、培训。', '').map((d) => d.reason)).toEqual(['commitment added 专项经费']);
  });
});

describe('compare degree: bounds', () => {
  it('reads a level to be met (不低于) made one to be exceeded (高于) as asking more', () => {
    const central = '教师的平均工资水平应当不低于或者高于国家公务员的平均工资水平。';
    const found = compareDetail(central, '使本市教师的平均工资水平高于国家公务员的平均工资水平。', central);
    expect(found).toEqual([{ effect: 'stronger', reason: 'bound 不低于 → 高于' }]);
    expect(explain(found[0]!.reason, 'stronger')).toBe('由“不低于”提高为“高于”');
    expect(compareDetail(central, '教师的平均工资水平不低于国家公务员的平均工资水平。', central)).toEqual([]);
  });
});

describe('compare degree: scope', () => {
  it('reads a qualification added to a scope or definition as fewer falling under it', () => {
    const central = '本法适用于在各级各类学校中专门从事教育教学工作的教师。';
    expect(compareDetail(central, '适用本办法的教师是指本市各级各类学校中具有教师资格、专门从事教育教学工作的人员。', central))
      .toEqual([{ effect: 'weaker', reason: 'condition added 具有教师资格' }]);
    // Not a scope sentence: a qualification a duty asks is another matter.
    expect(compareDetail('学校应当聘任教师。', '学校应当聘任具有教师资格的人员。', '')).toEqual([]);
  });
});
