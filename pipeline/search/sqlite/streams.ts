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

/** The bigram stream of folded text, as indexed (the hot path of indexing, hence the index loop). */
export function bigramStream(folded: string): string {
  const out: string[] = [];
  let prev = '';
  let other = -1;
  for (let i = 0; i < folded.length; i++) {
    let code = folded.charCodeAt(i);
    let width = 1;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < folded.length) {
      code = folded.codePointAt(i)!;
      width = code > 0xffff ? 2 : 1;
    }
    if (isHan(code)) {
      if (other !== -1) {
        pushWords(folded, out, other, i);
        other = -1;
      }
      const ch = folded.slice(i, i + width);
      if (prev) out.push(prev + ch);
      prev = ch;
    } else {
      if (prev) {
        out.push(prev);
        prev = '';
      }
      if (other === -1) other = i;
    }
    i += width - 1;
  }
  if (prev) out.push(prev);
  if (other !== -1) pushWords(folded, out, other);
  return out.join(' ');
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

/**
 * A unit's body words ({@link wordStream}) and the words of its heading, the span `heading` of the
 * same folded text, from one segmentation: the heading holds the words that lie wholly inside it,
 * as segmented in context. (Segmenting the heading again cost a sixth of indexing's segmentation,
 * and a heading cut short mid-word came out as stray characters.)
 */
export function unitWordStreams(folded: string, heading: { start: number; end: number } | null): { body: string; heading: string } {
  const body: string[] = [];
  const head: string[] = [];
  let at = 0;
  for (const word of cut(folded)) {
    const from = body.length;
    // Search mode adds nothing to a word of one or two units, and a Han word's sub-words are Han.
    if (word.length <= 2) pushToken(word, body);
    else if (allHan(word)) pushSearchWord(word, body);
    else {
      const tokens: string[] = [];
      pushSearchWord(word, tokens);
      for (const t of tokens) pushToken(t, body);
    }
    const end = at + word.length;
    if (heading !== null && at >= heading.start && end <= heading.end) for (let i = from; i < body.length; i++) head.push(body[i]!);
    at = end;
  }
  return { body: body.join(' '), heading: head.join(' ') };
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
