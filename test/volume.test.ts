import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../pipeline/extract/index.js';
import { normalize } from '../pipeline/normalize/index.js';
import { splitVolume, type VolumePiece } from '../pipeline/structure/volume.js';
import type { Paragraph } from '../pipeline/types.js';
import { ROOT, SEED } from './helpers/cli.js';

const WENSHI = join(ROOT, 'corpus', 'wenshi');

/** The file as the pipeline sees it after extract + normalize. */
async function normalized(path: string): Promise<Paragraph[]> {
  return normalize(await extract({ path, bytes: readFileSync(path) })).paragraphs;
}

/** The file's blank-line paragraphs with whitespace collapsed, as a cleaner extractor would give them. */
async function plain(path: string): Promise<Paragraph[]> {
  const { blocks } = await extract({ path, bytes: readFileSync(path) });
  return blocks.map((b) => ({ text: b.text.replace(/\s+/g, ' ').trim() }));
}

const meta = (p: VolumePiece) => ({ title: p.title, author: p.author, narrator: p.narrator, pageRange: p.pageRange });
const textOf = (p: VolumePiece) => p.paragraphs.map((q) => q.text).join('\n');

describe('splitVolume with a 目录', () => {
  const expected = [
    { title: '桐溪城解放前后见闻', author: '刘文清', narrator: '王振华', pageRange: [1, 6] },
    { title: '民国二十六年的抗日救亡宣传队', author: '陈子敬', narrator: null, pageRange: [7, 11] },
    { title: '甲申年的那场大水', author: '赵立群', narrator: '周秀英', pageRange: [12, 15] },
    { title: '桐溪县立中学创办始末', author: '何明远', narrator: null, pageRange: [16, 20] },
    { title: '我所知道的裕丰商号', author: '孙庆余', narrator: null, pageRange: [21, 25] },
    { title: '编后记', author: null, narrator: null, pageRange: [26, 26] },
  ];

  it.each([['after extract + normalize', normalized], ['on clean paragraphs', plain]])('splits volume.txt into its articles %s', async (_how, read) => {
    const pieces = splitVolume(await read(join(WENSHI, 'volume.txt')))!;
    expect(pieces.map(meta)).toEqual(expected);
    expect(new Set(pieces.map((p) => `${p.collection} ${p.volume}`))).toEqual(new Set(['桐溪县文史资料 第三辑']));
    // Each article holds its own text from heading to last line, and nothing of its neighbours.
    expect(textOf(pieces[1]!)).toMatch(/^民国二十六年的抗日救亡宣传队\n陈子敬\n民国二十六年七月/);
    expect(textOf(pieces[1]!)).toMatch(/两个人都很感慨。$/);
    expect(textOf(pieces[2]!)).toContain('——柳家湾水灾亲历');
    expect(textOf(pieces[4]!)).toMatch(/一九八七年五月于桐溪$/);
    expect(pieces.some((p) => textOf(p).includes('目录') || textOf(p).includes('（16）'))).toBe(false);
    // The running head printed inside article 2 is page furniture.
    expect(textOf(pieces[1]!)).not.toContain('桐溪县文史资料 第三辑');
  });

  it('takes page ranges from the paragraphs when the source has pages', () => {
    const paras: Paragraph[] = [
      { text: '《青山文史资料》第一辑', page: 1 },
      { text: '目录', page: 2 },
      { text: '老街记忆……张明远（1）', page: 2 },
      { text: '渡口旧事……李国华口述 王平整理（3）', page: 2 },
      { text: '老街记忆', page: 3 },
      { text: '张明远', page: 3 },
      { text: '老街在镇子的东头。', page: 3 },
      { text: '街上有三家茶馆。', page: 4 },
      { text: '渡口旧事', page: 5 },
      { text: '李国华 口述 王平 整理', page: 5 },
      { text: '渡口在河的南岸。', page: 6 },
    ];
    const pieces = splitVolume(paras)!;
    expect(pieces.map(meta)).toEqual([
      { title: '老街记忆', author: '张明远', narrator: null, pageRange: [3, 4] },
      { title: '渡口旧事', author: '王平', narrator: '李国华', pageRange: [5, 6] },
    ]);
    expect(pieces[0]!.collection).toBe('青山文史资料');
    expect(pieces[0]!.volume).toBe('第一辑');
  });

  it('finds a heading that lost characters in scanning by its closeness to the 目录 entry', () => {
    const pieces = splitVolume([
      { text: '目 录' },
      { text: '回忆县城第一所女子学校…………周兰芳（1）' },
      { text: '抗战时期的难民收容所…………吴德明（9）' },
      { text: '回忆县城第一所女千学校' },
      { text: '周兰芳' },
      { text: '民国二十年，县城办起了第一所女子学校。' },
      { text: '抗战时期的难民收容斫' },
      { text: '吴德明' },
      { text: '民国二十七年，收容所设在城隍庙。' },
    ])!;
    expect(pieces.map((p) => [p.title, p.author])).toEqual([['回忆县城第一所女千学校', '周兰芳'], ['抗战时期的难民收容斫', '吴德明']]);
  });
});

