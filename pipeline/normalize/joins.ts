/**
 * Rejoins paragraphs a PDF export broke inside a sentence (`…对在乡` + `镇(街道)…`), and folds
 * stray punctuation-only lines back where they belong.
 * @module
 */
import { docNumberLine } from '../doc-number.js';
import { addCounts } from './changes.js';
import type { Paragraph } from '../types.js';
import { endsSentence, isHeadingLine, LABEL_START, PIECE_MARKER } from './text.js';

const INNER_PUNCT = /[,，、;；。：:！？!?]/;
/** Length from which an unpunctuated line reads as broken prose rather than a title. */
const LONG_LINE = 40;
const PUNCT_ONLY = /^[\p{P}\s]+$/u;
/** Longest cell of a table row (labels and values of a metadata table are short). */
const MAX_CELL = 40;
const PAIRS: readonly [string, string][] = [['《', '》'], ['“', '”'], ['(', ')'], ['（', '）']];

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** A bracket or quote opened and not closed: the sentence runs on. */
function hasOpenPair(text: string): boolean {
  return PAIRS.some(([open, close]) => count(text, open) > count(text, close));
}

/**
 * Prose that stops mid-sentence, as opposed to a title, heading or piece marker. Where the format
 * marks paragraphs itself (Markdown's blank lines), only a bracket or quote left open says so: an
 * adoption line `…第一次修正` without a full stop is a paragraph of its own.
 */
function endsMidSentence(p: Paragraph, explicitParagraphs: boolean): boolean {
  const t = p.text;
  if (p.heading !== undefined || PIECE_MARKER.test(t) || endsSentence(t) || isHeadingLine(t) || standsAlone(t)) return false;
  if (explicitParagraphs) return hasOpenPair(t);
  return INNER_PUNCT.test(t) || hasOpenPair(t) || t.length >= LONG_LINE;
}

/** An addressee or salutation line: `各省、自治区、直辖市人民政府，国务院各部委：`, `各位代表：`. */
const ADDRESS = /^[^。！？]{2,80}[：:]\s*$/;

/** A table row: short cells without sentence punctuation, separated by tabs (a PDF line may carry a tab inside prose). */
function isTableRow(text: string): boolean {
  const cells = text.split('\t');
  return cells.length >= 2 && cells.every((c) => c.trim().length <= MAX_CELL && !/[，,。；;！？!?]/.test(c));
}

/**
 * Lines of a title block or a table that are never halves of a sentence: a table row, a 发文字号
 * standing alone, an addressee or salutation line.
 */
function standsAlone(text: string): boolean {
  return isTableRow(text) || docNumberLine(text) !== null || ADDRESS.test(text);
}

function startsOwnParagraph(p: Paragraph): boolean {
  return p.heading !== undefined || PIECE_MARKER.test(p.text) || LABEL_START.test(p.text) || standsAlone(p.text);
}

/** Glues two halves of a sentence; a space only between two Latin/digit word ends. */
function glue(a: string, b: string): string {
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** The joined paragraph carries the changes of both halves, plus the join itself. */
function absorb(into: Paragraph, from: Paragraph): void {
  into.changes = addCounts(addCounts({ ...into.changes }, from.changes), { line_join: 1 });
}

/**
 * Joined paragraphs (the first half keeps its heading/page), and counts: `joined` lines rejoined,
 * `dropped` punctuation-only lines that repeated the previous paragraph's final mark.
 * `explicitParagraphs`: the format's own paragraph breaks are real (see {@link endsMidSentence}).
 */
export function joinBrokenLines(paragraphs: readonly Paragraph[], explicitParagraphs = false): {
  paragraphs: Paragraph[];
  joined: number;
  dropped: number;
} {
  let joined = 0;
  let dropped = 0;
  const out: Paragraph[] = [];
  for (const p of paragraphs) {
    const prev = out.at(-1);
    if (prev && PUNCT_ONLY.test(p.text)) {
      if (endsSentence(prev.text)) dropped++;
      else {
        prev.text += p.text;
        absorb(prev, p);
        joined++;
      }
      continue;
    }
    if (prev && endsMidSentence(prev, explicitParagraphs) && !startsOwnParagraph(p)) {
      prev.text = glue(prev.text, p.text);
      absorb(prev, p);
      joined++;
      continue;
    }
    out.push({ ...p });
  }
  return { paragraphs: out, joined, dropped };
}
