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
