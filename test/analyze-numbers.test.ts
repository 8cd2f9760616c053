import { describe, expect, it } from 'vitest';
import { findQuantities, parseCount, parseFrequency, parseNumber } from '../pipeline/analyze/numbers.js';
import { quantityText } from '../pipeline/analyze/quantity-text.js';

describe('parseNumber', () => {
  it.each([
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['一百零五', 105],
    ['三千二百', 3200],
    ['两万', 20000],
    ['一万二千', 12000],
    ['二十七亿四千万', 2_740_000_000],
    ['八亿六千万', 860_000_000],
    ['一万亿', 1e12],
    ['19', 19],
    ['2.5', 2.5],
  ])('%s → %d', (raw, value) => {
    expect(parseNumber(raw)).toBe(value);
  });

  it('gives null for placeholders and non-numerals', () => {
    expect(parseNumber('X')).toBeNull();
    expect(parseNumber('X.X')).toBeNull();
    expect(parseNumber('若干')).toBeNull();
  });
});

describe('parseCount', () => {
  it.each([
    ['召开 1-2 次', { min: 1, max: 2 }],
    ['召开1至2次', { min: 1, max: 2 }],
    ['召开一至两次', { min: 1, max: 2 }],
    ['召开一次', { min: 1, max: 1 }],
    ['召开两次', { min: 2, max: 2 }],
    ['至少接受一次培训', { min: 1, max: null }],
    ['至少向县委作一次报告', { min: 1, max: null }],
    ['不少于 2 次', { min: 2, max: null }],
    ['不超过三次', { min: null, max: 3 }],
    ['召开十五次', { min: 15, max: 15 }],
    ['至少提出两件集体提案', { min: 2, max: null }],
  ])('%s', (text, count) => {
    expect(parseCount(text)).toEqual(count);
  });

  it('is null without a count', () => {
    expect(parseCount('定期召开座谈会')).toBeNull();
  });
});

describe('parseFrequency', () => {
  it.each([
    ['每年召开 1-2 次专题协商会', { min: 1, max: 2, per: 'year' }],
    ['每届任期内召开一次政协工作会议', { min: 1, max: 1, per: 'term' }],
    ['每位委员每届至少接受一次培训', { min: 1, max: null, per: 'term' }],
    ['每季度至少召开一次', { min: 1, max: null, per: 'quarter' }],
    ['每半年通报一次', { min: 1, max: 1, per: 'half_year' }],
    ['每月报送两次', { min: 2, max: 2, per: 'month' }],
    ['每年对调研工作进行评估', { min: 1, max: null, per: 'year' }],
    ['每项协商议题开展集中调研', { min: 1, max: null, per: 'event' }],
    ['每届任期内至少提出两件集体提案', { min: 2, max: null, per: 'term' }],
  ])('%s', (text, frequency) => {
    expect(parseFrequency(text)).toEqual(frequency);
  });

  it('needs a period: a bare count, `年度` or `定期` is no frequency', () => {
    expect(parseFrequency('召开一次会议')).toBeNull();
    expect(parseFrequency('纳入年度协商工作计划')).toBeNull();
    expect(parseFrequency('定期听取汇报')).toBeNull();
  });
});

