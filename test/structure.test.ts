import { describe, expect, it } from 'vitest';
import { classify, closeBrokenWords, documentId } from '../pipeline/classify/index.js';
import { structure } from '../pipeline/structure/index.js';
import { chineseNumber, inlineEnumeration, matchLabel } from '../pipeline/structure/labels.js';
import { headingOf } from '../pipeline/structure/tree.js';
import { extract } from '../pipeline/extract/index.js';
import { normalize } from '../pipeline/normalize/index.js';
import type { Paragraph } from '../pipeline/types.js';
import { publicFile } from './helpers/public.js';

const paras = (...texts: string[]): { paragraphs: Paragraph[]; changes: Record<string, never> } => ({
  paragraphs: texts.map((text) => ({ text })),
  changes: {},
});

describe('labels', () => {
  it('parses Chinese numerals', () => {
    expect([chineseNumber('一'), chineseNumber('十'), chineseNumber('十五'), chineseNumber('二十三'), chineseNumber('两'), chineseNumber('一百零二')])
      .toEqual([1, 10, 15, 23, 2, 102]);
    expect(chineseNumber('年')).toBeNaN();
  });

  it('recognises each heading level, outermost first', () => {
    expect(matchLabel('一、总体要求')).toMatchObject({ kind: 'chapter', label: '一、', n: 1 });
    expect(matchLabel('( 三 )投身经济建设')).toMatchObject({ kind: 'section', label: '(三)', n: 3 });
    expect(matchLabel('（二）深入调查研究')).toMatchObject({ kind: 'section', label: '(二)' });
    expect(matchLabel('14.调研论证。')).toMatchObject({ kind: 'clause', label: '14.', n: 14 });
    expect(matchLabel('3、基本原则')).toMatchObject({ kind: 'clause', label: '3.' });
    expect(matchLabel('(2)具体措施')).toMatchObject({ kind: 'item', label: '(2)' });
    expect(matchLabel('第十二条 委员')).toMatchObject({ kind: 'article', label: '第十二条', n: 12 });
    expect(matchLabel('2.5 万元')).toBeNull();
    expect(matchLabel('2020 年')).toBeNull();
  });

  it('finds 一是…二是… enumerations only when they count up', () => {
    expect(inlineEnumeration('一是加强学习;二是完善制度。三是提升能力。').map((m) => m.label)).toEqual(['一是', '二是', '三是']);
    expect(inlineEnumeration('统一是前提,二是')).toEqual([]);
  });

  it('takes a heading up to its first 。 or a space before run-on body text', () => {
    expect(headingOf('调研论证。坚持不调研不协商')).toBe('调研论证');
    expect(headingOf(' 我县政协工作向基层延伸基本情况 2020 年,我县政协以“五个抓手”加强政协协商与基层协商有效衔接,推动政协工作向基层延伸取得较好成效')).toBe('我县政协工作向基层延伸基本情况');
    expect(headingOf('X X 年工作回顾')).toBe('X X 年工作回顾');
  });
});

