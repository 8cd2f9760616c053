/**
 * From tesseract's TSV to text: words grouped into the lines and paragraphs tesseract found
 * (its block/par/line numbers), a per-page confidence, Chinese text without the spaces OCR puts
 * between characters, and paragraphs that run on (within a page or across a break) joined again.
 * @module
 */
import type { Block } from '../types.js';

/** A visual line: its words' text and the horizontal extent of its box, in pixels. */
export interface OcrLine {
  words: string[];
  left: number;
  right: number;
  height: number;
}

/** One page as tesseract read it. */
export interface OcrPage {
  /** 1-based page number within the image (a multi-page TIFF has several). */
  page: number;
  /** Mean word confidence (0–100), each word weighted by its characters; 0 when nothing was read. */
  confidence: number;
  /** Paragraphs in reading order, each a list of lines. */
  paragraphs: OcrLine[][];
}

/** TSV columns tesseract writes, in order. */
const COLUMNS = ['level', 'page_num', 'block_num', 'par_num', 'line_num', 'word_num', 'left', 'top', 'width', 'height', 'conf', 'text'] as const;
const col = Object.fromEntries(COLUMNS.map((name, i) => [name, i])) as Record<(typeof COLUMNS)[number], number>;

/** Row level of a word in tesseract's TSV (1 page, 2 block, 3 paragraph, 4 line, 5 word). */
const WORD = 5;

/** Reads tesseract's TSV into pages of paragraphs of lines. Pages without a word still appear, empty. */
export function parseTsv(tsv: string): OcrPage[] {
  const pages = new Map<number, { paragraphs: Map<string, Map<number, OcrLine>>; weighted: number; chars: number }>();
  for (const row of tsv.split('\n').slice(1)) {
    const cells = row.split('\t');
    if (cells.length < COLUMNS.length) continue;
    const num = (name: keyof typeof col): number => Number(cells[col[name]]);
    const pageNum = num('page_num');
    let page = pages.get(pageNum);
    if (!page) {
      page = { paragraphs: new Map(), weighted: 0, chars: 0 };
      pages.set(pageNum, page);
    }
    const text = (cells[col.text] ?? '').trim();
    if (num('level') !== WORD || !text) continue;
    const conf = num('conf');
    if (conf >= 0) {
      const chars = [...text].length;
      page.weighted += conf * chars;
      page.chars += chars;
    }
    const parKey = `${num('block_num')}/${num('par_num')}`;
    let par = page.paragraphs.get(parKey);
    if (!par) {
      par = new Map();
      page.paragraphs.set(parKey, par);
    }
    const left = num('left');
    const right = left + num('width');
    const line = par.get(num('line_num'));
    if (line) {
      line.words.push(text);
      line.left = Math.min(line.left, left);
      line.right = Math.max(line.right, right);
      line.height = Math.max(line.height, num('height'));
    } else {
      par.set(num('line_num'), { words: [text], left, right, height: num('height') });
    }
  }
  return [...pages].map(([page, p]) => ({
    page,
    confidence: p.chars ? Math.round((p.weighted / p.chars) * 10) / 10 : 0,
    paragraphs: [...p.paragraphs.values()].map((lines) => [...lines.values()]),
  }));
}

/** Characters set solid in Chinese: Han, kana, Hangul, CJK punctuation and full-width forms. */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFFEF\u2014\u2018\u2019\u201C\u201D\u2026]/u;
const PUNCT = /\p{P}/u;
/** Punctuation that hugs what comes before it (closing, final, and other: `,`, `%`, `)`). */
const HUGS_LEFT = /[\p{Pe}\p{Pf}\p{Po}]/u;
/** Punctuation that hugs what comes after it (opening: `(`, `“`). */
const HUGS_RIGHT = /[\p{Ps}\p{Pi}]/u;

/**
 * Whether two pieces OCR read apart belong together without a space: between CJK characters
 * (tesseract separates them, the text never had a space), next to punctuation, but not between
 * a Han character and a Latin word or a number (`中共 XX 区委`, `召开 1-2 次`).
 */
function solid(left: string, right: string): boolean {
  const l = left.at(-1) ?? '';
  const r = right[0] ?? '';
  const cjkOrPunct = (ch: string): boolean => WIDE.test(ch) || PUNCT.test(ch);
  return (cjkOrPunct(l) && cjkOrPunct(r)) || HUGS_LEFT.test(r) || HUGS_RIGHT.test(l);
}

/** Joins OCR'd pieces (words, or lines of one paragraph) with a space only where the text had one. */
export function joinPieces(pieces: readonly string[]): string {
  let text = '';
  for (const piece of pieces) text = !text ? piece : solid(text, piece) ? text + piece : `${text} ${piece}`;
  return text;
}

/** Sentence-final (or clause-final) punctuation, optionally followed by closing quotes or brackets. */
const ENDS_SENTENCE = /[。！？!?：:；;….]["'”’」』）)\]】]*$/u;

/** Where a page's body text starts and where its full lines end, and a tolerance (a line's height). */
interface Edges {
  left: number;
  right: number;
  slack: number;
}

/** The edges of a page's body text: where most lines start and where full lines end. */
function edgesOf(paragraphs: readonly OcrLine[][]): Edges {
  const lines = paragraphs.flat();
  const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
  // Percentiles rather than extremes, so a note in the margin does not move the body's edges.
  const at = (xs: number[], q: number): number => xs[Math.floor((xs.length - 1) * q)] ?? 0;
  return {
    left: at(sorted(lines.map((l) => l.left)), 0.1),
    right: at(sorted(lines.map((l) => l.right)), 0.9),
    slack: at(sorted(lines.map((l) => l.height)), 0.5),
  };
}

/** A paragraph where it was read: its lines, its page and that page's edges. */
interface Placed {
  lines: readonly OcrLine[];
  page: number;
  edges: Edges;
}

/**
 * Whether paragraph `a` runs on into `b`, the next one on the same or the following page:
 * `a`'s last line reaches the right edge without ending a sentence, and `b` starts at the left
 * edge. Tesseract splits such text when paragraphs are not indented, and always at a page break.
 */
function runsOn(a: Placed, b: Placed): boolean {
  const tail = a.lines.at(-1);
  const head = b.lines[0];
  if (!tail || !head || (b.page !== a.page && b.page !== a.page + 1)) return false;
  return (
    tail.right >= a.edges.right - a.edges.slack &&
    !ENDS_SENTENCE.test(tail.words.at(-1) ?? '') &&
    head.left <= b.edges.left + b.edges.slack / 2
  );
}

/** The text of one paragraph. */
const paragraphText = (lines: readonly OcrLine[]): string => joinPieces(lines.map((l) => joinPieces(l.words)));

/**
 * Blocks from OCR'd pages in page order: tesseract's paragraphs, with the ones that run on
 * (across a page break too) joined, each block with the page it starts on.
 */
export function ocrBlocks(pages: readonly OcrPage[]): Block[] {
  const blocks: Block[] = [];
  let previous: Placed | null = null;
  for (const page of pages) {
    const edges = edgesOf(page.paragraphs);
    for (const lines of page.paragraphs) {
      const here: Placed = { lines, page: page.page, edges };
      const text = paragraphText(lines);
      const open = blocks.at(-1);
      if (open && previous && runsOn(previous, here)) open.text = joinPieces([open.text, text]);
      else blocks.push({ text, page: page.page });
      previous = here;
    }
  }
  return blocks;
}
