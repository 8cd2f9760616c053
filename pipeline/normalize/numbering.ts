/**
 * Numbers a PDF export adds or doubles: list labels written twice (`1 1 、重大意义`, `5 5 篇`) and
 * page numbers left at the start of the paragraph that continues on the next page (`2 精神…`).
 * @module
 */
import { withChange } from './changes.js';
import type { Paragraph } from '../types.js';
import { endsSentence, PIECE_MARKER } from './text.js';

/** `1 1 、` / `2 2 .` / `5 5 篇`: the same number twice before a label mark or 篇. */
const DOUBLED_LABEL = /(?<![\d.．])(\d{1,2}) \1 ?(?=[、.．篇])/g;

/** Undoes doubled labels in one paragraph. */
export function fixDoubledLabels(text: string): { text: string; fixed: number } {
  let fixed = 0;
  const out = text.replace(DOUBLED_LABEL, (_m, n: string) => {
    fixed++;
    return n;
  });
  return { text: out, fixed };
}

const LEADING_NUMBER = /^(\d{1,3}) +(?=\S)/;
/** A counted quantity (`2 名委员`, `3 次`) is text, not a page number. */
const CLASSIFIER = /^[次名个件篇年月日号人项条位家万亿%％届期批类种层岁元天周倍]/;
/** The page sequence may skip a page whose break fell between paragraphs. */
const MAX_STEP = 2;

/**
 * Removes page numbers that open a paragraph. The first one of a piece (a page number ≤ 4 at
 * the start of a paragraph continuing an unfinished sentence) starts a sequence; after that only
 * the next numbers of the sequence are taken, so `2020 年` or a clause `10.` is never touched.
 * The sequence restarts at each bundle piece (`篇二:`).
 */
export function removePageNumbers(paragraphs: readonly Paragraph[]): { paragraphs: Paragraph[]; removed: number } {
  let removed = 0;
  let lastPage = 0;
  const out: Paragraph[] = [];
  for (const p of paragraphs) {
    if (PIECE_MARKER.test(p.text)) lastPage = 0;
    const m = LEADING_NUMBER.exec(p.text);
    const prev = out.at(-1);
    if (m && prev) {
      const n = Number(m[1]);
      const rest = p.text.slice(m[0].length);
      const inSequence =
        lastPage > 0 ? n > lastPage && n <= lastPage + MAX_STEP : n >= 2 && n <= 4 && !endsSentence(prev.text);
      if (inSequence && !CLASSIFIER.test(rest)) {
        lastPage = n;
        removed++;
        out.push(withChange({ ...p, text: rest }, 'page_number'));
        continue;
      }
    }
    out.push(p);
  }
  return { paragraphs: out, removed };
}