describe('structure', () => {
  it('splits a bundle on 篇X: markers and drops the repeated page title', () => {
    const docs = structure(paras('篇一:网站标题', '正文一。', '篇二:网站标题', '正文二。'));
    expect(docs.map((d) => [d.piece, d.text])).toEqual([['篇一', '正文一。'], ['篇二', '正文二。']]);
  });

  it('splits only where at least two markers count up from 篇一: a memoir that says 篇一 once stays whole', () => {
    const memoir = paras('我的回忆', '篇一：童年。这一节写的是我在乡下的日子，父亲常说这是全书的开头。', '一九四九年春天，父亲回到了家乡。');
    const [doc, ...rest] = structure(memoir);
    expect(rest).toEqual([]);
    expect(doc!.piece).toBeNull();
    expect(doc!.text).toBe(memoir.paragraphs.map((p) => p.text).join('\n'));
    expect(structure(paras('篇二:标题', '正文二。', '篇一:标题', '正文一。')).map((d) => d.piece)).toEqual([null]);
  });

  it('keeps the prose before a bundle\'s first piece as a document of its own, but not a lone title line', () => {
    const note = '汇编说明：本汇编收录了两篇材料，供学习参考。';
    const docs = structure(paras('材料汇编', note, '篇一:标题', '正文一。', '篇二:标题', '正文二。'));
    expect(docs.map((d) => [d.piece, d.text])).toEqual([['篇前', `材料汇编\n${note}`], ['篇一', '正文一。'], ['篇二', '正文二。']]);
    expect(structure(paras('材料汇编', '篇一:标题', '正文一。', '篇二:标题', '正文二。')).map((d) => d.piece)).toEqual(['篇一', '篇二']);
  });

  it('puts the source\'s own signals on its only document, or on the first piece of a bundle', () => {
    const signals = { title: { value: '网站标题', signal: 'html <title>' } };
    expect(structure({ ...paras('标题', '正文。'), signals })[0]!.signals).toEqual(signals);
    const bundle = structure({ ...paras('篇一:网站标题', '正文一。', '篇二:网站标题', '正文二。'), signals });
    expect(bundle.map((d) => d.signals)).toEqual([signals, undefined]);
    expect(structure(paras('标题', '正文。'))[0]!).not.toHaveProperty('signals');
  });

  it('splits materials numbered (一)(二) inside a piece', () => {
    const docs = structure(paras('篇一:标题', '经验材料汇编', '甲区经验材料 (一)', '内容甲。', '乙区经验材料 (二)', '内容乙。', '篇二:标题', '正文二。'));
    expect(docs.map((d) => d.piece)).toEqual(['篇一/(一)', '篇一/(二)', '篇二']);
    expect(docs[1]!.titleCandidates).toEqual(['乙区经验材料 (二)']);
  });

  it('builds a clause tree whose offsets cut out each section, with clauses running on across chapters', () => {
    const [doc] = structure(paras(
      '关于加强协商的实施意见',
      '一、总体要求 1.重要意义。人民政协是专门协商机构。',
      '2.基本原则。坚持党的领导。',
      '二、主要形式',
      '3.专题协商会。区政协一般每年召开 1-2 次专题协商会。',
      '一是会前调研;二是会上交流。',
    ));
    const s = doc!.sections;
    expect(s.map((x) => x.path)).toEqual(['一', '一/1', '一/2', '二', '二/3', '二/3/一是', '二/3/二是']);
    const at = (path: string) => doc!.text.slice(s.find((x) => x.path === path)!.start, s.find((x) => x.path === path)!.end);
    expect(at('一/1')).toBe('1.重要意义。人民政协是专门协商机构。');
    expect(at('二/3')).toBe('3.专题协商会。区政协一般每年召开 1-2 次专题协商会。\n一是会前调研;二是会上交流。');
    expect(at('二/3/二是')).toBe('二是会上交流。');
    expect(s.find((x) => x.path === '二/3')!.heading).toBe('专题协商会');
  });

  it('does not open a clause for a number out of sequence', () => {
    const [doc] = structure(paras('一、情况', '1.第一条。', '5.不是条款而是正文。'));
    expect(doc!.sections.map((x) => x.path)).toEqual(['一', '一/1']);
  });

  it('recovers a heading level from a DOCX style when the label was lost', () => {
    const doc = structure({ paragraphs: [{ text: '总体要求', heading: 1 }, { text: '正文。' }, { text: '主要形式', heading: 1 }], changes: {} })[0]!;
    expect(doc.sections.map((x) => [x.path, x.heading])).toEqual([['一', '总体要求'], ['二', '主要形式']]);
  });

  it('structures a law: chapters beside articles cited alone, its # title no section', async () => {
    const [law] = structure(normalize(await extract(publicFile('pair03-central-wildlife.md'))));
    const top = law!.sections.filter((x) => x.depth === 1);
    expect(top.slice(0, 4).map((x) => [x.path, x.heading])).toEqual([
      ['第一章', '总则'], ['第一条', expect.stringMatching(/^为了保护野生动物/)], ['第二条', expect.any(String)], ['第三条', '野生动物资源属于国家所有'],
    ]);
    expect(top.filter((x) => x.kind === 'chapter').map((x) => x.label).slice(0, 3)).toEqual(['第一章', '第二章', '第三章']);
    expect(law!.sections.some((x) => x.heading === '中华人民共和国野生动物保护法')).toBe(false);
    const article = law!.sections.find((x) => x.path === '第三条')!;
    expect(law!.text.slice(article.start, article.end)).toMatch(/^第三条 野生动物资源属于国家所有。/);
  });

  it('structures an excerpt whose numbering starts mid-way, and numbering carried on across chapters', () => {
    const paths = (...t: string[]) => structure(paras(...t))[0]!.sections.map((x) => x.path);
    expect(paths('二、工作原则', '坚持党的领导。', '三、主要任务', '（一）加强协商。', '（二）完善制度。')).toEqual(['二', '三', '三/(一)', '三/(二)']);
    expect(paths('4.调研论证。每年开展调研。', '5.协商议题。每年提出议题。')).toEqual(['4', '5']);
    expect(paths('第十条 应当报告。', '第十一条 可以协商。')).toEqual(['第十条', '第十一条']);
    expect(paths('一、总体要求', '（一）指导思想。', '（二）基本原则。', '二、任务', '（三）明确范围。', '（四）聚焦。')).toEqual(['一', '一/(一)', '一/(二)', '二', '二/(三)', '二/(四)']);
    // A lone number with nothing after it in sequence is no label.
    expect(paths('二、这是唯一的一处', '正文。')).toEqual([]);
  });

  it('marks text a site cut short', () => {
    expect(structure(paras('标题', '正文在此被截断...'))[0]!.truncated).toBe(true);
    expect(structure(paras('标题', '正文完整。'))[0]!.truncated).toBe(false);
  });
});

