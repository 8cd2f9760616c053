/**
 * Numbers as these documents write them: Arabic and Chinese numerals, ranges (`1-2`, `1至2`),
 * bounds (`至少`, `不少于`), anonymised placeholders (`X`, `X.X`), and the periods that turn a
 * count into a frequency (`每年`, `每届任期内`).
 * @module
 */
import { packagePath } from '../package-files.js';
import { fold, traditionalForms } from '../search/fold.js';
import { leadingNouns, loadWordList } from '../segment/index.js';
import { YEAR_DIGITS } from '../entities/numerals.js';
import type { Bound, Frequency, Period, Quantity } from './types.js';

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** One numeral as written; null for placeholders (`X`, `XX`, `X.X`) and for text that is no numeral. */
export function parseNumber(raw: string): number | null {
  const s = raw.trim();
  // `12．8`: a full-width point, which width normalization leaves as it is.
  if (/^\d+([.．]\d+)?$/.test(s)) return Number(s.replace('．', '.'));
  // `一点二`, `二十七点四`: the whole part, then the digits after 点 read one by one.
  const point = s.indexOf('点');
  if (point > 0) {
    const whole = parseNumber(s.slice(0, point));
    const digits = [...s.slice(point + 1)].map((ch) => DIGITS[ch]);
    return whole === null || !digits.length || digits.some((d) => d === undefined) ? null : Number(`${whole}.${digits.join('')}`);
  }
  if (!/^[零〇一二两三四五六七八九十百千万亿]+$/.test(s)) return null;
  // `二十七亿四千万`: what stands before 亿 is closed into `total`; 万 multiplies only the section before it.
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch] ?? 0;
    } else if (ch in SMALL_UNITS) {
      // `十五` starts with a unit: an implicit 1.
      section += (digit || 1) * (SMALL_UNITS[ch] ?? 1);
      digit = 0;
    } else if (ch === '万') {
      section = (section + digit) * 10_000;
      digit = 0;
    } else {
      total = (total + section + digit) * 100_000_000;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

/** A relative time limit (`十五个工作日内`, `24小时内`, `三十日以内`, `十日之内`): its count (group 1) and unit (group 2). */
export const RELATIVE_DEADLINE = /(\d+|[一二两三四五六七八九十]+)\s*个?(工作日|日|天|月|小时|分钟)[以之]?内/;
/** Every relative time limit of a text, for `matchAll` (which works on a copy: no `lastIndex` is shared). */
export const RELATIVE_DEADLINES = new RegExp(RELATIVE_DEADLINE.source, 'g');

/** Scale words written after a numeral: `33.5万亿元`, `五万元`. */
export const SCALES: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8, 万亿: 1e12 };

/**
 * A numeral times its scale word (`33.5` + `万亿` → 3.35e13), kept to 15 significant digits so
 * that `1.1万` is 11000, not 11000.000000000002; null stays null.
 */
export function scaled(value: number | null, scale: string | undefined): number | null {
  if (value === null || !scale) return value;
  return Number((value * (SCALES[scale] ?? 1)).toPrecision(15));
}

/** A numeral, Arabic or Chinese, or a placeholder; used inside larger patterns. */
/** A Chinese numeral starts with a digit or 十/百/千, never with a scale (`千家万户` holds no `万户`). */
export const NUMERAL = String.raw`(?:\d+(?:[.．]\d+)?|X(?:\.X)?|XX|[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*(?:点[零〇一二三四五六七八九]+)?)`;
const RANGE_SEP = String.raw`\s*(?:-|－|—|~|～|至|到)\s*`;
const LOWER = /至少|不少于|不低于|最少|起码/;
const UPPER = /不超过|最多|至多|不多于|不高于/;

export interface Count {
  min: number | null;
  max: number | null;
}

/** Times (`次`) or, for quotas, things (`至少提出两件集体提案`). */
const COUNT_RE = new RegExp(String.raw`(${NUMERAL})(?:${RANGE_SEP}(${NUMERAL}))?\s*(?:次|回|场|期|件|篇|个|名|项|条)`);

