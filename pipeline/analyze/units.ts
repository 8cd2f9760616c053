/**
 * Cuts a document into the units the rules work on: blocks (the text each innermost section holds
 * on its own, headings left out), sentences (`。！？` and line ends), parts (`；`) and comma pieces,
 * all with offsets into the document text.
 * @module
 */
import type { Section } from '../types.js';

export interface Span {
  start: number;
  end: number;
}

export interface Piece extends Span {
  text: string;
}

/** A sentence: its `；`-parts, each a list of comma pieces. */
export interface Sentence extends Span {
  parts: Piece[][];
}

export interface Block extends Span {
  /** Path of the innermost section, '' outside every section. */
  path: string;
  /** The innermost section and its ancestors, innermost first. */
  chain: Section[];
}

/** Where a section's label and heading end, so headings are not read as clauses. */
function headingEnd(text: string, s: Section): number {
  const at = s.heading ? text.indexOf(s.heading, s.start) : -1;
  const labelEnd = s.start + s.label.length;
  let end = at >= 0 && at <= labelEnd + 4 ? at + s.heading.length : labelEnd;
  // A heading cut out of a long first sentence (`（一）在普遍增产粮食的基础上抓好两头，一头是…` names its
  // section by its first 30 characters) is the start of the content, not a heading.
  if (end > labelEnd && end < s.end && !/[。！？：:\s]/.test(text[end] ?? '')) return labelEnd;
  if (/[。：:]/.test(text[end] ?? '')) end += 1;
  return Math.min(end, s.end);
}

/** Whether another section starts inside `s`: `starts` is every section's start, ascending. */
function holdsSection(starts: readonly number[], s: Section): boolean {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= s.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && starts[lo]! < s.end;
}

/** The innermost section holding `pos` and its ancestors, innermost first. */
function chainAt(sections: readonly Section[], pos: number): Section[] {
  return sections
    .filter((s) => s.start <= pos && pos < s.end)
    .sort((a, b) => b.depth - a.depth || b.start - a.start);
}

/** The document's text split by innermost section, headings excluded, in text order. */
export function blocksOf(doc: { readonly text: string; readonly sections: readonly Section[] }): Block[] {
  const { text, sections } = doc;
  // An item's "heading" (`一是完善委员履职考核机制,…`) is the first words of its content: keep it. So is an
  // article's (`第三条 编制…规划，…应当…。`) and that of a numbered paragraph inside an article: cut their label only.
  // A numbered paragraph that is all "heading" (`4．各级政协应当…。`, nothing after it, no section inside) is content too.
  const articles = sections.filter((s) => s.kind === 'article');
  const starts = sections.map((s) => s.start).sort((a, b) => a - b);
  const headings: Span[] = sections
    .filter((s) => s.kind !== 'item')
    .map((s) => {
      const labelEnd = Math.min(s.start + s.label.length, s.end);
      if (s.kind === 'article' || articles.some((a) => a.start <= s.start && s.end <= a.end)) return { start: s.start, end: labelEnd };
      const end = headingEnd(text, s);
      return { start: s.start, end: text.slice(end, s.end).trim() || holdsSection(starts, s) ? end : labelEnd };
    });
  const cuts = new Set<number>([0, text.length]);
  for (const s of sections) cuts.add(s.start).add(s.end);
  for (const h of headings) cuts.add(h.end);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const blocks: Block[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? start;
    if (end <= start || headings.some((h) => start >= h.start && start < h.end)) continue;
    const chain = chainAt(sections, start);
    const path = chain[0]?.path ?? '';
    const last = blocks[blocks.length - 1];
    if (last && last.path === path && last.end === start) last.end = end;
    else blocks.push({ start, end, path, chain });
  }
  return blocks;
}

/** Character classes for the one-pass splitter. */
const enum Ch {
  Other,
  Space,
  Open,
  Close,
  PieceSep,
  PartSep,
  SentenceSep,
}

const CLASS = new Uint8Array(0x10000);
const mark = (chars: string, cls: Ch): void => {
  for (const ch of chars) CLASS[ch.charCodeAt(0)] = cls;
};
mark(' \t\r\u00a0\u3000', Ch.Space);
mark('(（“《「[', Ch.Open);
mark(')）”》」]', Ch.Close);
mark('，,：:', Ch.PieceSep);
mark('；;', Ch.PartSep);
mark('。！？!?\n', Ch.SentenceSep);

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Sentences of one block, in one pass: `。！？` and line ends close a sentence; `；` a part and
 * `，：` a piece, except inside brackets or quotes and in numbers such as `1,000`.
 */
export function sentencesOf(text: string, block: Span): Sentence[] {
  const sentences: Sentence[] = [];
  let part: Piece[] = [];
  let parts: Piece[][] = [];
  let pieceFrom = block.start;
  let sentenceFrom = block.start;
  let depth = 0;
  // No closures here: the loader's keepNames would name each one on every call, a cost that shows.
  for (let i = block.start; i <= block.end; i++) {
    const code = text.charCodeAt(i);
    const cls = i === block.end ? Ch.SentenceSep : (CLASS[code] as Ch);
    if (cls === Ch.Other || cls === Ch.Space) continue;
    if (cls === Ch.Open) {
      depth++;
      continue;
    }
    if (cls === Ch.Close) {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (cls !== Ch.SentenceSep && depth > 0) continue;
    if (code === 44 && cls !== Ch.SentenceSep && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) continue;
    const piece = trimmed(text, pieceFrom, i);
    if (piece) part.push({ start: piece.start, end: piece.end, text: text.slice(piece.start, piece.end) });
    pieceFrom = i + 1;
    if (cls === Ch.PieceSep) continue;
    if (part.length) {
      parts.push(part);
      part = [];
    }
    if (cls === Ch.PartSep) continue;
    const sentence = parts.length ? trimmed(text, sentenceFrom, i) : null;
    if (sentence) sentences.push({ start: sentence.start, end: sentence.end, parts });
    parts = [];
    sentenceFrom = i + 1;
    depth = 0;
  }
  return sentences;
}

/** The span between `a` and `b` without surrounding spaces; null when nothing is left. */
function trimmed(text: string, a: number, b: number): Span | null {
  while (a < b && CLASS[text.charCodeAt(a)] === Ch.Space) a++;
  while (b > a && CLASS[text.charCodeAt(b - 1)] === Ch.Space) b--;
  return b > a ? { start: a, end: b } : null;
}
