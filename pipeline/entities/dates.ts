/**
 * Dates in 文史资料: 民国纪年 (民国二十六年 → 1937), Qing reign years (光绪三十二年 → 1906), 公元 years,
 * digit-by-digit Chinese years (一九四九年十月一日 → 1949-10-01), Arabic years, and 干支 years
 * (丁丑年), which name one year in every sixty and are pinned down only from context.
 * @module
 */
import { countedNumber, digitYear, YEAR_DIGITS } from './numerals.js';
import type { Entity } from './types.js';

const COUNTED = '(元|[一二三四五六七八九十〇零两百]{1,4}|\\d{1,3})';
const SMALL = '([一二三四五六七八九十]{1,3}|\\d{1,2})';
/** Month and day after a year; 农历/阴历 months are lunar, so only the year of such a date is kept. */
const TAIL = `(?:\\s*(农历|阴历|夏历)?\\s*${SMALL}\\s*月(?:\\s*${SMALL}\\s*[日号])?)?`;

/** First year of each Qing reign that living memory in 文史资料 reaches back to. */
const REIGNS: Record<string, number> = {
  乾隆: 1736, 嘉庆: 1796, 道光: 1821, 咸丰: 1851, 同治: 1862, 光绪: 1875, 宣统: 1909,
};

interface DateRule {
  name: string;
  re: RegExp;
  /** The Gregorian year from the match, or NaN. */
  year: (m: RegExpExecArray) => number;
  /** Whether the month and day are Gregorian and may be kept (reign dates count lunar months). */
  keepsMonth: boolean;
}

/** In priority order: where two rules match overlapping text, the earlier one wins (公元一九四九年 is 公元). */
const RULES: DateRule[] = [
  { name: 'minguo', re: new RegExp(`民国\\s*${COUNTED}\\s*年${TAIL}`, 'g'), year: (m) => 1911 + countedNumber(m[1]!), keepsMonth: true },
  {
    name: 'reign',
    re: new RegExp(`(?:大?清\\s*)?(${Object.keys(REIGNS).join('|')})\\s*${COUNTED}\\s*年${TAIL}`, 'g'),
    year: (m) => REIGNS[m[1]!]! + countedNumber(m[2]!) - 1,
    keepsMonth: false,
  },
  { name: 'gongyuan', re: new RegExp(`公元\\s*(\\d{1,4}|[${YEAR_DIGITS}]{1,4})\\s*年${TAIL}`, 'g'), year: (m) => digitYear(m[1]!), keepsMonth: true },
  { name: 'cn-digits', re: new RegExp(`([${YEAR_DIGITS}]{4})\\s*年${TAIL}`, 'g'), year: (m) => digitYear(m[1]!), keepsMonth: true },
  { name: 'arabic', re: new RegExp(`(?<!\\d)(\\d{4})\\s*年${TAIL}`, 'g'), year: (m) => digitYear(m[1]!), keepsMonth: true },
];

const STEMS = '甲乙丙丁戊己庚辛壬癸';
const BRANCHES = '子丑寅卯辰巳午未申酉戌亥';
const GANZHI = new RegExp(`([${STEMS}])([${BRANCHES}])年`, 'g');
/** The span of years a 干支 year is taken to fall in: four cycles from 甲子 1804. */
const GANZHI_FIRST = 1804;
const GANZHI_CYCLES = 4;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD` from a year and the month/day groups a rule captured. */
function iso(year: number, month: string | undefined, day: string | undefined, lunar: boolean): string {
  const y = String(year).padStart(4, '0');
  const mo = month && !lunar ? countedNumber(month) : Number.NaN;
  if (!(mo >= 1 && mo <= 12)) return y;
  const d = day ? countedNumber(day) : Number.NaN;
  return d >= 1 && d <= 31 ? `${y}-${pad(mo)}-${pad(d)}` : `${y}-${pad(mo)}`;
}

/** The years (1804–2043) a 干支 pair may name; empty for pairs that do not exist (甲丑). */
export function ganzhiYears(stem: string, branch: string): number[] {
  const s = STEMS.indexOf(stem);
  const b = BRANCHES.indexOf(branch);
  if (s < 0 || b < 0 || s % 2 !== b % 2) return [];
  // Position in the sixty-year cycle: the k with k ≡ s (mod 10) and k ≡ b (mod 12).
  let k = s;
  while (k % 12 !== b) k += 10;
  return Array.from({ length: GANZHI_CYCLES }, (_, i) => GANZHI_FIRST + k + 60 * i);
}

/** The 干支 name of a Gregorian year (1937 → 丁丑). */
export function ganzhiOf(year: number): string {
  const k = (((year - 4) % 60) + 60) % 60;
  return STEMS[k % 10]! + BRANCHES[k % 12]!;
}

function overlaps(taken: Entity[], start: number, end: number): boolean {
  return taken.some((e) => start < e.end && e.start < end);
}

/** Dates stated with their year (民国, reign, 公元, digits), each normalized. */
function explicitDates(text: string): Entity[] {
  const out: Entity[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(out, start, end)) continue;
      const year = rule.year(m as RegExpExecArray);
      if (!(year > 0 && year < 2200)) continue;
      // The month and day groups are the last three captures of every rule: lunar marker, month, day.
      const [lunar, month, day] = m.slice(-3);
      out.push({ kind: 'date', text: m[0], start, end, normalized: iso(year, rule.keepsMonth ? month : undefined, day, !!lunar), rule: rule.name });
    }
  }
  return out;
}

/** The sentence around a span: from the last 。！？ or line break before it to the next after it. */
function sentenceAround(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && !/[。！？!?\n]/.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !/[。！？!?\n]/.test(text[to]!)) to++;
  return [from, to];
}

/**
 * A 干支 year pinned down where the text allows: by a stated year in the same sentence that it
 * names (甲申年，也就是民国三十三年), else by the document's stated years when exactly one of its
 * candidate years falls within ten years of their span (a century hint). Otherwise it keeps its candidates.
 */
function ganzhiDates(text: string, explicit: Entity[]): Entity[] {
  const yearOf = (e: Entity): number => Number(e.normalized!.slice(0, 4));
  const years = explicit.map(yearOf);
  const lo = Math.min(...years) - 10;
  const hi = Math.max(...years) + 10;
  const out: Entity[] = [];
  for (const m of text.matchAll(GANZHI)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(explicit, start, end)) continue;
    const candidates = ganzhiYears(m[1]!, m[2]!);
    if (!candidates.length) continue;
    const [from, to] = sentenceAround(text, start, end);
    const near = explicit.filter((e) => e.start >= from && e.end <= to).map(yearOf).find((y) => candidates.includes(y));
    const inSpan = candidates.filter((y) => y >= lo && y <= hi);
    const base = { kind: 'date' as const, text: m[0], start, end };
    if (near) out.push({ ...base, normalized: String(near), rule: 'ganzhi+sentence' });
    else if (inSpan.length === 1) out.push({ ...base, normalized: String(inSpan[0]), rule: 'ganzhi+document' });
    else out.push({ ...base, candidates, rule: 'ganzhi' });
  }
  return out;
}

/** Every date mention in the text, in order. */
export function extractDates(text: string): Entity[] {
  const explicit = explicitDates(text);
  return [...explicit, ...ganzhiDates(text, explicit)].sort((a, b) => a.start - b.start);
}
