import { describe, expect, it } from 'vitest';
import { structure } from '../pipeline/structure/index.js';
import { matchLabel } from '../pipeline/structure/labels.js';
import type { Paragraph } from '../pipeline/types.js';
import { splitClause } from '../pipeline/compare/sentences.js';
import type { Unit } from '../pipeline/compare/units.js';

const paths = (...texts: string[]): string[] =>
  structure({ paragraphs: texts.map((text): Paragraph => ({ text })), changes: {} })[0]!.sections.map((x) => x.path);

describe('law structure with a damaged article label', () => {
  it('reads 笫, the look-alike of 第, as 第', () => {
    expect(matchLabel('笫五十四条 清算组成员应当忠于职守。')).toMatchObject({ kind: 'article', label: '第五十四条', n: 54 });
    expect(matchLabel('笫七章 附则')).toMatchObject({ kind: 'chapter', label: '第七章', n: 7 });
    expect(paths('第一条 应当报告。', '笫二条 可以协商。', '第三条 不得拒绝。')).toEqual(['第一条', '第二条', '第三条']);
  });

  it('opens the articles after a lost label when their numbering runs on', () => {
    expect(paths('第一章 总则', '第一条 应当报告。', '第二条 可以协商。', '第二章 附则', '第四条 不得拒绝。', '第五条 自公布之日起施行。'))
      .toEqual(['第一章', '第一条', '第二条', '第二章', '第四条', '第五条']);
    // A cited article at the start of a paragraph, with nothing running on from it, stays body text.
    expect(paths('第一条 应当报告。', '第二条 可以协商。', '第九条规定的事项除外。', '第三条 不得拒绝。'))
      .toEqual(['第一条', '第二条', '第三条']);
  });
});

describe('sentences of a clause with a damaged label', () => {
  it('leaves the look-alike label 笫…条 out of the first sentence, as 第…条', () => {
    const text = '笫五十四条 清算组成员应当忠于职守，依法履行清算义务。';
    expect(splitClause({ text, start: 0 } as Unit).map((s) => s.text)).toEqual(['清算组成员应当忠于职守，依法履行清算义务。']);
  });
});

describe('a budget the local answer commits', () => {
  it('reads a cost put in the budget as a commitment the central sentence lacks', async () => {
    const { compareDetail } = await import('../pipeline/compare/detail.js');
    const central = '中央和地方财政应当分别安排资金，支持农民专业合作社开展信息、培训等服务。';
    const local = '市、区人民政府应当将促进农民专业合作社发展的经费纳入本级财政预算，重点用于支持人员培训等事项。';
    expect(compareDetail(central, local, central)).toContainEqual({ effect: 'stronger', reason: 'commitment added 纳入本级财政预算' });
    // The central sentence budgets too, in other words: nothing added.
    const budgeted = '县级以上人民政府应当将农民专业合作社发展经费列入财政预算。';
    expect(compareDetail(budgeted, local, budgeted).map((d) => d.reason)).not.toContain('commitment added 纳入本级财政预算');
  });

  it('leaves a budget to the central sentence closer to the answer that states it', async () => {
    const { compareDetail } = await import('../pipeline/compare/detail.js');
    const central = '各级人民政府应当密切联系残疾人，听取残疾人的意见。';
    const document = `${central}各级人民政府应当将残疾人事业经费列入财政预算，建立稳定的经费保障机制。`;
    const local = '各级人民政府应当将残疾人事业经费列入同级财政预算，建立稳定的经费保障机制，并听取意见。';
    expect(compareDetail(central, local, document).map((d) => d.reason)).not.toContain('commitment added 列入同级财政预算');
    expect(compareDetail(central, local, central).map((d) => d.reason)).toContain('commitment added 列入同级财政预算');
  });
});

describe('the last article after a lost label', () => {
  it('opens when a space sets it off as a label, a few numbers on', () => {
    expect(paths('第一条 应当报告。', '第二条 可以协商。', '第四条 本条例自公布之日起施行。')).toEqual(['第一条', '第二条', '第四条']);
    // A citation runs on into its sentence, and a far number is no next article.
    expect(paths('第一条 应当报告。', '第二条 可以协商。', '第四条规定的事项除外。')).toEqual(['第一条', '第二条']);
    expect(paths('第一条 应当报告。', '第二条 可以协商。', '第九条 不得拒绝。')).toEqual(['第一条', '第二条']);
  });
});

describe('articles run on in one paragraph', () => {
  it('opens each next article set off after a sentence end', () => {
    expect(paths('第一章 总则', '第一条 空域应当统一管理。 第二条 飞行应当经过批准。 第三条 航空器不得擅自飞行。', '第二章 附则', '第四条 本规则自公布之日起施行。'))
      .toEqual(['第一章', '第一条', '第二条', '第三条', '第二章', '第四条']);
    // A citation of an article inside a paragraph, or a number out of sequence, opens nothing.
    expect(paths('第一条 应当报告。第五条规定的除外。 第九条 另有规定。', '第二条 可以协商。')).toEqual(['第一条', '第二条']);
  });
});
