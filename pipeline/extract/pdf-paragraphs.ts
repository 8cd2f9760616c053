/**
 * Rebuilds paragraphs from a PDF's visual lines. pdf-parse gives one string per visual line and
 * no positions, so a line's width is estimated from its characters (CJK one em, others half),
 * and a line that fills the measure without ending a sentence runs on into the next one.
 * @module
 */
import type { Block } from '../types.js';

/** Characters one em wide: Han, kana, Hangul, CJK punctuation and full-width forms. */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF01-\uFF60\uFFE0-\uFFE6\u2014\u2018\u2019\u201C\u201D\u2026]/u;

/** Sentence-final (and list-introducing) punctuation, optionally followed by closing quotes/brackets. */
const SENTENCE_END = /[。！？!?：:….]["'”’」』）)\]】]*$/u;

/** A line that is only a page number: `3`, `- 3 -`, `第 3 页`, `第3页 共20页`, `3 / 20`. */
const PAGE_NUMBER = /^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/u;

/** Below this measure (in em) lines are lines (verse, tables of contents): nothing is joined. */
const MIN_MEASURE = 15;

/** Estimated width of a line in em. */
export function lineWidth(line: string): number {
  let width = 0;
  for (const ch of line.trim()) width += WIDE.test(ch) ? 1 : 0.5;
  return width;
}

/**
 * The full line width of the document: the median of the lines within 75 % of the widest, which
 * is where wrapped lines of body text cluster.
 */
export function measure(widths: readonly number[]): number {
  const max = Math.max(0, ...widths);
  const long = widths.filter((w) => w >= 0.75 * max).sort((a, b) => a - b);
  return long[Math.floor(long.length / 2)] ?? 0;
}

/** Joins two visual lines: a space between Latin letters or digits, nothing between CJK. */
function join(left: string, right: string): string {
  return /[A-Za-z0-9]$/.test(left) && /^[A-Za-z0-9]/.test(right) ? `${left} ${right}` : left + right;
}

/**
 * Paragraph blocks from per-page text (page 1 first). A paragraph continues across a page break
 * when the page's last line runs on. Lines that are bare page numbers are kept as blocks of their
 * own, never glued into a paragraph, and placed after the paragraph they interrupted, so the
 * normalizer can drop them without re-splitting text.
 */
export function pagesToBlocks(pages: readonly string[]): Block[] {
  const lines = pages.flatMap((text, i) =>
    text.split('\n').map((raw) => ({ text: raw.trim(), page: i + 1 })),
  );
  const isPageNumber = (text: string): boolean => PAGE_NUMBER.test(text);
  const full = measure(lines.filter((l) => l.text && !isPageNumber(l.text)).map((l) => lineWidth(l.text)));
  const tolerance = Math.max(2, full * 0.08);
  const runsOn = (text: string): boolean =>
    full >= MIN_MEASURE && lineWidth(text) >= full - tolerance && !SENTENCE_END.test(text);

  const blocks: Block[] = [];
  let open: Block | null = null;
  let held: Block[] = [];
  let continues = false;
  const close = (): void => {
    if (open) blocks.push(open);
    blocks.push(...held);
    open = null;
    held = [];
    continues = false;
  };

  lines.forEach((line, i) => {
    if (!line.text) {
      // pdf-parse ends each page with an empty line; only a blank line before more text on the
      // same page is a paragraph break.
      const next = lines[i + 1];
      if (next?.text && next.page === line.page) close();
      return;
    }
    if (isPageNumber(line.text)) {
      held.push({ text: line.text, page: line.page });
      return;
    }
    if (open && continues) {
      open.text = join(open.text, line.text);
    } else {
      close();
      open = { text: line.text, page: line.page };
    }
    continues = runsOn(line.text);
  });
  close();
  return blocks;
}
