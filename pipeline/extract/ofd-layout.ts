/**
 * An OFD page's text in reading order. OFD places every run of text (`TextCode`) at a position in
 * millimetres and says nothing of lines or paragraphs, so runs whose baselines agree are one visual
 * line (left to right), lines go top to bottom, and a paragraph break is written as a blank line
 * where the layout shows one: a first line indented from the text's left edge, or a gap clearly
 * wider than the line pitch. The PDF path's paragraph rebuilding (pdf-paragraphs.ts) then joins
 * the lines of each paragraph, as it does for a PDF's visual lines.
 * @module
 */

/** One run of text on a page, its baseline start in page coordinates (mm, y downwards). */
export interface TextRun {
  x: number;
  y: number;
  /** Font size (mm), which is also the em the runs' spacing is measured in. */
  size: number;
  /** How far the run reaches to the right (mm), from its glyph advances. */
  width: number;
  text: string;
}

interface Line {
  y: number;
  x: number;
  size: number;
  text: string;
}

/** Baselines closer than this share of the font size are one line (superscripts, mixed fonts). */
const SAME_LINE = 0.5;
/** A line starting this many ems right of the left edge opens a paragraph (Chinese indents 2 em). */
const INDENT = 1.5;
/** A gap this many times the usual line pitch separates paragraphs. */
const GAP = 1.6;


/** A gap between runs wider than this share of the font size is a space (producers often place each glyph on its own). */
const SPACE = 0.25;

/**
 * Joins the runs of one line, left to right: runs that abut are one word (a number set glyph by
 * glyph stays `2021`); a visible gap next to a Latin letter or digit is a space, between CJK none.
 */
function joinRuns(runs: readonly TextRun[]): string {
  let text = '';
  let end = -Infinity;
  for (const run of runs) {
    const piece = run.text.trim();
    const gap = run.x - end > SPACE * run.size;
    if (!piece) continue;
    text += gap && text && (/[A-Za-z0-9]$/.test(text) || /^[A-Za-z0-9]/.test(piece)) ? ` ${piece}` : piece;
    end = run.x + run.width;
  }
  return text;
}

/** Runs grouped into visual lines, top to bottom, each line's runs left to right. */
export function visualLines(runs: readonly TextRun[]): Line[] {
  const sorted = runs.filter((r) => r.text.trim()).sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: { y: number; size: number; runs: TextRun[] }[] = [];
  for (const run of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(run.y - line.y) < SAME_LINE * Math.max(line.size, run.size)) {
      line.runs.push(run);
      line.size = Math.max(line.size, run.size);
    } else {
      lines.push({ y: run.y, size: run.size, runs: [run] });
    }
  }
  return lines.map((line) => {
    const ordered = line.runs.sort((a, b) => a.x - b.x);
    return { y: line.y, x: ordered[0]!.x, size: line.size, text: joinRuns(ordered) };
  });
}

/** The median of some numbers (0 for none). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A page's text: one visual line per text line, a blank line before each paragraph that the layout opens. */
export function pageText(runs: readonly TextRun[]): string {
  const lines = visualLines(runs);
  if (lines.length === 0) return '';
  const left = Math.min(...lines.map((l) => l.x));
  const pitch = median(lines.slice(1).map((l, i) => l.y - lines[i]!.y));
  const out: string[] = [];
  lines.forEach((line, i) => {
    const gap = i > 0 ? line.y - lines[i - 1]!.y : 0;
    const indented = line.x - left >= INDENT * line.size;
    if (i > 0 && (indented || (pitch > 0 && gap > GAP * pitch))) out.push('');
    out.push(line.text);
  });
  return out.join('\n');
}
