import { describe, expect, it } from 'vitest';
import { classifyFile, scorePublic } from '../bench/eval-public.js';
import { classify } from '../pipeline/classify/index.js';
import { readHistory } from '../pipeline/classify/history.js';
import { docNumberIn } from '../pipeline/doc-number.js';
import { structure } from '../pipeline/structure/index.js';
import type { Paragraph } from '../pipeline/types.js';

const paras = (...texts: string[]): { paragraphs: Paragraph[]; changes: {} } => ({ paragraphs: texts.map((text) => ({ text })), changes: {} });
const meta = (...texts: string[]) => classify(structure(paras(...texts))[0]!).meta;

describe('classify real public documents (tuned files)', () => {
  it('reads a gov.cn page from its metadata table', async () => {
    const { meta: m } = await classifyFile('govcn-r02-opinion-guarantee-fund.html');
    expect(m).toMatchObject({
      title: '国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指导意见',
      type: 'opinion', issuer: '国务院办公厅', level: 'central', region: '全国', date: '2019-01-22', docNumber: '国办发〔2019〕6号',
    });
    expect(m.rules).toMatchObject({ title: 'metadata table 标题', issuer: 'metadata table 发文机关', date: 'metadata table 成文日期' });
  });

  it('recognises a reply to a CPPCC proposal', async () => {
    const { meta: m } = await classifyFile('govcn-r30-other-cppcc-proposal-reply-2005.html');
    expect(m).toMatchObject({ type: 'reply', issuer: '国务院办公厅', level: 'central', docNumber: '国办函〔2005〕69号' });
  });

  it('dates a law by its latest amendment and keeps its whole history', async () => {
    const { meta: m } = await classifyFile('pair03-central-wildlife.md');
    expect(m).toMatchObject({ type: 'law', issuer: '全国人民代表大会常务委员会', level: 'central', region: '全国', date: '2018-10-26' });
    expect(m.history!.map((h) => `${h.date} ${h.event}`)).toEqual([
      '1988-11-08 adopted', '2004-08-28 amended', '2009-08-27 amended', '2016-07-02 revised', '2018-10-26 amended',
    ]);
    expect(m.rules.date).toBe('latest adoption or revision');
  });

  it('places a provincial 实施办法 by the body that adopted it', async () => {
    const { meta: m } = await classifyFile('pair02-local-assembly.md');
    expect(m).toMatchObject({ type: 'regulation', issuer: '重庆市人民代表大会常务委员会', level: 'provincial', region: '重庆市', date: '2010-07-23' });
  });

  it('keeps a report title apart from its date line and speaker', async () => {
    const { meta: m } = await classifyFile('gwr-1957-national.txt');
    expect(m).toMatchObject({ title: '政府工作报告', type: 'work_report', issuer: '国务院', level: 'central', date: '1957-06-26' });
    expect(m.rules.date).toBe('date line under the title');
  });

  it('derives a title for a report without a title line, and says so', async () => {
    const { meta: m } = await classifyFile('gwr-2010-national.txt');
    expect(m).toMatchObject({ title: '政府工作报告', type: 'work_report', issuer: '国务院', level: 'central', date: '2010' });
    expect(m.rules.title).toMatch(/^derived/);
    const summary = (await classifyFile('gwr-1964-national.txt')).meta;
    expect(summary.title).toBe('政府工作报告（摘要）');
  });

  it('meets the field targets on the public corpus: ≥ 0.95 tuned, ≥ 0.90 held out', async () => {
    const { tuned, heldOut } = await scorePublic();
    for (const [field, s] of Object.entries(tuned)) expect(s.right / s.total, field).toBeGreaterThanOrEqual(0.95);
    for (const [field, s] of Object.entries(heldOut)) expect(s.right / s.total, field).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});

describe('classify rules', () => {
  it('keeps a —— line as the subtitle and a date line out of the title', () => {
    const m = meta('坚持和完善人民政协制度', '——在市政协十四届三次会议上的工作报告', '（2019年3月5日）', '张三', '各位委员：', '现在，我代表政协第十四届常务委员会向大会报告工作。');
    expect(m).toMatchObject({ title: '坚持和完善人民政协制度', subtitle: '在市政协十四届三次会议上的工作报告', date: '2019-03-05' });
  });

  it('never takes an adoption line for the title', () => {
    const m = meta('山东省实施《中华人民共和国环境影响评价法》办法', '2005年11月25日 山东省第十届人民代表大会常务委员会第十七次会议通过', '第一条 为了实施环境影响评价法，制定本办法。');
    expect(m).toMatchObject({ title: '山东省实施《中华人民共和国环境影响评价法》办法', type: 'regulation', issuer: '山东省人民代表大会常务委员会', level: 'provincial' });
  });

  it('classifies a traditional-script document like its simplified twin, keeping the text as written', () => {
    const trad = meta('國務院辦公廳關於加強政務公開工作的意見', '各省、自治區、直轄市人民政府：', '為進一步做好政務公開工作，現提出如下意見。');
    const simp = meta('国务院办公厅关于加强政务公开工作的意见', '各省、自治区、直辖市人民政府：', '为进一步做好政务公开工作，现提出如下意见。');
    expect(trad).toMatchObject({ type: simp.type, issuer: simp.issuer, level: simp.level, region: simp.region });
    expect(trad).toMatchObject({ type: 'opinion', issuer: '国务院办公厅', level: 'central' });
    expect(trad.title).toBe('國務院辦公廳關於加強政務公開工作的意見');
  });

  it('lets the issuer decide the level over the units a text calls its own', () => {
    const m = meta('青岛市人民政府关于推进政务公开的通知', '各区、市人民政府：', '全省各地要结合本省实际，我省各部门要做好工作，全省上下……');
    expect(m).toMatchObject({ type: 'notice', issuer: '青岛市人民政府', level: 'municipal', region: '青岛市' });
  });

  it('reads several history events written on one line, oldest first', () => {
    const h = readHistory('2013年11月21日 上海市第十四届人民代表大会常务委员会第九次会议修订根据2017年11月23日上海市第十四届人民代表大会常务委员会第四十一次会议《关于修改本市部分地方性法规的决定》第二次修正');
    expect(h).toEqual([
      { date: '2013-11-21', event: 'revised', body: '上海市第十四届人民代表大会常务委员会第九次会议' },
      { date: '2017-11-23', event: 'amended', body: '上海市第十四届人民代表大会常务委员会第四十一次会议' },
    ]);
  });

  it('normalizes 发文字号 brackets', () => {
    expect(docNumberIn('鲁政发[2020]12号')).toBe('鲁政发〔2020〕12号');
    expect(docNumberIn('国办函（2006）82号')).toBe('国办函〔2006〕82号');
    expect(docNumberIn('国发〔2019〕5号')).toBe('国发〔2019〕5号');
  });
});
