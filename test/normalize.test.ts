/**
 * The normalize stage on the real seed page (chrome, scrape noise, PDF damage) and on synthetic
 * input, plus a seeded noise-injection accuracy check.
 * @module
 */
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { extract } from '../pipeline/extract/index.js';
import { compileChromeRules } from '../pipeline/normalize/chrome.js';
import { normalize } from '../pipeline/normalize/index.js';
import { noiseMarks } from '../pipeline/normalize/noise.js';
import { halfWidth } from '../pipeline/normalize/width.js';
import type { Block, Extraction, Normalized } from '../pipeline/types.js';
import { uniform } from '../pipeline/prng.js';
import { publicFile } from './helpers/public.js';

const SEED = new URL('../corpus/seed/000_7bf2245de4f05e93.txt', import.meta.url);

function extraction(blocks: readonly (string | Block)[]): Extraction {
  return {
    format: 'txt',
    mediaType: 'text/plain',
    encoding: 'UTF-8',
    pages: null,
    blocks: blocks.map((b) => (typeof b === 'string' ? { text: b } : b)),
  };
}

const texts = (n: Normalized): string[] => n.paragraphs.map((p) => p.text);

// The TXT extractor's view of the seed: UTF-8 text split on blank lines, indentation kept.
const seedRaw = readFileSync(SEED, 'utf8');
const seed = normalize(extraction(seedRaw.split('\n\n')));
const seedText = texts(seed).join('\n\n');

/** Paragraphs of one bundle piece (`篇五`), marker line excluded. */
function piece(name: string, from: readonly string[] = texts(seed)): string[] {
  const start = from.findIndex((t) => t.startsWith(`${name}:`));
  let end = start + 1;
  while (end < from.length && !/^篇[一二三四五六七八九十]+:/.test(from[end]!)) end++;
  return from.slice(start + 1, end);
}

