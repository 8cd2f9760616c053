/**
 * Splits a source's paragraphs into logical documents: a web page bundling pieces `篇一:…篇六:`,
 * and a piece that itself bundles materials titled `…材料 (一)`, `…材料 (二)`.
 * @module
 */
import type { ArticleInfo, Paragraph } from '../types.js';
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

const PIECE_MARKER = /^篇([一二三四五六七八九十]+)\s*[:：]/;
/** A short title line ending with a sub-material number: `政协加强协商民主建设经验汇报材料 (一)`. */
const SUB_MARKER = /^[^。；，,]{4,60}?\s*[(（]([一二三四五六七八九十]+)[)）]$/;

function splitOnPieceMarkers(paragraphs: Paragraph[]): Piece[] | null {
  const pieces: Piece[] = [];
  for (const p of paragraphs) {
    const m = p.text.match(PIECE_MARKER);
    if (m) {
      // The marker line repeats the site's page title after the colon: it names the page, not the piece.
      pieces.push({ label: `篇${m[1]}`, paragraphs: [] });
    } else if (pieces.length > 0) {
      pieces.at(-1)!.paragraphs.push(p);
    }
  }
  return pieces.length > 0 ? pieces : null;
}

/** Splits a piece on `…(一)`, `…(二)` title lines when they count up from 一; otherwise returns it whole. */
function splitOnSubMarkers(piece: Piece): Piece[] {
  const starts: number[] = [];
  piece.paragraphs.forEach((p, i) => {
    const m = p.text.match(SUB_MARKER);
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
