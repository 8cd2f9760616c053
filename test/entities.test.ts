import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseByline } from '../pipeline/entities/byline.js';
import { extractDates, extractEntities, ganzhiOf, ganzhiYears, periodCovered, type Entity } from '../pipeline/entities/index.js';
import { plausibleName } from '../pipeline/entities/persons.js';
import { ROOT } from './helpers/cli.js';

const dateOf = (text: string): Pick<Entity, 'text' | 'normalized' | 'rule'> | undefined => {
  const d = extractDates(text)[0];
  return d && { text: d.text, normalized: d.normalized, rule: d.rule };
};
const names = (entities: Entity[], kind: Entity['kind']): string[] => [...new Set(entities.filter((e) => e.kind === kind).map((e) => e.text))];

describe('dates', () => {
  it('converts 民国纪年 to the Gregorian year (民国元年 = 1912)', () => {
    expect(dateOf('民国二十六年')).toEqual({ text: '民国二十六年', normalized: '1937', rule: 'minguo' });
    expect(dateOf('民国元年')?.normalized).toBe('1912');
    expect(dateOf('民国三十八年春天')?.normalized).toBe('1949');
    expect(dateOf('民国26年')?.normalized).toBe('1937');
    expect(dateOf('民国二十六年七月七日夜')).toEqual({ text: '民国二十六年七月七日', normalized: '1937-07-07', rule: 'minguo' });
  });

  it('reads Chinese-numeral, 公元 and Arabic dates', () => {
    expect(dateOf('一九四九年十月一日')).toEqual({ text: '一九四九年十月一日', normalized: '1949-10-01', rule: 'cn-digits' });
    expect(dateOf('到了一九四九年十月，')?.normalized).toBe('1949-10');
    expect(dateOf('一九五〇年他回过一次桐溪')?.normalized).toBe('1950');
    expect(dateOf('公元一九三七年')).toEqual({ text: '公元一九三七年', normalized: '1937', rule: 'gongyuan' });
    expect(dateOf('公元1644年')?.normalized).toBe('1644');
    expect(dateOf('1956年3月公私合营')?.normalized).toBe('1956-03');
  });

  it('keeps only the year of a date whose month is lunar or counted in a reign', () => {
    expect(dateOf('民国三十三年农历六月初八')?.normalized).toBe('1944');
    expect(dateOf('清光绪三十二年五月')).toEqual({ text: '清光绪三十二年五月', normalized: '1906', rule: 'reign' });
    expect(dateOf('宣统三年')?.normalized).toBe('1911');
  });

  it('names the years of a 干支 pair, and the pair of a year', () => {
    expect(ganzhiYears('丁', '丑')).toEqual([1817, 1877, 1937, 1997]);
    expect(ganzhiYears('甲', '丑')).toEqual([]);
    expect([ganzhiOf(1937), ganzhiOf(1944), ganzhiOf(1911), ganzhiOf(1984)]).toEqual(['丁丑', '甲申', '辛亥', '甲子']);
  });

  it('pins a 干支 year down by a stated year in the same sentence', () => {
    const d = extractDates('甲申年，也就是民国三十三年，桐溪发了一场大水。').find((e) => e.text === '甲申年');
    expect(d).toMatchObject({ normalized: '1944', rule: 'ganzhi+sentence' });
  });

  it('pins a 干支 year down by the span of the document’s stated years (a century hint)', () => {
    const d = extractDates('民国二十年以后，父亲接管了商号。甲申年发大水的时候，父亲驾船救人。一九五六年公私合营。').find((e) => e.text === '甲申年');
    expect(d).toMatchObject({ normalized: '1944', rule: 'ganzhi+document' });
  });

  it('leaves a 干支 year with no context unnormalized, with its candidates', () => {
    const [d] = extractDates('那年是丁丑年，我在县立中学读书。');
    expect(d).toMatchObject({ text: '丁丑年', rule: 'ganzhi', candidates: [1817, 1877, 1937, 1997] });
    expect(d!.normalized).toBeUndefined();
  });
});

describe('persons, places and organisations', () => {
  it('finds the people of a byline and of titles next to names, with offsets', () => {
    const text = '王振华 口述　刘文清 整理\n县长李崇德早早把家眷送去了省城，公事都交给秘书吴有才去办。国文教员许静之先生把我们召集到礼堂。农会的会长叫曾广田。';
    const entities = extractEntities(text);
    expect(names(entities, 'person')).toEqual(['王振华', '刘文清', '李崇德', '吴有才', '许静之', '曾广田']);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('does not take common words that start with a surname for names', () => {
    const entities = extractEntities('关于这件事，院子里种满了柳树，孙子们在树下玩。大家提高水平。');
    expect(names(entities, 'person')).toEqual([]);
  });

  it('finds places by their suffix and by the dictionary, and marks the bare county name wherever it recurs', () => {
    const entities = extractEntities('桐溪县的宣传队走遍了青石镇、白沙乡、柳家湾一带。有几位同学后来去了延安。消息传到桐溪，已经是十几天以后。');
    expect(names(entities, 'place')).toEqual(['桐溪县', '青石镇', '白沙乡', '柳家湾', '延安', '桐溪']);
  });

  it('finds organisations with the place names and modifiers in front of them', () => {
    const entities = extractEntities('一九四九年十月，桐溪县人民政府在城隍庙旧址挂牌办公。后来裕丰商号并入了青石镇供销合作社，国民党县党部早已解散。');
    expect(names(entities, 'organisation')).toEqual(['桐溪县人民政府', '裕丰商号', '青石镇供销合作社', '国民党县党部']);
    expect(names(entities, 'date')).toEqual(['一九四九年十月']);
  });

  it('reads bylines in their several forms', () => {
    const read = (s: string) => parseByline(s, plausibleName);
    expect(read('王振华 口述　刘文清 整理')).toMatchObject({ narrator: '王振华', author: '刘文清' });
    expect(read('何明远撰稿')).toMatchObject({ narrator: null, author: '何明远' });
    expect(read('作者：孙庆余')).toMatchObject({ author: '孙庆余' });
    expect(read('张明、李华 整理')).toMatchObject({ author: '张明、李华' });
    // A normalizer ran the body onto the byline: the byline ends where the body starts.
    expect(read('撰稿：黄德华桐溪县城第一次亮起电灯')).toMatchObject({ author: '黄德华', end: 6 });
    expect(read('王明整理的材料表明')).toBeNull();
  });
});

describe('the 文史 fixture volume', () => {
  const text = readFileSync(join(ROOT, 'corpus', 'wenshi', 'volume.txt'), 'utf8');

  it('normalizes every stated date in it', () => {
    const dates = extractEntities(text).filter((e) => e.kind === 'date');
    expect(dates.filter((d) => d.rule !== 'ganzhi').every((d) => d.normalized)).toBe(true);
    expect(dates.find((d) => d.text === '清光绪三十二年')?.normalized).toBe('1906');
    expect(dates.filter((d) => d.text === '民国二十六年七月').map((d) => d.normalized)).toEqual(['1937-07']);
  });

  it('gives the period an article speaks about, leaving out the date it was signed', () => {
    const article = '我所知道的裕丰商号\n民国二十年以后，父亲接管了商号。甲申年发大水的时候，父亲驾船救人。\n一九五六年公私合营。\n一九八七年五月于桐溪';
    expect(periodCovered(article, extractEntities(article))).toEqual({ from: 1931, to: 1956 });
  });
});
