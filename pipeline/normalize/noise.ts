/**
 * Scrape-guard noise: a stray character dropped between spaces every 20–30 characters, inside
 * words (`民主建 质 设`), sometimes with a space on one side only (`代 酚表性`) or as a bare
 * double space. A paragraph is cleaned only when such marks are dense in it, so spaced text
 * elsewhere (`XX 区`, `2020 年`, a title `…作用 推进…`) is untouched.
 * @module
 */
import { withChange } from './changes.js';
import type { Paragraph } from '../types.js';
import { FOREIGN, isAsciiLetter, isForeignChar, isHan, isNumberish, pieceStarts } from './text.js';
import { intruderSide, touchesWord } from './wordscore.js';

// Every pattern starts with a literal space (context is checked by lookbehind after it), so the
// regex engine skips straight from space to space: this pass reads every paragraph of every source.
/** A neighbour that is not part of a number or Latin word. */
const NB = '[^\\s0-9A-Za-z]';
/** `a x b`: one stray character between spaces. */
const ISLAND = new RegExp(` (?<=${NB} )([^\\s0-9Xx]) (?=${NB})`, 'gu');
/** `a  b`: a bare gap where the stray character was invisible or stripped. */
const GAP = new RegExp(` {2,}(?<=${NB} {2,})(?=${NB})`, 'gu');
/** A foreign character glued to one side of a space (`仍存 ┪在`). */
const ONE_SIDED_FOREIGN = new RegExp(` (?:(?<=${NB} )${FOREIGN}(?=${NB})|(?<=${NB}${FOREIGN} )(?=${NB}))`, 'gu');
const PRIVATE_USE = /\p{Co}/gu;
const OPENERS = new Set(['(', '（']);
const CLOSERS = new Set([')', '）']);

/** At least this many marks, and at most this many characters per mark, make a paragraph noisy. */
const MIN_MARKS = 2;
const MAX_CHARS_PER_MARK = 80;
/** How many paragraphs away a dense one makes a single mark count. */
const REGION = 2;
/**
 * Dense paragraphs a bundle piece needs before any of it is cleaned: the guard salts a whole page,
 * while a clean text may have one or two spaced lines (a byline `王振华 口述 刘文清 整理`).
 */
const MIN_DENSE_PER_PIECE = 3;
/** Context characters on each side when weighing which character beside a space is the intruder. */
const CONTEXT = 4;
/**
 * Log-probability credit for keeping both characters beside a space. Dropping any character
 * shortens the text and so scores a little better (≈ 2 on a spaced title); a real intruder scores
 * better by far more (≥ 10 on the seed). Tuned on the noise-injection test (3–4 equally good).
 */
const KEEP_BIAS = 4;

function isBracketedLabel(text: string, offset: number): boolean {
  return OPENERS.has(text[offset - 1] ?? '') && CLOSERS.has(text[offset + 3] ?? '');
}

/**
 * Text spaced out on purpose, which the guard's marks look like but which loses nothing: a short
 * label of single characters before a colon (`索 引 号：`, `主 题 词：`, `标　　题：` in a gov.cn
 * metadata table), and a line or table cell spaced letter by letter (a title `几 个 问 题 的 通 知`).
 * Both stand at a line's or cell's start; the guard drops its characters inside running text.
 */
const SPACED = new RegExp(
  [String.raw`(?:\p{Script=Han} +){1,4}\p{Script=Han}(?= *[:：])`, String.raw`\p{Script=Han}(?: +\p{Script=Han}){2,}(?=$|\t)`].join('|'),
  'uy',
);

/** The text cut into parts: even indexes the noise pass may clean, odd ones spaced on purpose. */
function spacedParts(text: string): string[] {
  const parts: string[] = [];
  let at = 0;
  // Spaced text starts a line or a cell: try there only (this pass reads every paragraph).
  for (let cell = 0; cell >= 0 && cell < text.length; cell = text.indexOf('\t', cell) + 1 || -1) {
    SPACED.lastIndex = cell;
    const m = SPACED.exec(text);
    if (m) {
      parts.push(text.slice(at, cell), m[0]);
      at = cell + m[0].length;
    }
  }
  parts.push(text.slice(at));
  return parts;
}

/** Number of noise marks (islands, bare gaps, one-sided foreign characters) in a paragraph. */
export function noiseMarks(text: string): number {
  if (!text.includes(' ')) return 0;
  return spacedParts(text).reduce((sum, part, i) => sum + (i % 2 ? 0 : marksIn(part)), 0);
}

/**
 * Matches of a global pattern that starts with a literal space (never empty), counted by `exec`
 * from the start: matchAll clones the expression on every call, a cost that showed in this pass.
 * `exec` leaves lastIndex at 0 again when it finds no more.
 */
function countMatches(re: RegExp, text: string, keep?: (index: number) => boolean): number {
  let n = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (!keep || keep(m.index)) n++;
  return n;
}

function marksIn(text: string): number {
  return countMatches(ISLAND, text, (at) => !isBracketedLabel(text, at)) + countMatches(GAP, text) + countMatches(ONE_SIDED_FOREIGN, text);
}

/** A space between two Han characters: only suspicious where the guard is known to be at work. */
const HAN_SPACE = / (?<=\p{Script=Han} )(?=\p{Script=Han})/u;

