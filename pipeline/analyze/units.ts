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

/** How many of `sorted` (ascending) are ≤ `x`: the index of the first one above it. */
export function countAtMost(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether another section starts inside `s`: `starts` is every section's start, ascending. */
function holdsSection(starts: readonly number[], s: Section): boolean {
  const lo = countAtMost(starts, s.start);
  return lo < starts.length && starts[lo]! < s.end;
}

/**
 * Spans sorted by start, and the furthest end among each prefix: whether any span holds a point,
 * or contains another span, in a binary search instead of a scan of them all.
 */
export class Cover {
  private readonly starts: number[];
  private readonly reach: number[];

  constructor(spans: readonly Span[]) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    this.reach = [];
    let reach = -Infinity;
    for (const s of sorted) this.reach.push((reach = Math.max(reach, s.end)));
  }

  /** The furthest end of the spans starting at or before `pos`; -Infinity when none does. */
  private reachAt(pos: number): number {
    const lo = countAtMost(this.starts, pos);
    return lo ? this.reach[lo - 1]! : -Infinity;
  }

  /** Some span has start ≤ pos < end. */
  holds(pos: number): boolean {
    return this.reachAt(pos) > pos;
  }

  /** Some span has start ≤ s.start and s.end ≤ end. */
  contains(s: Span): boolean {
    return this.reachAt(s.start) >= s.end;
  }
}

/**
 * The sections holding each of a rising series of positions, innermost first: those that start at
 * or before the position are taken in, in start order, and dropped once they end at or before it,
 * so each query looks at the open sections only.
 */
export class Chains {
  /** Indices into `sections` by start; a stable sort, so sections of one start stay in document order. */
  private readonly byStart: number[];
  private next = 0;
  /** Indices into `sections` of the sections open at the last position. */
  private open: number[] = [];

  constructor(private readonly sections: readonly Section[]) {
    this.byStart = sections.map((_, i) => i).sort((a, b) => sections[a]!.start - sections[b]!.start);
  }

  /**
   * The innermost section holding `pos` and its ancestors, innermost first; `pos` never falls.
   * Sections alike in depth and start keep their document order, which `byStart` gave them.
   */
  at(pos: number): Section[] {
    const { sections } = this;
    while (this.next < this.byStart.length && sections[this.byStart[this.next]!]!.start <= pos) this.open.push(this.byStart[this.next++]!);
    this.open = this.open.filter((i) => pos < sections[i]!.end);
    return this.open.map((i) => sections[i]!).sort((a, b) => b.depth - a.depth || b.start - a.start);
  }
}

/** The document's text split by innermost section, headings excluded, in text order. */
export function blocksOf(doc: { readonly text: string; readonly sections: readonly Section[] }): Block[] {
  const { text, sections } = doc;
  // An item's "heading" (`一是完善委员履职考核机制,…`) is the first words of its content: keep it. So is an
  // article's (`第三条 编制…规划，…应当…。`) and that of a numbered paragraph inside an article: cut their label only.
  // A numbered paragraph that is all "heading" (`4．各级政协应当…。`, nothing after it, no section inside) is content too.
  const articles = new Cover(sections.filter((s) => s.kind === 'article'));
  const starts = sections.map((s) => s.start).sort((a, b) => a - b);
  const headings: Span[] = sections
    .filter((s) => s.kind !== 'item')
    .map((s) => {
      const labelEnd = Math.min(s.start + s.label.length, s.end);
      if (s.kind === 'article' || articles.contains(s)) return { start: s.start, end: labelEnd };
      const end = headingEnd(text, s);
      return { start: s.start, end: text.slice(end, s.end).trim() || holdsSection(starts, s) ? end : labelEnd };
    });
  const cuts = new Set<number>([0, text.length]);
  for (const s of sections) cuts.add(s.start).add(s.end);
  for (const h of headings) cuts.add(h.end);
  // A typed array sorts numbers by value, without a comparator called per pair.
  const points = new Float64Array(cuts.size);
  let n = 0;
  for (const p of cuts) if (p >= 0 && p <= text.length) points[n++] = p;
  points.subarray(0, n).sort();
  const inHeading = new Cover(headings);
  const chains = new Chains(sections);
  const blocks: Block[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? start;
    if (end <= start || inHeading.holds(start)) continue;
    const chain = chains.at(start);
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