/**
 * How many times (or things) a piece of text asks for: `1-2 次` → 1..2, `一次` → 1..1,
 * `至少一次` / `不少于 2 次` → n..null, `不超过 3 次` → null..3. Null when no count is written.
 */
export function parseCount(text: string): Count | null {
  const m = COUNT_RE.exec(text);
  if (!m) return null;
  const a = parseNumber(m[1] ?? '');
  const b = m[2] === undefined ? a : parseNumber(m[2]);
  const before = text.slice(0, m.index);
  if (LOWER.test(before)) return { min: a, max: null };
  if (UPPER.test(before)) return { min: null, max: b };
  return { min: a, max: b };
}

/** Period words, longest first so `每届任期内` wins over `每届`. */
const PERIODS: ReadonlyArray<[RegExp, Period]> = [
  [/每届任期内|每届|届内|任期内/, 'term'],
  [/每半年/, 'half_year'],
  [/每季度|每季/, 'quarter'],
  [/每月/, 'month'],
  [/每年度?/, 'year'],
  [/每次|每项|每件/, 'event'],
];

/** The period a text states and where, or null. */
export function findPeriod(text: string): { per: Period; word: string; index: number } | null {
  if (!text.includes('每') && !text.includes('届') && !text.includes('任期')) return null;
  let best: { per: Period; word: string; index: number } | null = null;
  for (const [re, per] of PERIODS) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.index)) best = { per, word: m[0], index: m.index };
  }
  return best;
}

/** Frequency of a clause: only when it states a period; without a count it means at least once. */
export function parseFrequency(text: string): Frequency | null {
  const period = findPeriod(text);
  if (!period) return null;
  const count = parseCount(text) ?? { min: 1, max: null };
  return { min: count.min, max: count.max, per: period.per };
}

let unitList: readonly string[] | undefined;
/**
 * Units a report counts in (`search-config/units.txt`) and their traditional spellings (`七万戶`
 * in a 1957 report), longest first so `个百分点` wins over `个`. Built on first use: the spellings
 * need the fold table, which a command that reads no report should not pay for.
 */
export function units(): readonly string[] {
  unitList ??= loadWordList(packagePath('search-config/units.txt'))
    .flatMap((u) => [u, ...traditionalForms(u)])
    .sort((a, b) => b.length - a.length);
  return unitList;
}
/** `百分之十二点五`: a percentage in words (groups 6 and 7 of the quantity pattern). */
const PERCENT_WORDS = String.raw`百分之([零〇一二两三四五六七八九十百]+)(?:[点點]([零〇一二三四五六七八九]+))?`;
// A scale word (`万`, `亿`, `万亿`) multiplies the value; `余`/`多` on either side of it make it a lower bound, and so
// does `几` after a round figure (`十几个省`, `二十几万人`).
/**
 * A scaled count written straight before what it counts, without a measure word (`6069万农民`,
 * `一亿二千万农户`): groups 8–11. The noun that follows is its unit.
 */
