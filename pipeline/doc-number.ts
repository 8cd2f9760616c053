/**
 * 发文字号 (`国发〔2019〕5号`) in one written form. Sources and users write the year's brackets as
 * 〔〕, [], (), （）, ［］ or 【】 and space the parts out; stored values and filter values go through
 * the same function, so a filter typed with square brackets finds a number printed with 〔〕.
 * Also how one is found in text: an issuer's code, the year in brackets, a serial and 号.
 * @module
 */

/** Opening and closing brackets seen around the year of a 发文字号. */
const YEAR_IN_BRACKETS = /[〔[(（［【]\s*(\d{4})\s*[〕\])）］】]/g;

/**
 * The number with whitespace removed, full-width digits made ASCII and the year's brackets
 * made 〔〕: `国发 [2019] 5 号` → `国发〔2019〕5号`. Anything else is kept as written.
 */
export function normalizeDocNumber(value: string): string {
  return value
    .replace(/\s+/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(YEAR_IN_BRACKETS, '〔$1〕');
}

const OPEN = '〔［\\[（(【';
const CLOSE = '〕］\\]）)】';
const IN_TEXT = new RegExp(`[\\u4e00-\\u9fff]{1,12}?\\s*[${OPEN}]\\s*\\d{4}\\s*[${CLOSE}]\\s*\\d{1,5}\\s*号`);
const WHOLE_LINE = new RegExp(`^\\s*${IN_TEXT.source}\\s*$`);

/** A doc number written anywhere in `s` (`鲁政发[2020]12号`), normalized; null when there is none. */
export function docNumberIn(s: string): string | null {
  const m = IN_TEXT.exec(s);
  return m ? normalizeDocNumber(m[0]) : null;
}

/** A line that is a doc number and nothing else (how a document prints its own, under the title). */
export function docNumberLine(line: string): string | null {
  return WHOLE_LINE.test(line) ? normalizeDocNumber(line) : null;
}
