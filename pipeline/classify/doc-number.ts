/**
 * Finding a 发文字号 in text: an issuer's code, the year in brackets, a serial and 号 — `国发〔2019〕5号`,
 * `国办函〔2006〕82号`, `鲁政发[2020]12号`, `(2020)` — in the one written form search uses.
 * @module
 */
import { normalizeDocNumber } from '../doc-number.js';

const OPEN = '〔［\\[（(【';
const CLOSE = '〕］\\]）)】';

const DOC_NUMBER = new RegExp(`[\\u4e00-\\u9fff]{1,12}?\\s*[${OPEN}]\\s*\\d{4}\\s*[${CLOSE}]\\s*\\d{1,5}\\s*号`);
const WHOLE = new RegExp(`^\\s*${DOC_NUMBER.source}\\s*$`);

/** A doc number written anywhere in `s`, normalized; null when there is none. */
export function docNumberIn(s: string): string | null {
  const m = DOC_NUMBER.exec(s);
  return m ? normalizeDocNumber(m[0]) : null;
}

/** A line that is a doc number and nothing else (how a document prints its own, under the title). */
export function docNumberLine(line: string): string | null {
  return WHOLE.test(line) ? normalizeDocNumber(line) : null;
}