describe('normalize on the seed page', () => {
  it('removes the web chrome and keeps the piece markers and the real 内容提要', () => {
    for (const chrome of ['欢迎来到文驰范文网', '来源:文池范文网', '户外活动主持人演讲稿', '123下一页', '小编', '相关文章', '老年大学']) {
      expect(seedText).not.toContain(chrome);
    }
    for (const n of ['一', '二', '三', '四', '五', '六']) {
      expect(texts(seed)).toContain(`篇${n}:区委关于进一步加强人民政协协商民主建设的意见`);
    }
    expect(texts(seed)[0]).toBe('篇一:区委关于进一步加强人民政协协商民主建设的意见');
    expect(texts(seed).some((t) => t.startsWith('【内容提要】以加强政协协商与基层协商有效衔接'))).toBe(true);
    expect(seed.changes.web_chrome).toBeGreaterThanOrEqual(7);
  });

  it('removes the scrape-guard noise of 篇二 and rejoins the split words', () => {
    const p2 = piece('篇二').join('\n');
    expect(p2).toContain('加强人民政协协商民主建设的重要意义');
    for (const fixed of ['明确政协协商的内容', '一年来,在《中共中央', '作为具有一定代表性和影响力', '和各族各界人士充分利用', '对进一步加强政协协商的重要意义', '中国特色社会主义政治发展道路', '言无不尽的良好协商氛围']) {
      expect(p2).toContain(fixed);
    }
    expect(piece('篇二').some((t) => t.startsWith('要继承和弘扬人民政协重视学习的优良传统'))).toBe(true);
    expect(p2).not.toMatch(/[\p{Co}③⑺ブぐ┪┭аī]/u);
    // The only space left between Han characters is the author's, between two titles.
    expect([...p2.matchAll(/\p{Script=Han} +\p{Script=Han}/gu)].map((m) => m[0])).toEqual(['得 学']);
    // Spacing that belongs to the text stays.
    expect(p2).toContain('XX 年 6 月,中央办公厅');
    expect(p2).toContain('2016 年是我国');
    expect(seed.changes.scrape_noise).toBeGreaterThanOrEqual(100);
  });

  it('undoes doubled list labels', () => {
    expect(texts(seed)).toContain('加强协商民主建设经验汇报材料 5篇');
    const p6 = piece('篇六').join('\n');
    expect(p6).toContain('基本原则 1、重大意义。');
    expect(p6).toContain('\n2、总体要求。');
    expect(seedText).not.toMatch(/(\d) \1 ?[、篇]/);
    expect(seed.changes.doubled_label).toBe(20);
  });

  it('removes the page numbers of 篇五 and nothing else numeric', () => {
    const p5 = piece('篇五');
    const joined = p5.join('\n');
    expect(joined).toContain('中央政协工作会议精神,高举中国特色社会主义伟大旗帜');
    expect(joined).toContain('财政预决算报告');
    expect(joined).toContain('对口协商、界别协商和重点提案办理协商');
    expect(joined).toContain('与提案者进行深入沟通协商');
    expect(p5.some((t) => t.startsWith('10.对口协商。'))).toBe(true);
    expect(p5.some((t) => t.startsWith('16.协商成果的转化落实。'))).toBe(true);
    expect(p5.filter((t) => /^\d+ /.test(t))).toEqual([]);
    expect(joined).toContain('每年召开 1-2 次专题协商会');
    expect(joined).toContain('(2021-1-24)');
    expect(seedText).toContain('2020 年,我县政协');
    expect(seed.changes.page_number).toBe(9);
  });

  it('joins lines broken inside sentences but not headings or titles', () => {
    for (const joined of ['对在乡镇(街道)设立政协基层组织', '政协协商的要求,是面临', '发挥其丰富的法律知识', '进一步强化了责任担当。', '中国梦作出更大贡献', '《关于加强新时代人民政协党的建设工作的若干意见》']) {
      expect(seedText).toContain(joined);
    }
    for (const own of ['发挥政协基层组织作用', '推进基层协商民主建设', '各位委员:', '( 一 )推动民主协商,凝聚发展共识', '区关于加强新时代人民政协党的建设工作的实施意见', '政协加强协商民主建设经验汇报材料 (一)', '工作报告']) {
      expect(texts(seed)).toContain(own);
    }
    expect(texts(seed)).not.toContain('。');
    expect(seed.changes.line_join).toBeGreaterThanOrEqual(40);
  });

  it('leaves clean pieces word for word (only whitespace and page-broken lines change)', () => {
    const raw = seedRaw.split('\n\n').map((t) => t.trim());
    const strip = (ps: string[]): string => ps.join('').replace(/\s+/g, '');
    for (const name of ['篇三', '篇四']) expect(strip(piece(name))).toBe(strip(piece(name, raw)));
    expect(seedText).toContain('我发言的题目是《发挥政协基层组织作用 推进基层协商民主建设》。');
    expect(seedText).toContain('过去的一年,XX 区政协');
    expect(seedText).toContain('(一)坚定“一个方向* * 始终把握履职原则。');
    expect(seedText).toContain('鼓励委...');
  });

  it('is idempotent: a second pass changes nothing', () => {
    const again = normalize(extraction(seed.paragraphs));
    const text = (ps: { text: string }[]) => ps.map((p) => p.text);
    expect(text(again.paragraphs)).toEqual(text(seed.paragraphs));
    expect(again.changes).toEqual({});
  });
});

