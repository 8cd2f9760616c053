/**
 * Dates as documents write them — `2019年01月22日`, `2019-1-22`, `二〇〇五年七月十四日` — to ISO.
 * @module
 */
import { countedNumber, digitYear, YEAR_DIGITS } from '../entities/numerals.js';

const COUNTED = '[一二三四五六七八九十]{1,3}';

/** Pattern source of one full date, Arabic or Chinese numerals; groups: year, month, day. */
export const DATE_SOURCE =
  `(\\d{4}|[${YEAR_DIGITS}]{4})\\s*[年./-]\\s*(\\d{1,2}|${COUNTED})\\s*[月./-]\\s*(\\d{1,2}|${COUNTED})\\s*日?`;

const DATE = new RegExp(DATE_SOURCE);

const pad = (n: number): string => String(n).padStart(2, '0');

/** ISO `YYYY-MM-DD` from the three groups of `DATE_SOURCE`, or null when they are no real date. */
export function isoDate(year: string, month: string, day: string): string | null {
  const y = digitYear(year);
  const m = /^\d+$/.test(month) ? Number(month) : countedNumber(month);
  const d = /^\d+$/.test(day) ? Number(day) : countedNumber(day);
  if (!(y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The first full date in a string, as ISO. */
export function findDate(s: string): string | null {
  const m = DATE.exec(s);
  return m ? isoDate(m[1]!, m[2]!, m[3]!) : null;
}