const SCALED_COUNT = String.raw`(?:(\d+(?:\.\d+)?)\s*(万亿|万|亿)|([零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万亿]*[万亿]))\s*(余|多)?(?=[\u4e00-\u9fff，,。；;]|$)`;
/** `三分之一`: a fraction (groups 12 and 13), stored as its value to four places with unit `分之`. */
const FRACTION = String.raw`([一二两三四五六七八九十]+|\d+)分之(${NUMERAL})`;
let quantityRe: RegExp | undefined;
/** Every form of figure this module reads, as one global pattern (built with the unit list). */
function quantityPattern(): RegExp {
  if (!quantityRe) {
    const unit = `(?:${units().map((u) => u.replace(/[%.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
    quantityRe = new RegExp(
      String.raw`(${NUMERAL})\s*(余|多|(?<=[十百千])几)?\s*(万亿|万[余多]亿|万|亿)?\s*(余|多)?\s*(${unit})|${PERCENT_WORDS}|${SCALED_COUNT}|${FRACTION}`,
      'g',
    );
  }
  return quantityRe;
}

export interface QuantityMatch extends Quantity {
  /** Offsets into the searched text. */
  start: number;
  end: number;
}

/** A unit as stored: the full-width percent sign is the ASCII one. */
const unitOf = (written: string | undefined): string => (written === '％' ? '%' : (written ?? ''));

/**
 * Words around a figure that make it approximate or a bound: `约8%`, `8%左右`, `900万人以上`, `不到1%`;
 * 约 before the verb that introduces the figure still qualifies it (`约占40%`).
 */
const APPROX_BEFORE = /(?:(?:约|大约|大概)(?:占|为|是|有|合|达)?|近|将近|接近)\s*$/;
const MIN_BEFORE = /(?:超过|逾|不少于|不低于|至少|多于|高于)\s*$/;
/** `上千万人`, `上百亿元`: upwards of a round figure. */
const UPWARDS_OF = /上$/;
/** What makes a bare 百 or 千 a figure: `近百家`, `上千人`, `将近千人`. */
const ROUND_BEFORE = /(?:近|上)$/;
const MAX_BEFORE = /(?:不到|不足|不超过|不高于|低于|少于|至多|最多)\s*$/;
const APPROX_AFTER = /^\s*(?:左右|上下)/;
/** `以上`, and `多`/`余` after the unit: `增长1倍多`. */
const MIN_AFTER = /^\s*(?:以上|多|余)/;
const MAX_AFTER = /^\s*(?:以下|以内)/;

/** The bound the words around a figure set; `numeral` as written, for `上千万`. */
function boundAround(before: string, after: string, numeral = ''): Bound {
  if (APPROX_BEFORE.test(before) || APPROX_AFTER.test(after)) return 'approx';
  if (MIN_BEFORE.test(before) || MIN_AFTER.test(after) || (/^[百千万]/.test(numeral) && UPWARDS_OF.test(before))) return 'min';
  if (MAX_BEFORE.test(before) || MAX_AFTER.test(after)) return 'max';
  return null;
}

/** A count of SCALED_COUNT, its unit the nouns after it; null when no noun follows (`增长1.2万`…). */
function scaledCount(text: string, m: RegExpExecArray): QuantityMatch | null {
  const end = m.index + m[0].length;
  // Tagged on the simplified view (the dictionary's), kept as written: `一亿二千万农戶` → 农戶.
  // `人口达到11.7亿。`: a figure whose unit is not written, kept with an empty unit.
  const bare = !/[\u4e00-\u9fff]/.test(text[end] ?? '');
  const nouns = bare ? 0 : leadingNouns(fold(text.slice(end, end + 12))).length;
  if (!nouns && !bare) return null;
  const unit = text.slice(end, end + nouns);
  return {
    value: m[8] !== undefined ? scaled(parseNumber(m[8]), m[9]) : parseNumber(m[10] ?? ''),
    unit,
    from: null,
    bound: m[11] ? 'min' : boundAround(text.slice(0, m.index), text.slice(end + unit.length), m[10]),
    start: m.index,
    end: end + unit.length,
  };
}

/** `两三万`, `三四十万`: two neighbouring digits give a range, read as its lower end (`两万`, `三十万`). */
function lowerOfPair(numeral: string): string {
  const first = DIGITS[numeral[0] ?? ''];
  const second = DIGITS[numeral[1] ?? ''];
  return first !== undefined && first > 0 && second === first + 1 ? numeral[0] + numeral.slice(2) : numeral;
}

/** What joins the two ends of a range: `8%—9%`, `8至9%`; `两、三倍` also by `、`, between bare numerals only. */
const RANGE_JOIN = /^\s*(?:—|－|-|~|～|至|到)\s*$/;
/** `300万—400万人`, `7.5亿至8亿元`: the lower end may carry its own scale. */
const RANGE_LOWER = new RegExp(String.raw`(?<![\d.．])(${NUMERAL})\s*(万亿|万|亿)?\s*(?:—|－|-|~|～|至|到|、)\s*$`);
/**
 * The time an end of a change is dated by: `由1988年的18.5%下降到1992年的6.4%`, `从上年的…`, `由原来的…`,
 * then whom or what it is counted per (`从每人每年80元提高到…`).
 */
const DATED = String.raw`(?:(?:(?:(?:19|20)\d\d|[${YEAR_DIGITS}]{4})\s*年|上年|去年)(?:底|末|初)?|前年|年初|原来|过去|现在|目前|当前)?\s*的?\s*(?:每[人户年月亩]|人均|户均|亩均)*`;
/** What joins the two ends of a change: `由X提高到Y`, `从X下降至Y`, `由X调整为Y`. */
const CHANGE_VERB = new RegExp(
  String.raw`^\s*(?:提高|增加|增长|上升|扩大|提升|调高|上调|下降|减少|降低|缩小|调低|下调|调整|压缩|缩减|缩短|延长|回落|回升|跃升|猛增|降|增|升|减|涨|变)了?(?:到|至|为)\s*${DATED}\s*$`,
);
const CHANGE_FROM = new RegExp(String.raw`(?:(?<!经)由(?!于)|从)\s*${DATED}\s*(?:约|大约)?\s*$`);

/**
 * Every `number + unit` in a text, before any decision about whether it is an achievement. A scaled
 * number is multiplied out (`33.5万亿元` → 3.35e13 元); a placeholder keeps the scale in its unit
 * (`X 万元`). `由X提高到Y` is one quantity, Y, that changed from X.
 */
export function findQuantities(text: string): QuantityMatch[] {
  const out: QuantityMatch[] = [];
  // exec on the one global pattern: matchAll would copy the pattern on every call.
  const re = quantityPattern();
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // A bare 百 or 千 is an idiom's (`千家万户`, `百花齐放`), not a figure; `百余人`, `千余家`, `近百家`, `上千人` are.
    if ((m[1] === '百' || m[1] === '千') && !m[2] && !ROUND_BEFORE.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    if (m[12] !== undefined) {
      const whole = parseNumber(m[12]);
      const part = parseNumber(m[13] ?? '');
      const value = whole && part !== null ? Number((part / whole).toFixed(4)) : null;
      const end = m.index + m[0].length;
      out.push({ value, unit: '分之', from: null, bound: boundAround(text.slice(0, m.index), text.slice(end)), start: m.index, end });
      continue;
    }
    if (m[8] !== undefined || m[10] !== undefined) {
      const count = scaledCount(text, m);
      if (count) out.push(count);
      continue;
    }
    const inWords = m[6] !== undefined;
    // `4万多亿元`: the 多 between the scales bounds the figure from below, as after them.
    const scale = m[3]?.replace(/[余多]/, '');
    const over = Boolean(m[2] || m[4] || (m[3] && m[3] !== scale));
    // `百分之十二点五`: the whole part and its decimals read as any Chinese decimal is.
    const raw = parseNumber(inWords ? `${m[6] ?? ''}${m[7] ? `点${m[7]}` : ''}` : lowerOfPair(m[1] ?? ''));
    const end = m.index + m[0].length;
    const q: QuantityMatch = {
      value: inWords ? raw : scaled(raw, scale),
      unit: inWords ? '%' : raw === null ? `${scale ?? ''}${unitOf(m[5])}` : unitOf(m[5]),
      from: null,
      bound: over ? 'min' : boundAround(text.slice(0, m.index), text.slice(end), m[1]),
      start: m.index,
      end,
    };
    const prev = out[out.length - 1];
    const lower = inWords ? null : RANGE_LOWER.exec(text.slice(0, m.index));
    if (prev && prev.unit === q.unit && CHANGE_VERB.test(text.slice(prev.end, q.start)) && CHANGE_FROM.test(text.slice(0, prev.start))) {
      out[out.length - 1] = { ...q, from: prev.value, start: prev.start };
    } else if (prev && prev.unit === q.unit && RANGE_JOIN.test(text.slice(prev.end, q.start)) && !CHANGE_FROM.test(text.slice(0, prev.start))) {
      // `8%—9%`: one range, read as its lower end.
      out[out.length - 1] = { ...prev, end: q.end };
    } else if (lower && q.value !== null) {
      // `8—9%`, `两、三倍`: the lower end written without its unit.
      out.push({ ...q, value: scaled(parseNumber(lower[1] ?? ''), lower[2] ?? scale), start: m.index - lower[0].length });
    } else out.push(q);
  }
  return out;
}