describe('normalize on synthetic input', () => {
  it('removes chrome of another template site by the generic patterns', () => {
    const out = normalize(extraction([
      '欢迎访问第一范文网！',
      '关于做好政协提案工作的意见',
      '发布时间：2023-01-02 09:00 来源：第一范文网 作者：佚名',
      '下面是小编为大家收集的关于做好政协提案工作的意见，供大家参考。',
      '关于做好政协提案工作的意见',
      '为做好提案工作，现提出如下意见。',
      '对提案办理工作 12下一页进行督查。',
      '上一篇：关于某某的通知',
      '【关于做好政协提案工作的意见】相关推荐：',
      '1.某某工作总结(3篇)',
      '2.某某心得体会',
    ]));
    expect(texts(out)).toEqual(['关于做好政协提案工作的意见', '为做好提案工作，现提出如下意见。', '对提案办理工作进行督查。']);
    expect(out.changes.web_chrome).toBe(9);
  });

  it('ends the related-articles tail at the first long paragraph', () => {
    const long = '这是一段很长的正文，'.repeat(10);
    const out = normalize(extraction(['正文。', '相关文章：', '1.短标题', long]));
    expect(texts(out)).toEqual(['正文。', long]);
  });

  it('fails loudly on a broken chrome pattern, naming it', () => {
    const bad = { dropParagraph: [{ name: 'oops', pattern: '(' }], pageTitle: [], inline: [], tail: { start: 'x', maxItemLength: 1 } };
    expect(() => compileChromeRules(bad)).toThrow(/dropParagraph\.oops/);
  });

  it('converts full-width digits and letters but keeps CJK punctuation and traditional characters', () => {
    const out = normalize(extraction(['２０２０年ＸＸ區召開雙月協商座談會，共ａｂ兩場。']));
    expect(texts(out)).toEqual(['2020年XX區召開雙月協商座談會，共ab兩場。']);
    expect(out.changes.full_width).toBe(8);
  });

  it('tidies whitespace without gluing XX 区 or 2020 年', () => {
    const out = normalize(extraction(['  政协\u3000XX  区 2020 年\u00a0会议\u200b召开。  ', '   ', '']));
    expect(texts(out)).toEqual(['政协 XX 区 2020 年 会议召开。']);
    expect(out.changes.whitespace).toBeGreaterThanOrEqual(2);
  });

  it('unwraps a hard-wrapped block: no space between Chinese characters, one beside a number', () => {
    const out = normalize(extraction(['区政协召开专题协商会,围绕民主\n  监督开展协商,共有提案2020\r\n年度提案 30 件。']));
    expect(texts(out)).toEqual(['区政协召开专题协商会,围绕民主监督开展协商,共有提案2020 年度提案 30 件。']);
    expect(out.changes.line_join).toBe(2);
  });

  it('keeps lines its author ended as paragraphs: a 目录, a byline, a title page', () => {
    const out = normalize(extraction(['目  录\n桐溪城解放前后见闻……王振华口述（1）\n甲申年的那场大水……周秀英口述（12）', '作者 孙庆余\n民国二十六年七月,卢沟桥事变的消息传到桐溪。']));
    expect(texts(out)).toEqual(['目 录', '桐溪城解放前后见闻……王振华口述（1）', '甲申年的那场大水……周秀英口述（12）', '作者 孙庆余', '民国二十六年七月,卢沟桥事变的消息传到桐溪。']);
  });

  it('folds a stray punctuation line into an unfinished sentence, drops it after a finished one', () => {
    expect(texts(normalize(extraction(['这是一句话。', '。', '下一段。'])))).toEqual(['这是一句话。', '下一段。']);
    expect(texts(normalize(extraction(['这一句还没有说完,就断开了', '。'])))).toEqual(['这一句还没有说完,就断开了。']);
  });

  it('follows the page sequence: real numbers and clause labels stay', () => {
    const out = normalize(extraction([
      '2.总体要求。贯彻落实党的十九大和中央政协工作会议',
      '  2 精神,认真贯彻落实中央部署,国民经济和社会发展计划报告、财政预',
      '  3 决算报告。',
      '  5 10.对口协商。明确对口联系的职能部门。',
      '11.界别协商。召开会议,会议共有',
      '12 个界别参加。',
      '2020 年,我们开展了协商。',
    ]));
    expect(texts(out)).toEqual([
      '2.总体要求。贯彻落实党的十九大和中央政协工作会议精神,认真贯彻落实中央部署,国民经济和社会发展计划报告、财政预决算报告。',
      '10.对口协商。明确对口联系的职能部门。',
      '11.界别协商。召开会议,会议共有12 个界别参加。',
      '2020 年,我们开展了协商。',
    ]);
    expect(out.changes.page_number).toBe(3);
  });

  it('never joins across a format heading and keeps heading and page on the first half', () => {
    const out = normalize(extraction([
      { text: '第一章 总则', heading: 1, page: 1 },
      { text: '为了规范政协协商工作,根据有关规定,结合本区', page: 1 },
      { text: '实际,制定本办法。', page: 2 },
    ]));
    expect(out.paragraphs).toEqual([
      { text: '第一章 总则', heading: 1, page: 1 },
      { text: '为了规范政协协商工作,根据有关规定,结合本区实际,制定本办法。', page: 1, changes: { line_join: 1 } },
    ]);
  });

  it('keeps change counts per paragraph, so each document of a bundle reports its own', () => {
    const out = normalize(extraction([
      { text: '篇一:网站标题' },
      { text: '第一篇正文 1 1 、重大意义。' },
      { text: '篇二:网站标题' },
      { text: '第二篇正文没有改动。' },
    ]));
    expect(out.paragraphs.map((p) => p.changes ?? {})).toEqual([{}, { doubled_label: 1 }, {}, {}]);
    expect(out.changes).toEqual({ doubled_label: 1 });
  });
});

// ---- Noise injection: clean text, scrape-guard noise added the way 篇二 has it, normalized back.


const COMMON = [...'的是在了和有人不为中大上国我以要他时来们生到作地于出就分对成会可主发年动同工也能下过王召密相'];