describe('findQuantities', () => {
  it('reads counts, amounts and placeholders with their units', () => {
    const found = findQuantities('召开对口协商会 19 次,捐款 X.X 万元,征迁 X 多万平方米,完成投资 X 亿余元,办复率 100%,发现问题 80 余处');
    expect(found.map(({ value, unit }) => ({ value, unit }))).toEqual([
      { value: 19, unit: '次' },
      { value: null, unit: '万元' },
      { value: null, unit: '万平方米' },
      { value: null, unit: '亿元' },
      { value: 100, unit: '%' },
      { value: 80, unit: '处' },
    ]);
  });

  it('multiplies out 万, 亿 and 万亿, keeping the scale only in a placeholder’s unit', () => {
    expect(findQuantities('比1955年增加了二十七亿四千万元')).toMatchObject([{ value: 2_740_000_000, unit: '元' }]);
    // `多` between the scales, in Arabic as in Chinese numerals: over four trillion.
    expect(findQuantities('达到4万多亿元，四万多亿元')).toMatchObject([
      { value: 4e12, unit: '元', bound: 'min' },
      { value: 4e12, unit: '元', bound: 'min' },
    ]);
    const found = findQuantities('国内生产总值达到33.5万亿元,财政收入6.85万亿元,粮食产量5.31亿吨,就业1102万人,捐款 X 万元');
    expect(found.map(({ value, unit }) => ({ value, unit }))).toEqual([
      { value: 3.35e13, unit: '元' },
      { value: 6.85e12, unit: '元' },
      { value: 531_000_000, unit: '吨' },
      { value: 11_020_000, unit: '人' },
      { value: null, unit: '万元' },
    ]);
  });

  it('marks approximations and bounds written around a figure', () => {
    expect(findQuantities('国内生产总值增长8％左右')).toMatchObject([{ value: 8, unit: '%', bound: 'approx' }]);
    const found = findQuantities('增长8%左右,约1200万人,900万人以上,新建学校300余所,不到1%,控制在3%以内,超过5000家,由约80元提高到120元');
    expect(found.map(({ value, unit, bound }) => [value, unit, bound])).toEqual([
      [8, '%', 'approx'], [12_000_000, '人', 'approx'], [9_000_000, '人', 'min'], [300, '所', 'min'],
      [1, '%', 'max'], [3, '%', 'max'], [5000, '家', 'min'], [120, '元', null],
    ]);
  });

  it('reads a range as its lower end, and 多 after the unit as a lower bound', () => {
    const found = findQuantities('增长8%—9%，增长8—9%，增加两、三倍，8至9万元，增长1倍多，分别为300元、500元');
    expect(found.map(({ value, unit, bound }) => [value, unit, bound])).toEqual([
      [8, '%', null], [8, '%', null], [2, '倍', null], [80_000, '元', null], [1, '倍', 'min'], [300, '元', null], [500, '元', null],
    ]);
  });

  it('reads the units of transport, telephone lines and rooms (吨公里, 人公里, 门, 间), and 间 of a span of years as none', () => {
    expect(findQuantities('货物周转量二万亿吨公里，旅客周转量八千亿人公里，新增交换机一千万门，建成住房三百万间，十七年间').map(({ value, unit }) => [value, unit])).toEqual([
      [2e12, '吨公里'], [8e11, '人公里'], [10_000_000, '门'], [3_000_000, '间'],
    ]);
  });

  it('reads neighbouring digits as a range’s lower end, and 百余/千余 as a figure', () => {
    expect(findQuantities('三四十万人，两三万人，八九百人，二十三万人，百余人，千余家').map(({ value, unit, bound }) => [value, unit, bound])).toEqual([
      [300_000, '人', null], [20_000, '人', null], [800, '人', null], [230_000, '人', null], [100, '人', 'min'], [1000, '家', 'min'],
    ]);
  });

  it('reads 近百, 上千, 十几 and 二十几 as figures with their bounds, and 约 before the verb (约占)', () => {
    expect(findQuantities('近百家企业，上千人，十几个省，二十几万人，约占40%').map(({ value, unit, bound }) => [value, unit, bound])).toEqual([
      [100, '家', 'approx'], [1000, '人', 'min'], [10, '个', 'min'], [200_000, '人', 'min'], [40, '%', 'approx'],
    ]);
    expect(findQuantities('百花齐放，几个方面')).toEqual([]);
  });

  it('reads a range whose lower end carries its own scale as that end (300万—400万人, 2万至3万人)', () => {
    expect(findQuantities('300万—400万人，7.5亿至8亿元，2万到3万人，5000至6000万吨').map(({ value, unit }) => [value, unit])).toEqual([
      [3_000_000, '人'], [750_000_000, '元'], [20_000, '人'], [50_000_000, '吨'],
    ]);
  });

  it('reads a full-width decimal point and per-mille rates', () => {
    expect(findQuantities('增长12．8％，人口自然增长率控制在12.5‰以内').map(({ value, unit, bound }) => [value, unit, bound])).toEqual([
      [12.8, '%', null], [12.5, '‰', 'max'],
    ]);
  });

  it('reads a change from an undated or per-head start (由原来的…, 从每人每年…), by 调整为, but not after 由于 alone', () => {
    expect(findQuantities('由原来的10%提高到15%，补助从每人每年200元提高到240元，产能由100万吨调整为120万吨')).toMatchObject([
      { value: 15, unit: '%', from: 10 },
      { value: 240, unit: '元', from: 200 },
      { value: 1_200_000, unit: '吨', from: 1_000_000 },
    ]);
    expect(findQuantities('由于5元提高到6元')).toMatchObject([{ value: 5, from: null }, { value: 6, from: null }]);
  });

  it('reads Chinese decimals (一点二倍, 二十七点四亿元)', () => {
    expect(findQuantities('总产值增长一点二倍，二十七点四亿元').map(({ value, unit }) => [value, unit])).toEqual([[1.2, '倍'], [2_740_000_000, '元']]);
  });

  it('counts what a scaled number stands before when no measure word is written', () => {
    expect(findQuantities('农村饮水安全工程使6069万农民受益')).toMatchObject([{ value: 60_690_000, unit: '农民' }]);
    expect(findQuantities('一亿二千万农户的个体经济')).toMatchObject([{ value: 120_000_000, unit: '农户' }]);
    expect(findQuantities('新增510万沼气用户')).toMatchObject([{ value: 5_100_000, unit: '沼气用户' }]);
    // No unit written: the figure is kept with an empty unit (the public gold's guideline); a verb after it is no unit.
    expect(findQuantities('人口达到11.7亿。增加1.2万，增长很快')).toMatchObject([{ value: 1_170_000_000, unit: '' }, { value: 12_000, unit: '' }]);
    expect(findQuantities('投入1.2万促进就业')).toEqual([]);
  });

  it('keeps both ends of a change, and finds no count in a scale word alone', () => {
    expect(findQuantities('财政补助标准由80元提高到120元,增长50%')).toMatchObject([
      { value: 120, unit: '元', from: 80 },
      { value: 50, unit: '%', from: null },
    ]);
    expect(findQuantities('从2.1个百分点下降至1.5个百分点')).toMatchObject([{ value: 1.5, unit: '个百分点', from: 2.1 }]);
    expect(findQuantities('存款准备金率由17%下调至16.5%，个税起征点由3500元调高到5000元')).toMatchObject([
      { value: 16.5, unit: '%', from: 17 },
      { value: 5000, unit: '元', from: 3500 },
    ]);
    // `上千万`: upwards of ten million; `上` before a year or an ordinary figure sets no bound.
    expect(findQuantities('带动上千万人就业，比上年多100万人')).toMatchObject([
      { value: 10_000_000, unit: '人', bound: 'min' },
      { value: 1_000_000, unit: '人', bound: null },
    ]);
    // Each end dated: `由1988年的…下降到1992年的…`, `从上年的…`; two figures of two years, each stated, stay two.
    expect(findQuantities('通货膨胀率由1988年的18.5%下降到1992年的6.4%，收入从上年的6.2亿元增加到8.8亿元')).toMatchObject([
      { value: 6.4, unit: '%', from: 18.5 },
      { value: 880_000_000, unit: '元', from: 620_000_000 },
    ]);
    expect(findQuantities('1988年为5%，1992年提高到8%')).toMatchObject([{ value: 5, from: null }, { value: 8, from: null }]);
    expect(findQuantities('由1.2亿元增至3.5亿元，从5%升至8%')).toMatchObject([{ value: 350_000_000, from: 120_000_000 }, { value: 8, from: 5 }]);
    expect(findQuantities('惠及千家万户')).toEqual([]);
    expect(findQuantities('百花齐放,千方百计')).toEqual([]);
    expect(findQuantities('比上年增长百分之十二点五,占百分之三十六,遞增百分之三十六點九')).toMatchObject([{ value: 12.5, unit: '%' }, { value: 36, unit: '%' }, { value: 36.9, unit: '%' }]);
  });
});

describe('quantityText', () => {
  it('writes a quantity back with its scale word, bound and change', () => {
    expect(quantityText({ value: 3.35e13, unit: '元', from: null, bound: null })).toBe('33.5万亿元');
    expect(quantityText({ value: 8, unit: '%', from: null, bound: 'approx' })).toBe('约8%');
    expect(quantityText({ value: 9_000_000, unit: '人', from: null, bound: 'min' })).toBe('900万人以上');
    expect(quantityText({ value: 120, unit: '元', from: 80, bound: null })).toBe('80元→120元');
    expect(quantityText({ value: null, unit: '万元', from: null, bound: null })).toBe('X万元');
  });
});