describe('splitVolume without a 目录', () => {
  it.each([['after extract + normalize', normalized], ['on clean paragraphs', plain]])('splits volume-notoc.txt on headings and bylines %s', async (_how, read) => {
    const pieces = splitVolume(await read(join(WENSHI, 'volume-notoc.txt')))!;
    expect(pieces.map(meta)).toEqual([
      { title: '前言', author: null, narrator: null, pageRange: null },
      { title: '白沙乡农民协会的片断回忆', author: '郑晓梅', narrator: '林长庚', pageRange: null },
      { title: '记桐溪第一座电站', author: '黄德华', narrator: null, pageRange: null },
      { title: '我的父亲郑伯川', author: '郑怀远', narrator: null, pageRange: null },
    ]);
    expect(pieces.every((p) => p.collection === '桐溪县文史资料' && p.volume === '第五辑')).toBe(true);
    expect(textOf(pieces[2]!)).toMatch(/^记桐溪第一座电站\n撰稿：黄德华\n桐溪县城第一次亮起电灯/);
    expect(textOf(pieces[3]!)).toMatch(/享年六十四岁。$/);
  });
});

describe('splitVolume leaves other documents alone', () => {
  it('returns null for the seed page of policy documents', async () => {
    expect(splitVolume(await normalized(SEED))).toBeNull();
  });

  it('returns null for a single article with a byline', () => {
    expect(splitVolume([{ text: '老街记忆' }, { text: '张明远 撰稿' }, { text: '老街在镇子的东头。' }])).toBeNull();
  });

  it('does not split a report on the chapters of its 目录', () => {
    expect(splitVolume([
      { text: '目录' }, { text: '第一章 总则……1' }, { text: '第二章 协商内容……3' },
      { text: '第一章 总则' }, { text: '第一条 为了规范协商工作，制定本规则。' },
      { text: '第二章 协商内容' }, { text: '第二条 协商内容包括重大问题。' },
    ])).toBeNull();
  });

  it('does not read a sentence about someone editing something as a byline', () => {
    expect(splitVolume([
      { text: '工作总结' }, { text: '王明整理的材料表明，今年完成了任务。' },
      { text: '工作计划' }, { text: '李华整理的意见已经上报。' },
    ])).toBeNull();
  });
});

describe('splitVolume and statutes', () => {
  it('never splits a law whose articles hold byline-like phrases (会计账簿记录 read as a byline)', () => {
    const law = [
      '中华人民共和国会计法',
      '第一章 总则',
      '第一条 为了规范会计行为，保证会计资料真实、完整，制定本法。',
      '第二条 会计工作应当贯彻落实党和国家路线方针政策、决策部署。',
      '第十七条 各单位应当定期将会计账簿记录与实物、款项及有关资料相互核对，保证会计账簿记录与实物及款项的实有数额相符、会计账簿记录与会计凭证的有关内容相符、会计账簿之间相对应的记录相符、会计账簿记录与会计报表的有关内容相符。',
      '第十八条 各单位采用的会计处理方法，前后各期应当一致，不得随意变更。',
    ].map((text): Paragraph => ({ text }));
    expect(splitVolume(law)).toBeNull();
  });
});