/** A stray character: random or common CJK, private-use, circled digit, Latin (not the placeholder X), katakana, box drawing, Cyrillic. */
function strayChar(rnd: () => number): string {
  const pick = (from: number, to: number): string => String.fromCodePoint(from + Math.floor(rnd() * (to - from + 1)));
  const k = rnd();
  if (k < 0.35) return pick(0x4e00, 0x9fa5);
  if (k < 0.55) return COMMON[Math.floor(rnd() * COMMON.length)]!;
  if (k < 0.65) return pick(0xe000, 0xf8ff);
  if (k < 0.72) return pick(0x2460, 0x2473);
  if (k < 0.79) return pick(0x30a1, 0x30f6);
  if (k < 0.86) return 'ABCDEFGHIJKLMNOPQRSTUVWYZ'[Math.floor(rnd() * 25)]!;
  if (k < 0.93) return pick(0x2500, 0x257f);
  return pick(0x430, 0x44f);
}

/** Every 20–30 characters, between two Chinese characters or marks: ` x ` mostly, ` x`/`x ` sometimes, a bare double space sometimes. */
function injectNoise(text: string, rnd: () => number): string {
  const chars = Array.from(text);
  const inWord = (c: string | undefined): boolean => c !== undefined && !/[\sA-Za-z0-9]/.test(c);
  let out = '';
  let gap = 20 + Math.floor(rnd() * 11);
  for (let i = 0; i < chars.length; i++) {
    out += chars[i];
    if (--gap > 0 || !inWord(chars[i]) || !inWord(chars[i + 1])) continue;
    const k = rnd();
    const x = strayChar(rnd);
    out += k < 0.7 ? ` ${x} ` : k < 0.8 ? ` ${x}` : k < 0.9 ? `${x} ` : '  ';
    gap = 20 + Math.floor(rnd() * 11);
  }
  return out;
}

function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

describe('noise injection', () => {
  it('restores clean text to ≥ 99% character accuracy', () => {
    const clean = [...piece('篇三'), ...piece('篇五')];
    const accuracies: number[] = [];
    for (const s of [1, 2, 3, 4, 5]) {
      const rnd = uniform(s);
      const noisy = clean.map((t) => injectNoise(t, rnd));
      const restored = texts(normalize(extraction(noisy)));
      expect(restored).toHaveLength(clean.length);
      let distance = 0;
      let length = 0;
      clean.forEach((t, i) => {
        distance += editDistance(restored[i]!, t);
        length += Array.from(t).length;
      });
      const noisyDistance = clean.reduce((n, t, i) => n + editDistance(noisy[i]!, t), 0);
      accuracies.push(1 - distance / length);
      // Sanity: the injection really damaged the text.
      expect(1 - noisyDistance / length).toBeLessThan(0.95);
    }
    const mean = accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
    console.log(`noise injection: character accuracy ${accuracies.map((a) => a.toFixed(4)).join(', ')} (mean ${mean.toFixed(4)})`);
    for (const a of accuracies) expect(a).toBeGreaterThanOrEqual(0.99);
  });
});

describe('normalize carries what the source says about itself', () => {
  it('passes the extraction\'s signals on untouched', () => {
    const signals = { title: { value: '中华人民共和国防洪法', signal: 'markdown heading' } };
    expect(normalize({ ...extraction(['正文。']), signals }).signals).toBe(signals);
    expect(normalize(extraction(['正文。']))).not.toHaveProperty('signals');
  });

  it('keeps a Markdown law\'s adoption lines apart, joining only a line whose 《 is still open', async () => {
    const n = normalize(await extract(publicFile('pair05-central-deputies.md')));
    expect(texts(n).slice(0, 6)).toEqual([
      '中华人民共和国全国人民代表大会和地方各级人民代表大会代表法',
      '1992年4月3日 第七届全国人民代表大会第五次会议通过',
      '2009年8月27日 第十一届全国人民代表大会常务委员会第十次会议《关于修改部分法律的决定》第一次修正',
      '2010年10月28日 第十一届全国人民代表大会常务委员会第十七次会议《关于修改<中华人民共和国全国人民代表大会和地方各级人民代表大会代表法>的决定》第二次修正',
      '2015年8月29日 第十二届全国人民代表大会常务委员会第十六次会议《关于修改<中华人民共和国地方各级人民代表大会和地方各级人民政府组织法><中华人民共和国全国人民代表大会和地方各级人民代表大会选举法><中华人民共和国全国人民代表大会和地方各级人民代表大会代表法>的决定》第三次修正',
      '第一章 总则',
    ]);
    expect(n.paragraphs[0]!.heading).toBe(1);
  });
});

