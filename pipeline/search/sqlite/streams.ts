/**
 * The token streams the FTS5 table stores, as space-separated tokens for its `ascii` tokenizer:
 * jieba search-mode words (for ranking) and Chinese character bigrams (for recall).
 *
 * The tokens are made here, not by FTS5: `ascii` only splits on spaces and ASCII punctuation and
 * takes every other byte as part of a token, which makes FTS5 writes about a third cheaper than
 * `unicode61` decoding and classifying each Chinese character. So every stream, and every phrase
 * of a query ({@link literalPhrase}), is already split into words here: runs of letters, digits
 * (and marks), lower-cased, diacritics removed, everything else a separator; Han characters as
 * bigrams or jieba words.
 *
 * Bigram stream: each run of Han characters `c1…cn` becomes `c1c2 c2c3 … c(n-1)cn cn`; other
 * text becomes its words. The trailing unigram ends the run, so a phrase of consecutive bigrams
 * can only match inside one run: the phrase for a string of k ≥ 2 Han characters matches exactly
 * the units containing that string, and a single character is a prefix query on the tokens
 * starting with it.
 * @module
 */
import { cut, cutForSearch, pushSearchWord } from '../../segment/index.js';

/** Han ideographs (BMP blocks and planes 2–3): indexed as bigrams. */
function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)
    || (code >= 0x20000 && code <= 0x3ffff);
}

interface Run {
  han: boolean;
  text: string;
  /** Characters (code points) of a Han run. */
  chars: string[];
}

function runs(text: string): Run[] {
  const out: Run[] = [];
  let current: Run | null = null;
  for (const ch of text) {
    const han = isHan(ch.codePointAt(0)!);
    if (!current || current.han !== han) {
      current = { han, text: '', chars: [] };
      out.push(current);
    }
    current.text += ch;
    if (han) current.chars.push(ch);
  }
  return out;
}

function bigrams(chars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Characters of a word outside Han runs (what unicode61 took as token characters, and marks). */
const WORD_CHAR = /[\p{L}\p{N}\p{Co}\p{M}]/u;
const WORD_CHARS = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;

let wordTable: Uint8Array | undefined;

/** 1 for each BMP code unit that is a word character: a lookup, where a regular expression per
 * character or per jieba token (most non-Chinese tokens are one punctuation mark) cost as much as
 * the FTS5 writes the ascii tokenizer saves. Surrogates are 2: their words go through the expression. */
function wordChars(): Uint8Array {
  if (wordTable) return wordTable;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < table.length; c++) {
    if (c >= 0xd800 && c <= 0xdfff) table[c] = 2;
    else if (WORD_CHAR.test(String.fromCharCode(c))) table[c] = 1;
  }
  wordTable = table;
  return table;
}

/** A word of folded text as indexed: lower case, without diacritics (`café` → `cafe`). */
function normalizeWord(word: string, out: string[]): void {
  for (const [w] of word.matchAll(WORD_CHARS)) {
    const plain = w.normalize('NFD').replace(MARKS, '').toLowerCase();
    if (plain) out.push(plain);
  }
}

/**
 * Appends the words of folded text outside Han runs (`text[from, to)`): runs of word characters.
 * Folded ASCII is already lower case, so an ASCII word is pushed as it is.
 */
function pushWords(text: string, out: string[], from = 0, to = text.length): void {
  const table = wordChars();
  let start = -1;
  let ascii = true;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 0x20;
    if (table[c] !== 0) {
      if (start === -1) {
        start = i;
        ascii = true;
      }
      if (c >= 0x80) ascii = false;
    } else if (start !== -1) {
      if (ascii) out.push(text.slice(start, i));
      else normalizeWord(text.slice(start, i), out);
      start = -1;
    }
  }
}

/** True when a whole string is Han characters of the BMP blocks (jieba's usual word). */
function allHan(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff))) return false;
  }
  return text.length > 0;
}

/** Code units of the stream being written by {@link bigramStream}, grown as needed. */
let streamUnits = new Uint16Array(1 << 16);
let streamLength = 0;

