/**
 * Structure stage: normalized paragraphs → logical documents, each with its text, title lines,
 * section tree (offsets into the text) and truncation flag.
 * @module
 */
import type { ChangeCounts, DocumentDraft, Normalized, Paragraph } from '../types.js';
import { splitBundle } from './bundle.js';
import { matchLabel } from './labels.js';
import { buildTree, type PlacedParagraph } from './tree.js';

export { chineseNumber } from './labels.js';

/** Where a site cut the text: it ends with an ellipsis. */
const truncated = (text: string): boolean => {
  // What `/(…|\.{3}|。{3})\s*$/` matches, read from the end instead of tried at every position of the text.
  const end = text.trimEnd();
  return end.endsWith('…') || end.endsWith('...') || end.endsWith('。。。');
};
const MAX_TITLE = 60;

function isTitleLine(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= MAX_TITLE && !/[。！？]/.test(t) && !/[:：]$/.test(t) && !matchLabel(t);
}

/** Leading spaced segments of a long first paragraph that read like a title (篇二 runs title and body together). */
function inlineTitles(text: string): string[] {
  const out: string[] = [];
  // Segment by segment (the first usually ends it), not the whole paragraph split at every space.
  for (const [seg] of text.matchAll(/\S+/g)) {
    if (/[。，,；;：:]/.test(seg) || seg.length > 40 || (seg.match(/[\u4e00-\u9fff]/g)?.length ?? 0) < 4) break;
    out.push(seg);
  }
  return out;
}

/** Title lines at the top of a document, before its body starts. */
function titleCandidates(paragraphs: Paragraph[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    if (!isTitleLine(p.text)) {
      if (out.length === 0) out.push(...inlineTitles(p.text));
      break;
    }
    out.push(p.text.trim());
  }
  return out;
}

function sumChanges(paragraphs: Paragraph[], fallback: ChangeCounts): ChangeCounts {
  if (!paragraphs.some((p) => p.changes)) return fallback;
  const total: ChangeCounts = {};
  for (const p of paragraphs) {
    for (const [kind, n] of Object.entries(p.changes ?? {}) as [keyof ChangeCounts, number][]) {
      total[kind] = (total[kind] ?? 0) + n;
    }
  }
  return total;
}

function pageRange(paragraphs: Paragraph[]): [number, number] | null {
  let range: [number, number] | null = null;
  for (const { page } of paragraphs) {
    if (!page) continue;
    if (!range) range = [page, page];
    else if (page < range[0]) range[0] = page;
    else if (page > range[1]) range[1] = page;
  }
  return range;
}

/** Joins paragraphs with newlines, remembering where each starts. */
function place(paragraphs: Paragraph[]): { text: string; placed: PlacedParagraph[] } {
  const placed: PlacedParagraph[] = [];
  let offset = 0;
  for (const p of paragraphs) {
    placed.push({ text: p.text, start: offset, ...(p.heading ? { heading: p.heading } : {}) });
    offset += p.text.length + 1;
  }
  return { text: paragraphs.map((p) => p.text).join('\n'), placed };
}

/**
 * The source's documents. What the source says about itself (its title, issuer…) goes on its
 * only document, or on the first of several: a bundle's later pieces have titles of their own.
 */
export function structure(normalized: Normalized): DocumentDraft[] {
  const pieces = splitBundle(normalized.paragraphs);
  const single = pieces.length === 1;
  return pieces.map((piece, i) => {
    const { text, placed } = place(piece.paragraphs);
    return {
      text,
      piece: piece.label,
      titleCandidates: titleCandidates(piece.paragraphs),
      sections: buildTree(placed, text.length, i === 0 ? normalized.signals?.title?.value : undefined),
      truncated: truncated(text),
      pageRange: pageRange(piece.paragraphs) ?? piece.pageRange ?? null,
      changes: sumChanges(piece.paragraphs, single ? normalized.changes : {}),
      ...(piece.article ? { article: piece.article } : {}),
      ...(i === 0 && normalized.signals ? { signals: normalized.signals } : {}),
    };
  });
}
