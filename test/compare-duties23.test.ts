import { describe, expect, it } from 'vitest';
import { compareDetail } from '../pipeline/compare/detail.js';
import { compareDuties } from '../pipeline/compare/duties.js';

describe('a local answer that restates a central sentence without a modal word and asks another act first', () => {
  it('asks more when the added part is an act (制定考核的原则…, 免交学杂费)', () => {
    expect(compareDuties('教育行政部门对教师的考核工作进行指导、监督。', ['教育行政部门应当制定教师考核的原则、内容、标准、程序和方法，对考核工作进行指导、监督。'], '')?.effect).toBe('stronger');
    expect(compareDuties('各级师范学校学生享受专业奖学金。', ['师范院校和非师范院校中接受师范教育的学生免交学杂费，享受专业奖学金。'], '')?.effect).toBe('stronger');
  });

  it('says nothing more when the part before is a case, a setting or asked by another central sentence', () => {
    expect(compareDuties('各级师范学校学生享受专业奖学金。', ['经学校批准进入师范专业学习的，享受专业奖学金。'], '')).toBeNull();
    expect(compareDuties('各级师范学校学生享受专业奖学金。', ['师范学校学生按照国家有关规定，享受专业奖学金。'], '')).toBeNull();
    const central = '各级师范学校学生享受专业奖学金。接受师范教育的师范院校学生免交学杂费。';
    expect(compareDuties('各级师范学校学生享受专业奖学金。', ['师范院校和非师范院校中接受师范教育的学生免交学杂费，享受专业奖学金。'], '', central)).toBeNull();
  });

  it('leaves a central sentence with a modal word to the act-by-act reading', () => {
    expect(compareDuties('教育行政部门应当对教师的考核工作进行指导、监督。', ['教育行政部门制定教师考核的原则、内容、标准、程序和方法，对考核工作进行指导、监督。'], '')?.reason ?? '').not.toMatch(/制定教师考核/);
  });
});

describe('a sentence beside the answer that sets its own rule for a part of its cases', () => {
  const central = '经营者提供的耐用商品，消费者自接受商品之日起六个月内发现瑕疵，发生争议的，由经营者承担有关瑕疵的举证责任。';
  const local = '经营者提供的耐用商品，消费者自接受商品之日起六个月内发现瑕疵，发生争议的，由经营者承担有关瑕疵的举证责任。';
  it('asks more (其中属于三包商品的，…)', () => {
    const clause = `${local}其中属于国家和省规定的三包商品的，在三包有效期限内由经营者承担有关三包责任的举证责任。`;
    expect(compareDetail(central, local, central, '', clause).map((d) => d.reason)).toContain('case added 其中属于国家和省规定的三包商品的，在三包有效期限内由经营者承担有关三包责任的举证责任');
  });
  it('says nothing when the central sentence sets such a case itself', () => {
    const withCase = `${central}其中属于三包商品的，由经营者举证。`;
    expect(compareDetail(withCase, local, withCase, '', `${local}其中属于三包商品的，由经营者举证。`).filter((d) => d.reason.startsWith('case added'))).toEqual([]);
  });
});

/** The reasons compareDetail gives for a local answer, read against the central sentence alone. */
const reasons = (central: string, local: string): string[] => compareDetail(central, local, central).map((d) => d.reason);

describe('who a local answer binds, against the central bearer', () => {
  it('all kinds of a body the central sentence names some of asks more (→ 各级各类学校…的教师)', () => {
    expect(reasons('中小学教师和职业学校教师享受教龄津贴和其他津贴。', '本市各级各类学校和其他教育机构的教师享受教龄津贴。')).toContain('addressees widened 各级各类');
    expect(reasons('各级各类学校的教师享受教龄津贴。', '本市各级各类学校和其他教育机构的教师享受教龄津贴。').filter((r) => r.startsWith('addressees widened'))).toEqual([]);
  });
  it('only listed kinds of the central bearer asks less (经营者 → 宾馆、商场…等经营场所的经营者)', () => {
    const local = '宾馆、商场、餐馆、银行等经营场所的经营者，应当保证其经营场地、服务设施符合保障人身、财产安全的要求。';
    expect(reasons('经营者应当保证其提供的商品或者服务符合保障人身、财产安全的要求。', local)).toContain('addressees narrowed 宾馆、商场、餐馆、银行等经营场所的经营者');
    const narrowed = (central: string, answer: string) => reasons(central, answer).filter((r) => r.startsWith('addressees narrowed'));
    expect(narrowed('宾馆、商场等经营场所的经营者应当保证安全。', '宾馆、商场、餐馆等经营场所的经营者应当保证安全。')).toEqual([]);
    expect(narrowed('经营者应当明码标价。', '经营者应当明码标价。')).toEqual([]);
  });
});