/** Room for `extra` more code units in {@link streamUnits}. */
function reserve(extra: number): void {
  if (streamLength + extra <= streamUnits.length) return;
  const grown = new Uint16Array(Math.max(streamUnits.length * 2, streamLength + extra));
  grown.set(streamUnits.subarray(0, streamLength));
  streamUnits = grown;
}

/** Appends `text[from, to)` as one token of the stream (a space before all but the first). */
function writeToken(text: string, from: number, to: number): void {
  reserve(to - from + 1);
  const units = streamUnits;
  let at = streamLength;
  if (at > 0) units[at++] = 0x20;
  for (let i = from; i < to; i++) units[at++] = text.charCodeAt(i);
  streamLength = at;
}

/** Whether a Uint16Array holds its code units as UTF-16LE (else they are swapped before decoding). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The bigram stream of folded text, as indexed (the hot path of indexing, hence the index loop):
 * the tokens' code units are written into one buffer and decoded once, instead of a string made
 * for each character and each bigram and all of them joined.
 */
export function bigramStream(folded: string): string {
  streamLength = 0;
  // Where the previous Han character starts (-1: none), and the pending run of other text.
  let prev = -1;
  let other = -1;
  const words: string[] = [];
  for (let i = 0; i < folded.length; i++) {
    let code = folded.charCodeAt(i);
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length) {
      code = folded.codePointAt(i)!;
      width = code > 0xffff ? 2 : 1;
    }
    if (isHan(code)) {
      if (other !== -1) {
        pushWords(folded, words, other, i);
        for (const w of words) writeToken(w, 0, w.length);
        words.length = 0;
        other = -1;
      }
      if (prev !== -1) writeToken(folded, prev, i + width);
      prev = i;
    } else {
      if (prev !== -1) {
        writeToken(folded, prev, i);
        prev = -1;
      }
      if (other === -1) other = i;
    }
    i += width - 1;
  }
  if (prev !== -1) writeToken(folded, prev, folded.length);
  if (other !== -1) {
    pushWords(folded, words, other);
    for (const w of words) writeToken(w, 0, w.length);
  }
  const bytes = Buffer.from(streamUnits.buffer, 0, streamLength * 2);
  if (!LITTLE_ENDIAN) bytes.swap16();
  return bytes.toString('utf16le');
}

/** Appends a search-mode token as the word columns hold it: Han words as they are, others as their words. */
function pushToken(token: string, out: string[]): void {
  if (allHan(token)) out.push(token);
  else pushWords(token, out);
}

/** The search-mode jieba words of folded text, as indexed and as ranked on (punctuation dropped). */
export function wordStream(folded: string): string {
  const out: string[] = [];
  for (const token of cutForSearch(folded)) pushToken(token, out);
  return out.join(' ');
}

/** Appends the word-column tokens of one precise-mode jieba word. */
function pushWordTokens(word: string, out: string[]): void {
  // Search mode adds nothing to a word of one or two units, and a Han word's sub-words are Han.
  if (word.length <= 2) pushToken(word, out);
  else if (allHan(word)) pushSearchWord(word, out);
  else {
    const tokens: string[] = [];
    pushSearchWord(word, tokens);
    for (const t of tokens) pushToken(t, out);
  }
}

let separatorTable: Uint8Array | undefined;

/**
 * 1 for each BMP code unit jieba never takes into a block of words: white space and punctuation
 * (but the `#&._%-` its block pattern keeps with letters and digits). Jieba segments each block
 * on its own, so a span that starts and ends next to such a character is segmented alike alone
 * and inside its text.
 */
function separators(): Uint8Array {
  if (separatorTable) return separatorTable;
  const table = new Uint8Array(0x10000);
  const separator = /[\s\p{P}]/u;
  for (let c = 0; c < 0xd800; c++) if (separator.test(String.fromCharCode(c)) && !'#&._%-'.includes(String.fromCharCode(c))) table[c] = 1;
  for (let c = 0xe000; c < table.length; c++) if (separator.test(String.fromCharCode(c))) table[c] = 1;
  separatorTable = table;
  return table;
}

/**
 * Folded text segmented once: the word-column tokens of each jieba word, so the streams of every
 * clause of a document are read off one segmentation of the document's text instead of
 * segmenting each clause again.
 */
