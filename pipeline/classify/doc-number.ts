/**
 * 发文字号: an issuer's code, the year in brackets, a serial and 号 — `国发〔2019〕5号`,
 * `国办函〔2006〕82号`, `鲁政发[2020]12号`, `(2020)` — normalized to 〔〕.
 * @module
 */

const OPEN = '〔［\\[（(【';
const CLOSE = '〕］\\]）)】';

/** Groups: code, year, serial. */
const DOC_NUMBER = new RegExp(`([\\u4e00-\\u9fff]{1,12}?)\\s*[${OPEN}]\\s*(\\d{4})\\s*[${CLOSE}]\\s*(\\d{1,5})\\s*号`);
const WHOLE = new RegExp(`^\\s*${DOC_NUMBER.source}\\s*$`);

const form = (m: RegExpExecArray): string => `${m[1]}〔${m[2]}〕${m[3]}号`;

/** A doc number written anywhere in `s`, normalized; null when there is none. */
export function normalizeDocNumber(s: string): string | null {
  const m = DOC_NUMBER.exec(s);
  return m ? form(m) : null;
}

/** A line that is a doc number and nothing else (how a document prints its own, under the title). */
export function docNumberLine(line: string): string | null {
  const m = WHOLE.exec(line);
  return m ? form(m) : null;
}
