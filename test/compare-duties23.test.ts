import { describe, expect, it } from 'vitest';
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
