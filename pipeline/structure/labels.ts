/**
 * Heading labels of Chinese official documents (LANGUAGE.md §2) and Chinese-numeral parsing.
 * @module
 */
import type { SectionKind } from '../types.js';

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Parses 一…九十九 and 百 forms (一百二十); returns NaN for anything else. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in DIGITS) current = DIGITS[ch]!;
    else if (ch === '十') { total += (current || 1) * 10; current = 0; }
    else if (ch === '百') { total += (current || 1) * 100; current = 0; }
    else return Number.NaN;
  }
  return total + current;
}

/** A recognised label at some position of a paragraph. */
export interface LabelMatch {
  kind: SectionKind;
  depth: number;
  /** Normalized label, e.g. `一、`, `(二)`, `14.`, `(3)`, `第五条`, `一是`. */
  label: string;
  /** Path segment, e.g. `一`, `(二)`, `14`, `(3)`, `第五条`, `一是`. */
  segment: string;
  /** Numeric value, for sequence checks. */
  n: number;
  /** Length of the label as written in the text (spaces inside included). */
  length: number;
}

const CN = '[一二三四五六七八九十百〇零两]+';
/** 第, or 笫 (zǐ), its look-alike that typesetting and OCR put in its place (笫五十四条): the label is normalized to 第. */
const DI = '[第笫]';

/** Label patterns, outermost first. Each must match at the very start of the string given. */
const PATTERNS: { kind: SectionKind; depth: number; re: RegExp; make: (m: RegExpMatchArray) => [string, string, string] }[] = [
  { kind: 'chapter', depth: 1, re: new RegExp(`^(${CN})\\s*、`), make: (m) => [m[1]!, `${m[1]}、`, m[1]!] },
  // A law's 编 / 章 / 节 stand beside its articles, which are numbered through the whole law and cited alone.
  { kind: 'part', depth: 1, re: new RegExp(`^${DI}(${CN})编(?=\\s|$)`), make: (m) => [m[1]!, `第${m[1]}编`, `第${m[1]}编`] },
  { kind: 'chapter', depth: 1, re: new RegExp(`^${DI}(${CN})章(?=\\s|$)`), make: (m) => [m[1]!, `第${m[1]}章`, `第${m[1]}章`] },
  { kind: 'division', depth: 1, re: new RegExp(`^${DI}(${CN})节(?=\\s|$)`), make: (m) => [m[1]!, `第${m[1]}节`, `第${m[1]}节`] },
  { kind: 'article', depth: 1, re: new RegExp(`^${DI}(${CN})条`), make: (m) => [m[1]!, `第${m[1]}条`, `第${m[1]}条`] },
  { kind: 'section', depth: 2, re: new RegExp(`^[(（]\\s*(${CN})\\s*[)）]`), make: (m) => [m[1]!, `(${m[1]})`, `(${m[1]})`] },
  { kind: 'clause', depth: 3, re: /^(\d{1,3})\s*[.．、](?![\d.．])/, make: (m) => [m[1]!, `${m[1]}.`, m[1]!] },
  { kind: 'item', depth: 4, re: /^[(（](\d{1,3})[)）]/, make: (m) => [m[1]!, `(${m[1]})`, `(${m[1]})`] },
];

/** The characters a label can open with (the first of each pattern): any other paragraph skips the patterns. */
const LABEL_FIRST = new Set('一二三四五六七八九十百〇零两第笫(（0123456789');

/** Recognises a heading label at the start of `s`, if any. */
export function matchLabel(s: string): LabelMatch | null {
  if (!LABEL_FIRST.has(s.charAt(0))) return null;
  for (const p of PATTERNS) {
    const m = s.match(p.re);
    if (!m) continue;
    const [num, label, segment] = p.make(m);
    const n = chineseNumber(num);
    if (Number.isNaN(n)) continue;
    return { kind: p.kind, depth: p.depth, label, segment, n, length: m[0].length };
  }
  return null;
}

/** A numeral and 是: an inline enumeration's marker. */
const INLINE_MARK = new RegExp(`(${CN})是`, 'g');

/**
 * Inline enumerations `一是…二是…` inside a paragraph: positions of each marker, in order, only when they count up from 一.
 * A paragraph without `一是` has none, and skips the regex (most paragraphs): the first marker must read 1, and a run of
 * numerals reads 1 only when it ends in 一 with no 十 or 百 before it (chineseNumber), so it is followed by 是.
 */
export function inlineEnumeration(s: string): { index: number; label: string; n: number }[] {
  if (!s.includes('一是')) return [];
  const found: { index: number; label: string; n: number }[] = [];
  for (const m of s.matchAll(INLINE_MARK)) {
    const n = chineseNumber(m[1]!);
    if (n !== found.length + 1) continue;
    // The marker opens a clause: at the start, or right after punctuation or a space.
    const before = m.index === 0 ? '' : s[m.index - 1]!;
    if (before && !/[。；;，,：:\s]/.test(before)) continue;
    found.push({ index: m.index, label: `${m[1]}是`, n });
  }
  return found.length >= 2 ? found : [];
}
