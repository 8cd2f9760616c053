/**
 * 发文字号 (`国发〔2019〕5号`) in one written form. Sources and users write the year's brackets as
 * 〔〕, [], (), （）, ［］ or 【】 and space the parts out; stored values and filter values go through
 * the same function, so a filter typed with square brackets finds a number printed with 〔〕.
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
