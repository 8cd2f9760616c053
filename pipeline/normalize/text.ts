/**
 * Character classes and line shapes the normalize passes share.
 * @module
 */
import { chineseNumber } from '../structure/labels.js';

/** A Han ideograph (BMP blocks, compatibility ideographs and the supplementary planes), or 〇. */
export function isHan(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3134f) ||
    cp === 0x3007
  );
}

/**
 * Pattern source for a character no Chinese text puts between words: not Han, punctuation, ASCII
 * letter/digit or space (private-use, circled digits, box drawing, kana, Cyrillic, ī…).
 */
export const FOREIGN = '[^\\p{Script=Han}\\p{P}\\s0-9A-Za-z]';
const FOREIGN_CHAR = new RegExp(`^${FOREIGN}$`, 'u');

export function isForeignChar(ch: string): boolean {
  return FOREIGN_CHAR.test(ch);
}

/** ASCII digits and the anonymising `X`: text placeholders (`XX 区`, `X 年`), never scrape noise. */
export function isNumberish(ch: string): boolean {
  return /^[0-9Xx]$/.test(ch);
}

export function isAsciiLetter(ch: string): boolean {
  return /^[A-Za-z]$/.test(ch);
}

/** Closing marks that may follow a sentence's final punctuation (`。”`, `！）`). */
const CLOSERS = /[”’」』）)】》\]]+$/u;
const FINAL = /(?:[。！？!?；;：:…]|\.\.\.)$/u;

/** True when the text ends a sentence (or a colon-introduced list, or a truncation mark). */
export function endsSentence(text: string): boolean {
  // Only the last few characters matter; `$`-anchored patterns would otherwise scan the whole paragraph.
  return FINAL.test(text.slice(-12).replace(CLOSERS, ''));
}

/** A bundle's piece marker `篇三:…`; the structure stage splits on these, so they stay their own lines. */
export const PIECE_MARKER = /^篇([一二三四五六七八九十]+)\s*[:：]/;

/**
 * Where a bundle's pieces start: the paragraphs whose markers count up from 篇一 (篇一, 篇二, …),
 * and none unless at least two do. A text that says `篇一：` once, or numbers out of order, is
 * one document, not a bundle.
 */
export function pieceStarts(paragraphs: readonly { text: string }[]): number[] {
  const starts: number[] = [];
  paragraphs.forEach((p, i) => {
    const m = PIECE_MARKER.exec(p.text);
    if (m && chineseNumber(m[1]!) === starts.length + 1) starts.push(i);
  });
  return starts.length >= 2 ? starts : [];
}

const CN = '[一二三四五六七八九十百〇零两]+';
/** A heading label at the start of a line: `一、`, `(二)`, `( 三 )`, `4.`, `5、`, `第六条`, `①`. */
export const LABEL_START = new RegExp(
  `^(?:${CN}\\s*、|[(（]\\s*(?:${CN}|\\d{1,3})\\s*[)）]|\\d{1,3}\\s*[.．、](?![\\d.．])|第${CN}[条章节]|[①-⑳])`,
);

/** A short labelled line without a full stop: a heading that must not swallow the next paragraph. */
export function isHeadingLine(text: string): boolean {
  return text.length <= 40 && LABEL_START.test(text) && !/[。！？!?；;]/.test(text);
}