/**
 * Which paragraphs to clean: those where marks are dense, and, within {@link REGION} paragraphs
 * of a dense one in the same bundle piece, any with a mark or a space between Han characters
 * (the guard covers a region of the page; a short line holds one mark or none).
 */
export function noisyFlags(paragraphs: readonly Paragraph[]): boolean[] {
  const marks = paragraphs.map((p) => noiseMarks(p.text));
  const dense = paragraphs.map((p, i) => marks[i]! >= MIN_MARKS && p.text.length / marks[i]! <= MAX_CHARS_PER_MARK);
  const hanSpace = (text: string): boolean => spacedParts(text).some((part, i) => i % 2 === 0 && HAN_SPACE.test(part));
  let n = 0;
  const starts = new Set(pieceStarts(paragraphs));
  const piece = paragraphs.map((_, i) => (starts.has(i) ? ++n : n));
  const nearDense = (i: number): boolean => {
    for (let j = Math.max(0, i - REGION); j <= Math.min(paragraphs.length - 1, i + REGION); j++) {
      if (dense[j] && piece[j] === piece[i]) return true;
    }
    return false;
  };
  const densePerPiece = new Map<number, number>();
  dense.forEach((d, i) => d && densePerPiece.set(piece[i]!, (densePerPiece.get(piece[i]!) ?? 0) + 1));
  return dense.map((d, i) => (densePerPiece.get(piece[i]!) ?? 0) >= MIN_DENSE_PER_PIECE
    && (d || (nearDense(i) && (marks[i]! > 0 || hanSpace(paragraphs[i]!.text)))));
}

/** A foreign character, or a lone Latin letter glued to Chinese (`中国 Z 特色`), at `chars[i]`. */
function isForeign(chars: readonly string[], i: number): boolean {
  const ch = chars[i]!;
  if (isAsciiLetter(ch)) return !isNumberish(ch) && !isAsciiLetter(chars[i - 1] ?? '') && !isAsciiLetter(chars[i + 1] ?? '');
  return isForeignChar(ch);
}

/** Part of a number or Latin word (`2020`, `XX`, `PPP`): its spacing is the author's. */
function isWordish(chars: readonly string[], i: number): boolean {
  const ch = chars[i] ?? '';
  return isNumberish(ch) || (isAsciiLetter(ch) && !isForeign(chars, i));
}

/** Resolves the single spaces left after islands and gaps: one-sided intruders, or a gap to close. */
function resolveSingleSpaces(text: string): { text: string; removed: number } {
  const chars = Array.from(text);
  const out: string[] = [];
  let removed = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const a = out.at(-1);
    const b = chars[i + 1];
    if (ch !== ' ' || a === undefined || b === undefined || b === ' ' || isWordish(out, out.length - 1) || isWordish(chars, i + 1)) {
      out.push(ch);
      continue;
    }
    const aForeign = isForeign(out, out.length - 1);
    const bForeign = isForeign(chars, i + 1);
    // Whole words on both sides (`内容心得 学习《…》`): the author's space, not a guard's.
    if (!aForeign && !bForeign && touchesWord(out.slice(-CONTEXT).join(''), false) && touchesWord(chars.slice(i + 1, i + 1 + CONTEXT).join(''), true)) {
      out.push(ch);
      continue;
    }
    removed++;
    if (aForeign || bForeign) {
      if (aForeign) out.pop();
      if (bForeign) i++;
      continue;
    }
    let side: 'left' | 'right' | null = null;
    if (isHan(a) || isHan(b)) {
      const before = out.slice(-CONTEXT - 1, -1).join('').replace(/ /g, '');
      const after = chars.slice(i + 2, i + 2 + CONTEXT).join('').replace(/ /g, '');
      side = intruderSide(before, a, b, after, { left: isHan(a), right: isHan(b) }, KEEP_BIAS);
    }
    if (side === 'left') out.pop();
    else if (side === 'right') i++;
  }
  return { text: out.join(''), removed };
}

/** Cleans one paragraph known to be noisy, sparing text spaced on purpose; returns the text and the number of removals. */
export function cleanNoise(text: string): { text: string; removed: number } {
  let removed = 0;
  const parts = spacedParts(text).map((part, i) => {
    if (i % 2) return part;
    const cleaned = cleanPart(part);
    removed += cleaned.removed;
    return cleaned.text;
  });
  return { text: parts.join(''), removed };
}

function cleanPart(text: string): { text: string; removed: number } {
  let removed = 0;
  let t = text.replace(ISLAND, (whole, _ch: string, offset: number, all: string) => {
    if (isBracketedLabel(all, offset)) return whole;
    removed++;
    return '';
  });
  t = t.replace(GAP, () => {
    removed++;
    return '';
  });
  const single = resolveSingleSpaces(t);
  removed += single.removed;
  t = single.text.replace(PRIVATE_USE, () => {
    removed++;
    return '';
  });
  return { text: t, removed };
}

/** Cleans the noisy paragraphs of a source. */
export function removeScrapeNoise(paragraphs: readonly Paragraph[]): { paragraphs: Paragraph[]; removed: number } {
  const flags = noisyFlags(paragraphs);
  let removed = 0;
  const out = paragraphs.map((p, i) => {
    if (!flags[i]) return p;
    const cleaned = cleanNoise(p.text);
    removed += cleaned.removed;
    return withChange({ ...p, text: cleaned.text }, 'scrape_noise', cleaned.removed);
  });
  return { paragraphs: out, removed };
}