describe('classify', () => {
  const draft = (titleCandidates: string[], text: string) => structure(paras(...titleCandidates, text)).map((d) => classify(d))[0]!;

  it('reads type, date and level of an opinion', () => {
    const d = draft(['关于加强人民政协 协商民主建设的实施意见 (2021-1-24)'], '为深入贯彻落实,结合 XX 区实际,现就加强我区人民政协协商民主建设提出如下实施意见。');
    expect(d.meta).toMatchObject({ title: '关于加强人民政协协商民主建设的实施意见', type: 'opinion', date: '2021-01-24', year: 2021, level: 'district', region: 'XX区' });
    expect(d.meta.rules.type).toBe('title:意见/方案/决定');
  });

  it('detects a central issuer', () => {
    const d = draft(['中共中央办公厅关于加强人民政协协商民主建设的实施意见'], '各省、自治区、直辖市党委。');
    expect(d.meta).toMatchObject({ issuer: '中共中央办公厅', level: 'central', type: 'opinion' });
  });

  it('takes a two-line title after a series line, and reads the type from the series line', () => {
    const d = draft(['政协经验汇报材料 (一)', '发挥政协基层组织作用', '推进基层协商民主建设'], '各位委员:我县政协工作取得成效。');
    expect(d.meta).toMatchObject({ title: '发挥政协基层组织作用 推进基层协商民主建设', type: 'experience' });
  });

  it('closes spaces that PDF export put inside a word, not between phrases', () => {
    expect(closeBrokenWords('区政协加强协商民 主建设经验汇报材料')).toBe('区政协加强协商民主建设经验汇报材料');
    expect(closeBrokenWords('发挥政协基层组织作用 推进基层协商民主建设')).toBe('发挥政协基层组织作用 推进基层协商民主建设');
  });

  it('gives the same text the same id', () => {
    expect(documentId('同一文本')).toBe(documentId('同一文本'));
    expect(documentId('同一文本')).not.toBe(documentId('另一文本'));
  });
});

describe('paths', () => {
  it('stay unique when one section has several enumerated paragraphs', () => {
    const [doc] = structure(paras('一、情况', '一是甲;二是乙。', '一是丙;二是丁。'));
    expect(doc!.sections.map((s) => s.path)).toEqual(['一', '一/一是', '一/二是', '一/一是-2', '一/二是-2']);
  });
});