export class SegmentedText {
  /** Word-column tokens of every word, in order. */
  readonly #tokens: string[] = [];
  /** Where word k starts in the text; one more entry, the text's length. */
  readonly #starts: number[] = [];
  /** Index in #tokens of word k's first token; one more entry, the count. */
  readonly #firsts: number[] = [];

  constructor(readonly text: string) {
    let at = 0;
    for (const word of cut(text)) {
      this.#starts.push(at);
      this.#firsts.push(this.#tokens.length);
      pushWordTokens(word, this.#tokens);
      at += word.length;
    }
    this.#starts.push(at);
    this.#firsts.push(this.#tokens.length);
  }

  /**
   * The body and heading streams of the span `[start, end)` as {@link unitWordStreams} makes them
   * for the span's text alone (`heading` relative to the span), or null when segmenting the span
   * alone could cut it otherwise: it must begin and end between words, next to a separator.
   */
  spanStreams(start: number, end: number, heading: { start: number; end: number } | null): { body: string; heading: string } | null {
    const from = this.#splitAt(start);
    const to = this.#splitAt(end);
    if (from < 0 || to < 0) return null;
    let head = '';
    if (heading !== null) {
      // Words wholly inside the heading: from the first starting at or after its start to the last ending at or before its end.
      const first = Math.max(from, lowerBound(this.#starts, start + heading.start));
      const last = Math.min(to, upperBound(this.#starts, start + heading.end) - 1);
      if (first < last) head = this.#stream(first, last);
    }
    return { body: this.#stream(from, to), heading: head };
  }

  /** The word starting at `offset` when jieba splits the text there whatever surrounds it, else -1. */
  #splitAt(offset: number): number {
    const k = lowerBound(this.#starts, offset);
    if (this.#starts[k] !== offset) return -1;
    const table = separators();
    const { text } = this;
    const split = offset === 0 || offset === text.length || table[text.charCodeAt(offset - 1)] === 1 || table[text.charCodeAt(offset)] === 1;
    return split ? k : -1;
  }

  #stream(from: number, to: number): string {
    return this.#tokens.slice(this.#firsts[from], this.#firsts[to]).join(' ');
  }
}

/** The first index whose value is at least `value` (the length when none is). */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is greater than `value` (the length when none is). */
function upperBound(sorted: readonly number[], value: number): number {
  return lowerBound(sorted, value + 1);
}

/**
 * A unit's body words ({@link wordStream}) and the words of its heading, the span `heading` of the
 * same folded text, from one segmentation: the heading holds the words that lie wholly inside it,
 * as segmented in context. (Segmenting the heading again cost a sixth of indexing's segmentation,
 * and a heading cut short mid-word came out as stray characters.)
 */
export function unitWordStreams(folded: string, heading: { start: number; end: number } | null): { body: string; heading: string } {
  return new SegmentedText(folded).spanStreams(0, folded.length, heading)!;
}

/** The FTS5 phrase of one jieba word as the word columns hold it, or null when it holds no word. */
export function wordPhrase(word: string): string | null {
  const out: string[] = [];
  pushToken(word, out);
  return out.length > 0 ? `"${out.join(' ')}"` : null;
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * The FTS5 phrase matching a literal folded string in the bigram stream, or null when the
 * string holds nothing searchable. The last token is a prefix when the string ends in a single
 * Han character or in a word (so `cov` finds `covid`, and `年` finds `年度`).
 */
export function literalPhrase(folded: string): string | null {
  const parts = runs(folded);
  const tokens: string[] = [];
  let prefix = false;
  parts.forEach((run, i) => {
    const last = !parts.slice(i + 1).some((r) => r.han || WORD.test(r.text));
    if (!run.han) {
      if (WORD.test(run.text)) {
        pushWords(run.text, tokens);
        prefix = last;
      }
      return;
    }
    if (run.chars.length === 1 && last) {
      tokens.push(run.chars[0]!);
      prefix = true;
      return;
    }
    tokens.push(...bigrams(run.chars));
    if (!last) tokens.push(run.chars[run.chars.length - 1]!);
    prefix = false;
  });
  if (tokens.length === 0) return null;
  const quoted = `"${tokens.join(' ').replace(/"/g, '""')}"`;
  return prefix ? `${quoted} *` : quoted;
}
