/**
 * Splits a source's paragraphs into logical documents: a web page bundling pieces `篇一:…篇六:`
 * (and the prose before its first piece), and a piece that itself bundles materials titled
 * `…材料 (一)`, `…材料 (二)`.
 * @module
 */
import type { ArticleInfo, Paragraph } from '../types.js';
import { endsSentence, pieceStarts, PIECE_MARKER } from '../normalize/text.js';
import { chineseNumber } from './labels.js';
import { splitVolume } from './volume.js';

export interface Piece {
  /** `篇五`, `篇一/(二)`, `第三辑/2`, or null for a source that is one document. */
  label: string | null;
  paragraphs: Paragraph[];
  /** Set for an article of a 文史资料 volume. */
  article?: ArticleInfo;
  /** Printed pages, when a volume's 目录 gives them and the format does not. */
  pageRange?: [number, number] | null;
}

/** The label of the text before a bundle's first piece, kept as a document when it holds prose. */
const BEFORE_PIECES = '篇前';
/** The longest line read as a title (as a document's title candidates are). */
const MAX_TITLE = 60;
/** A short title line ending with a sub-material number: `政协加强协商民主建设经验汇报材料 (一)`. */
const SUB_MARKER = /^[^。；，,]{4,60}?\s*[(（]([一二三四五六七八九十]+)[)）]$/;

/**
 * A bundle's pieces, split where markers count up from 篇一 (see {@link pieceStarts}); null for a
 * text that is no bundle. What stands before the first marker (a compiler's note, a text the site
 * put first) is a document of its own when it holds prose; a title line or nothing at all is not.
 */
function splitOnPieceMarkers(paragraphs: Paragraph[]): Piece[] | null {
  const starts = pieceStarts(paragraphs);
  if (starts.length === 0) return null;
  // The marker line repeats the site's page title after the colon: it names the page, not the piece.
  const pieces = starts.map((start, k) => ({
    label: `篇${PIECE_MARKER.exec(paragraphs[start]!.text)![1]}`,
    paragraphs: paragraphs.slice(start + 1, starts[k + 1] ?? paragraphs.length),
  }));
  const before = paragraphs.slice(0, starts[0]);
  return before.some((p) => isProse(p.text)) ? [{ label: BEFORE_PIECES, paragraphs: before }, ...pieces] : pieces;
}

/** A sentence, or a line too long for a title. */
function isProse(text: string): boolean {
  return endsSentence(text) || text.length > MAX_TITLE;
}

/** Splits a piece on `…(一)`, `…(二)` title lines when they count up from 一; otherwise returns it whole. */
function splitOnSubMarkers(piece: Piece): Piece[] {
  const starts: number[] = [];
  piece.paragraphs.forEach((p, i) => {
    // SUB_MARKER ends in `)` or `）`: other lines skip its backtracking.
    const m = p.text.endsWith(')') || p.text.endsWith('）') ? p.text.match(SUB_MARKER) : null;
    if (m && chineseNumber(m[1]!) === starts.length + 1) starts.push(i);
  });
  if (starts.length < 2) return [piece];
  return starts.map((start, k) => {
    const end = starts[k + 1] ?? piece.paragraphs.length;
    const n = piece.paragraphs[start]!.text.match(SUB_MARKER)![1]!;
    return { label: `${piece.label ?? ''}${piece.label ? '/' : ''}(${n})`, paragraphs: piece.paragraphs.slice(start, end) };
  });
}

/** Articles of a 文史资料 volume, each with what the volume says about it. */
function volumePieces(paragraphs: Paragraph[]): Piece[] | null {
  const articles = splitVolume(paragraphs);
  if (!articles) return null;
  return articles.map(({ paragraphs: body, pageRange, ...article }, i) => ({
    label: `${article.volume ?? '卷'}/${i + 1}`,
    paragraphs: body,
    article,
    pageRange,
  }));
}

/** One entry per logical document found in the source, in order. */
export function splitBundle(paragraphs: Paragraph[]): Piece[] {
  const volume = volumePieces(paragraphs);
  if (volume) return volume;
  const pieces = splitOnPieceMarkers(paragraphs) ?? [{ label: null, paragraphs }];
  return pieces.flatMap(splitOnSubMarkers).filter((p) => p.paragraphs.some((q) => q.text.trim()));
}