describe('normalize never deletes a character of real text', () => {
  const GOVCN = ['govcn-r02-opinion-guarantee-fund.html', 'govcn-r05-opinion-bonded-zones.html', 'govcn-r06-notice-kindergartens.html',
    'govcn-r13-opinion-law-enforcement-3-systems.html', 'govcn-r17-opinion-gov-new-media.html',
    'govcn-r30-other-cppcc-proposal-reply-2005.html', 'govcn-r40-notice-cotton-grain-1981.html'];
  const bare = (s: string): string => halfWidth(s).text.replace(/\s+/g, '');

  it.each(GOVCN)('%s: the body cell and the metadata table survive whole', async (name) => {
    const file = publicFile(name);
    const $ = cheerio.load(file.bytes.toString('utf8'));
    const body = bare($('#UCAP-CONTENT').text());
    const all = bare(texts(normalize(await extract(file))).join(''));
    expect(body.length).toBeGreaterThan(300);
    expect(all).toContain(body);
    // The spaced labels of the metadata table, which look like scrape-guard islands.
    for (const label of ['索引号：', '主题分类：', '发文机关：', '成文日期：', '标题：', '发文字号：', '发布日期：', '主题词：']) expect(all).toContain(label);
  });

  it('keeps a gov.cn metadata table\'s cells apart: a tab is a cell edge, not a scrape-guard gap', async () => {
    const n = texts(normalize(await extract(publicFile('govcn-r02-opinion-guarantee-fund.html')))).join('\n');
    expect(n).toContain('索 引 号： 000014349/2019-00006 主题分类： 财政、金融、审计\\银行');
    expect(n).toContain('发文机关： 国务院办公厅 成文日期： 2019年01月22日');
    const table = texts(normalize(extraction([
      '发文机关： \t国务院办公厅 \t成文日期： \t2019年01月22日', '发文字号： \t国办发〔2019〕6号 \t发布日期： \t2019年02月14日',
      '主题分类： \t财政 \t公开方式： \t主动公开',
    ])));
    expect(table.join('\n')).toContain('发文机关： 国务院办公厅 成文日期： 2019年01月22日');
    expect(table.join('\n')).toContain('主题分类： 财政 公开方式： 主动公开');
  });

  it('spares labels and lines spaced letter by letter even inside a noisy region', () => {
    // Three paragraphs salted by the guard around a spaced label and a letter-spaced title.
    const noisy = piece('篇二', seedRaw.split('\n\n').map((t) => t.trim())).filter((t) => noiseMarks(t) >= 3).slice(0, 3);
    expect(noisy).toHaveLength(3);
    const out = texts(normalize(extraction([noisy[0]!, '主 题 词：', noisy[1]!, '几 个 问 题 的 通 知', noisy[2]!])));
    expect(out).toContain('主 题 词：');
    expect(out.join('\n')).toContain('几 个 问 题 的 通 知');
    expect(out.join('').length).toBeLessThan(noisy.join('').length);
  });
});

