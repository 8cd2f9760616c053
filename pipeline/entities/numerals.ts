/**
 * Chinese numerals as dates write them: digit by digit for years (一九四九, 一九五〇), counted for
 * era years, months and days (二十六, 十二, 元 = the first year of an era).
 * @module
 */
import { chineseNumber } from '../structure/labels.js';

const DIGIT: Record<string, number> = {
  〇: 0, 零: 0, '○': 0, 'Ｏ': 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Character class of the digits a year is spelt with, including the round 〇 of older print. */
export const YEAR_DIGITS = '〇零○Ｏ一二三四五六七八九';

/** A year spelt digit by digit (`一九四九`) or in Arabic digits; NaN when it is neither. */
export function digitYear(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let n = 0;
  for (const ch of s) {
    const d = DIGIT[ch];
    if (d === undefined) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

/** A counted number as era years, months and days are written: `二十六`, `十二`, `26`, `元`. */
export function countedNumber(s: string): number {
  return s === '元' ? 1 : chineseNumber(s);
}