describe('cleanup of other sites', () => {
  const html = (blocks: readonly string[]): Extraction => ({ ...extraction(blocks), format: 'html', mediaType: 'text/html' });

  it('removes a wiki page\'s licence notice and the template fields after it, counted as site_footer', async () => {
    const n = normalize(await extract(publicFile('gwr-1954-national.txt')));
    expect(n.changes.site_footer).toBe(3);
    expect(texts(n).at(-1)).toMatch(/把我們國家的各項事業推向新的更大的勝利。$/);
    for (const gone of ['本作品', '公有领域', '维基文库', 'Public domain', 'false']) expect(texts(n).join('\n')).not.toContain(gone);
  });

  it('removes the traditional-script notice too', async () => {
    const n = normalize(await extract(publicFile('wenshi-1921-beijing-communist-group-report.txt')));
    expect(n.changes.site_footer).toBe(2);
    expect(texts(n).at(-1)).toMatch(/大会的责任看来是不轻的。$/);
    expect(texts(n).join('\n')).not.toMatch(/這部作品|公有領域|Public domain/);
  });

  it('keeps a licence sentence that real text follows: only a whole footer at the end goes', () => {
    const notice = '本作品是中华人民共和国的\n法律\n，属于\n公有领域\n。';
    const out = normalize(extraction(['正文第一段。', notice, '这是后面的正文，说明本作品的来历。']));
    expect(out.changes.site_footer).toBeUndefined();
    expect(texts(out).join('')).toContain('属于公有领域。');
  });

  it('removes footnote markers, not bracketed numbers that are text', () => {
    const out = normalize(extraction([
      '会议通过了宪法[1]，并通过了几个重要的法律[註 2]。', '↑ 见《人民日报》1954年9月24日。', '依据国发[2019]5号文件办理。', '[3] 参考文献条目。',
    ]));
    expect(texts(out)).toEqual(['会议通过了宪法，并通过了几个重要的法律。', '见《人民日报》1954年9月24日。', '依据国发[2019]5号文件办理。', '[3] 参考文献条目。']);
    expect(out.changes.footnote_marker).toBe(3);
  });

  it('removes breadcrumbs, site tools and aggregator metadata lines, and keeps a byline', () => {
    const out = normalize(extraction([
      '首页 > 政策 > 国务院文件', '当前位置：首页 > 新闻中心', '设为首页 | 加入收藏', '关于加强政协协商的意见',
      '来源：中国知网 作者：张三 被引：12 下载：340', '上传者：wenku01 浏览次数：1024', '正文一段。', '作者：孙庆余', '扫一扫在手机打开当前页',
    ]));
    expect(texts(out)).toEqual(['关于加强政协协商的意见', '正文一段。', '作者：孙庆余']);
    expect(out.changes.web_chrome).toBe(6);
  });

  it('removes leftover markup and keeps the text it wrapped, and angle brackets used as title marks', () => {
    const out = normalize(html([
      '# 关于加强协商的意见', '<!-- INFO END --><p>正文<br/>继续，<span style="x">重点</span>在于**落实**。</p>',
      '依照<中华人民共和国港口法>和[实施办法](http://example.cn/a.html)执行。',
    ]));
    expect(texts(out)).toEqual(['关于加强协商的意见', '正文继续，重点在于落实。', '依照<中华人民共和国港口法>和实施办法执行。']);
    expect(out.changes.markup).toBe(11);
  });

  it('keeps the tags a plain text\'s author wrote (only a web page\'s are leftovers), and drops Markdown marks from any text', () => {
    const tags = '二、不得以<b>任何理由</b>拖延。';
    expect(texts(normalize(extraction([tags, '这是**重点**。'])))).toEqual([tags, '这是重点。']);
    expect(texts(normalize(extraction(['欢迎来到第一范文网!', tags])))).toEqual(['二、不得以任何理由拖延。']);
  });
});

describe('the site-blurb rule reads site phrasing, on web pages only', () => {
  const memoir = '我的老战友、报社编辑王明整理了父亲留下的日记，我把其中几段抄在这里，供大家参考。';
  const blurb = '下面是小编为大家整理的回忆录三篇，供大家参考。';

  it('keeps a memoir\'s sentence that the old unanchored rule took for a blurb, in a text and in a page', () => {
    expect(texts(normalize(extraction(['回忆父亲', memoir, '一九四九年春天，父亲回到了家乡。'])))).toContain(memoir);
    expect(texts(normalize({ ...extraction(['回忆父亲', memoir]), format: 'html' }))).toContain(memoir);
  });

  it('drops the template blurb from an HTML page, and from a text saved from one, but not from a plain text', () => {
    expect(texts(normalize({ ...extraction(['回忆录三篇', blurb, '正文。']), format: 'html' }))).toEqual(['回忆录三篇', '正文。']);
    expect(texts(normalize(extraction(['欢迎来到第一范文网!', '回忆录三篇', blurb, '正文。'])))).toEqual(['回忆录三篇', '正文。']);
    expect(texts(normalize(extraction(['回忆录三篇', blurb, '正文。'])))).toEqual(['回忆录三篇', blurb, '正文。']);
  });
});

describe('title block and metadata table of a gov.cn page', () => {
  it('keeps the title, the 发文字号, the addressees and each table row apart (line repair joins none of them)', async () => {
    const lines = normalize(await extract(publicFile('govcn-r40-notice-cotton-grain-1981.html'))).paragraphs.map((p) => p.text);
    expect(lines).toContain('国发〔1981〕88号');
    expect(lines).toContain('各省、市、自治区人民政府，国务院有关部委、直属机构：');
    expect(lines.some((l) => /^发文机关：/.test(l))).toBe(true);
    const title = lines.findIndex((l) => /^国务院关于棉粮、糖粮挂钩奖售粮/.test(l));
    expect(lines[title + 1]).toBe('国发〔1981〕88号');
  });
});
